public import KioskCore
import KioskUI
import Logging

extension KioskSession {
    /// Asks central about an application number (scanned or typed); only the answer's status is logged.
    func askCollectionStatus(_ number: String) async {
        guard let collectionStatus else {
            state = .collectionSearch(entry: "", problem: Self.collectionUnavailable)
            return
        }
        guard ApplicationNumber.isValid(number) else {
            state = .collectionSearch(entry: number, problem: Self.invalidApplicationNumber)
            return
        }
        switch await collectionStatus.status(applicationNumber: number) {
        case .success(let answer):
            logger.info("Collection status answered", metadata: ["kiosk.collection.status": "\(answer.status.rawValue)"])
            state = .collectionAnswer(answer)
        case .failure(let problem):
            logger.warning("Collection status unavailable", metadata: ["kiosk.collection.problem": "\(problem.code)"])
            state = .collectionSearch(entry: number, problem: problem.message)
        }
    }

    static let collectionUnavailable = Message(
        key: "collection.unavailable",
        de: "Die Abfrage ist an diesem Terminal nicht eingerichtet. Bitte fragen Sie am Empfang.",
        en: "This check is not set up at this terminal. Please ask at the reception desk.")
    static let invalidApplicationNumber = Message(
        key: "collection.invalidNumber",
        de: "Das ist keine Antragsnummer. Sie steht auf Ihrem Abholschein (nur Buchstaben, Ziffern und Bindestriche).",
        en: "That is not an application number. It is on your collection receipt (letters, digits and hyphens only).")

    func collectionScreen() -> Screen {
        switch state {
        case .collectionAnswer(let answer):
            var body: [String] = []
            if !answer.bring.isEmpty {
                let items = answer.bring.map { text($0.message) }.joined(separator: ", ")
                body.append(text("collection.bring", ["items": items]))
            }
            return Screen(
                id: "collection.answer", title: text("collection.title"), subtitle: settings.catalog.site.name[language],
                notice: Notice(kind: answer.status == .ready ? .info : .warning, text: text(answer.status.message)),
                body: body, footer: footer)
        case let .collectionSearch(entry, problem):
            return Screen(
                id: "collection.search", title: text("collection.title"), subtitle: settings.catalog.site.name[language],
                notice: problem.map { Notice(kind: .warning, text: text($0)) },
                body: [text(collectionStatus == nil ? "collection.unavailable" : "collection.prompt")],
                entry: TextEntry(label: text("collection.entry"), text: entry),
                footer: entryFooter)
        default:
            return homeScreen()
        }
    }
}

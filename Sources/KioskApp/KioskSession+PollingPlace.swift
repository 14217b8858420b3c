import Foundation
public import KioskCore
import KioskMetrics
import KioskStore
import KioskUI
import Logging

extension KioskSession {
    var hasPollingDirectory: Bool { pollingDirectory != nil }

    /// Re-reads the directory if an import replaced it, and opens the search screen.
    func startPollingSearch() {
        reloadPollingDirectory()
        state = .pollingSearch(entry: "", problem: nil, suggestions: [])
    }

    func reloadPollingDirectory() {
        do {
            let stamp = try store.pollingDirectoryImportedAt()
            guard stamp != pollingDirectoryStamp || (stamp != nil && pollingDirectory == nil) else { return }
            pollingDirectory = try store.pollingDirectory()
            pollingDirectoryStamp = stamp
        } catch {
            logger.error("Polling directory unreadable", metadata: ["kiosk.error": "\(error)"])
        }
    }

    /// The district from a notice's QR code; the voter number is not even passed in.
    func showPollingPlace(district: String) {
        reloadPollingDirectory()
        guard let directory = pollingDirectory else {
            state = .pollingSearch(entry: "", problem: Self.pollingUnavailable, suggestions: [])
            return
        }
        if let place = directory.pollingPlace(district: district) {
            logger.info("Polling place found", metadata: ["kiosk.wahl.source": "scan"])
            state = .pollingPlace(place, slip: .notRequested)
        } else {
            logger.info("Polling place not found", metadata: ["kiosk.wahl.source": "scan"])
            state = .pollingSearch(entry: "", problem: Self.unknownDistrict, suggestions: [])
        }
    }

    /// What was typed: digits alone are a district number, otherwise street and house number ("Am Raubfang 21",
    /// "Hauptstr. 4a"); the house number is the last word that starts with a digit.
    func searchPollingPlace(_ entry: String) {
        let typed = entry.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return }
        guard let directory = pollingDirectory else {
            state = .pollingSearch(entry: entry, problem: Self.pollingUnavailable, suggestions: [])
            return
        }
        if typed.allSatisfy(\.isNumber) {
            if let place = directory.pollingPlace(district: typed) {
                logger.info("Polling place found", metadata: ["kiosk.wahl.source": "district"])
                state = .pollingPlace(place, slip: .notRequested)
            } else {
                state = .pollingSearch(entry: entry, problem: Self.unknownDistrict, suggestions: [])
            }
            return
        }
        let (street, houseNumber) = Self.splitAddress(typed)
        guard let houseNumber else {
            state = .pollingSearch(entry: entry, problem: AddressLookup.invalidHouseNumber.message, suggestions: [])
            return
        }
        switch directory.lookup(street: street, houseNumber: houseNumber) {
        case .found(_, let places) where places.count == 1:
            logger.info("Polling place found", metadata: ["kiosk.wahl.source": "address"])
            state = .pollingPlace(places[0], slip: .notRequested)
        case .found(let street, _):
            // The directory lists the address in several districts: only the notice can say which is right.
            state = .pollingSearch(
                entry: entry,
                problem: Message(
                    key: "wahl.severalDistricts",
                    de: "\(street) \(houseNumber) gehört zu mehreren Wahlbezirken. Bitte geben Sie die Wahlbezirksnummer von Ihrer Wahlbenachrichtigung ein oder fragen Sie am Empfang.",
                    en: "\(street) \(houseNumber) belongs to several districts. Please enter the district number from your election notice or ask at the reception desk.",
                    values: ["street": "\(street)", "number": "\(houseNumber)"]),
                suggestions: [])
        case .ambiguousStreet(let candidates):
            state = .pollingSearch(entry: entry, problem: AddressLookup.ambiguousStreet(candidates: candidates).message, suggestions: candidates)
        case .unknownStreet(let suggestions):
            state = .pollingSearch(entry: entry, problem: AddressLookup.unknownStreet(suggestions: suggestions).message, suggestions: suggestions)
        case let other:
            state = .pollingSearch(entry: entry, problem: other.message, suggestions: [])
        }
    }

    /// "Am Raubfang 21" → ("Am Raubfang", "21"); "Hauptstr. 4 a" → ("Hauptstr.", "4a"); no number → nil.
    static func splitAddress(_ typed: String) -> (street: String, houseNumber: String?) {
        var words = typed.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard let index = words.lastIndex(where: { $0.first?.isNumber == true }), index > 0 else { return (typed, nil) }
        let number = words[index...].joined()
        words.removeSubrange(index...)
        return (words.joined(separator: " "), number)
    }

    func printSlip(_ place: PollingPlace) async {
        do {
            let printed = try await printer.printSlip(PollingSlipPrintout(place: place, language: language, catalog: settings.texts))
            state = .pollingPlace(place, slip: .printed(preview: printed.preview))
            metrics.printed(document: "slip", outcome: "printed")
        } catch {
            metrics.printed(document: "slip", outcome: error.reason)
            logger.warning("Slip not printed", metadata: ["kiosk.print.reason": "\(error.reason)"])
            state = .pollingPlace(place, slip: .failed(error.message))
        }
    }

    static let pollingUnavailable = Message(
        key: "wahl.unavailable",
        de: "Die Wahlraumsuche ist an diesem Terminal nicht eingerichtet. Bitte fragen Sie am Empfang.",
        en: "The polling place search is not set up at this terminal. Please ask at the reception desk.")
    static let unknownDistrict = Message(
        key: "wahl.unknownDistrict",
        de: "Diesen Wahlbezirk kennen wir nicht. Bitte prüfen Sie die Nummer auf Ihrer Wahlbenachrichtigung oder geben Sie Straße und Hausnummer ein.",
        en: "We do not know this district. Please check the number on your election notice or enter your street and house number.")

    func pollingScreen() -> Screen {
        let subtitle = pollingDirectory?.election.name[language]
        switch state {
        case let .pollingPlace(place, slip):
            var body = [place.name, place.street, place.town]
            if let room = place.room { body.append(text("slip.room", ["room": room])) }
            body.append(text("wahl.district", ["district": place.district]))
            body.append(text("wahl.hours", ["date": place.day.germanFormat, "start": "\(place.hours.start)", "end": "\(place.hours.end)"]))
            let notice: Notice
            var aside: [String]?
            switch slip {
            case .notRequested:
                notice = Notice(kind: place.isStepFree ? .info : .warning, text: text(place.isStepFree ? "wahl.stepFree" : "wahl.notStepFree"))
            case .printed(let preview):
                notice = Notice(kind: .info, text: text("wahl.printed"))
                aside = preview
            case .failed(let message):
                notice = Notice(kind: .error, text: text("wahl.notPrinted") + " " + text(message))
            }
            return Screen(
                id: "wahl.place", title: text("wahl.resultTitle"), subtitle: subtitle, notice: notice, body: body,
                options: [Option(key: "D", label: text("wahl.print")), Option(key: "N", label: text("wahl.title"))],
                aside: aside, footer: footer)
        case let .pollingSearch(entry, problem, suggestions):
            var body = [text(pollingDirectory == nil ? "wahl.unavailable" : "wahl.prompt")]
            if !suggestions.isEmpty { body.append(text("wahl.suggestions", ["streets": suggestions.prefix(5).joined(separator: ", ")])) }
            return Screen(
                id: "wahl.search", title: text("wahl.title"), subtitle: subtitle,
                notice: problem.map { Notice(kind: .warning, text: text($0)) }, body: body,
                entry: TextEntry(label: text("wahl.entry"), text: entry),
                footer: entryFooter)
        default:
            return homeScreen()
        }
    }
}

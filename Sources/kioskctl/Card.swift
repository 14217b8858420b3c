import ArgumentParser
import CardReader
import Foundation
import KioskCore

/// `kioskctl card`: the card readers, whether a card lies on each, its ATR and what kind of card it is.
struct Card: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Card readers (PC/SC): readers, card state, ATR and card type.")

    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        let survey: CardSurvey
        do {
            survey = try CardSurvey.take()
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(json ? CardReport.json(survey) : CardReport.text(survey))
    }
}

/// The survey as text for a terminal and as JSON for scripts.
enum CardReport {
    static func text(_ survey: CardSurvey) -> String {
        guard !survey.readers.isEmpty else {
            return "Kein Kartenleser gefunden / no card reader found"
        }
        var lines: [String] = []
        for reader in survey.readers {
            lines.append(reader.name)
            guard reader.cardPresent else {
                lines.append("  Karte: keine Karte / no card")
                continue
            }
            if let problem = reader.problem { lines.append("  Karte: nicht lesbar / unreadable — \(problem)") }
            guard let inspection = reader.inspection else { continue }
            lines.append("  ATR:   \(inspection.atrBytes.map { String(format: "%02X", $0) }.joined(separator: " "))")
            if inspection.atr == nil { lines.append("         ungültig / invalid (ISO/IEC 7816-3)") }
            let identification = inspection.identification
            let certainty = identification.confirmed ? "bestätigt / confirmed (EF.CardAccess)" : "nach ATR / by ATR"
            lines.append("  Typ:   \(identification.kind.name) — \(certainty)")
            if let pace = inspection.cardAccess?.paceInfos.first {
                lines.append("  PACE:  Version \(pace.version), Parameter \(pace.parameterID.map(String.init) ?? "-")")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ survey: CardSurvey) -> String {
        let readers: [[String: Any]] = survey.readers.map { reader in
            var entry: [String: Any] = ["name": reader.name, "cardPresent": reader.cardPresent]
            if let inspection = reader.inspection {
                entry["atr"] = inspection.atrBytes.map { String(format: "%02X", $0) }.joined()
                entry["atrValid"] = inspection.atr != nil
                entry["card"] = inspection.identification.kind.rawValue
                entry["confirmed"] = inspection.identification.confirmed
            }
            if let problem = reader.problem { entry["problem"] = problem.description }
            return entry
        }
        let data = (try? JSONSerialization.data(withJSONObject: ["readers": readers], options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

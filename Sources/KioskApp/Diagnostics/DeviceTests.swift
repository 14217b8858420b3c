public import Foundation
public import KioskCore
public import Printing

/// The device tests a technician runs, from `kioskctl diag --test` and from the kiosk's technician menu alike.
///
/// Each test uses the device it is given (the kiosk's own, or one kioskctl opened), waits at most `within`, and
/// reports what happened without what was read: a scan's symbology and length, never its content; a card's kind
/// from its ATR, nothing read from the chip; a signature's point count, never the signature.
public enum DeviceTests {
    /// Prints the test page (every style, the printer's state) and reports where it went.
    public static func printer(_ printer: any ManagedPrinter, at now: Date) async -> DeviceTestResult {
        let before = await printer.status()
        let page = TestPage.document(profile: printer.profile, printer: printer.identifier, status: before, at: now)
        do {
            let destination = try await printer.printDocument(page, jobName: "kiosk-test-page-\(UUID().uuidString.prefix(8))")
            return DeviceTestResult(
                kind: "printer", passed: true,
                Message(de: "Testseite gedruckt: \(destination)", en: "Test page printed: \(destination)"))
        } catch let failure as PrintFailure {
            return DeviceTestResult(
                kind: "printer", passed: false,
                Message(de: "Testseite nicht gedruckt: \(failure.message[.german])", en: "Test page not printed: \(failure.message[.english])"))
        } catch {
            return DeviceTestResult(
                kind: "printer", passed: false, Message(de: "Testseite nicht gedruckt: \(error)", en: "Test page not printed: \(error)"))
        }
    }

    /// Waits for one scan and reports its symbology and size.
    public static func scanner(_ scanner: any BarcodeScanning, within: Duration) async -> DeviceTestResult {
        let outcome = await first(within: within) { () async -> DeviceTestResult? in
            for await event in scanner.events() {
                if let result = scannerResult(for: event) { return result }
            }
            return nil
        }
        return outcome ?? DeviceTestResult(kind: "scanner", passed: false, timedOut(within, de: "kein Scan", en: "no scan"))
    }

    /// Waits for a card on any reader and reports the reader and the card's kind from its ATR.
    public static func card(_ reader: any CardReading, within: Duration) async -> DeviceTestResult {
        let outcome = await first(within: within) { () async -> DeviceTestResult? in
            for await event in reader.events() {
                if let result = cardResult(for: event) { return result }
            }
            return nil
        }
        return outcome ?? DeviceTestResult(kind: "card", passed: false, timedOut(within, de: "keine Karte", en: "no card"))
    }

    /// Asks for a signature on the pad and reports how many points arrived until it was confirmed.
    public static func signature(_ pad: any SignatureCapturing, within: Duration) async -> DeviceTestResult {
        let outcome = await first(within: within) { () async -> DeviceTestResult? in
            let events: AsyncStream<SignatureEvent>
            do {
                events = try await pad.begin(SignaturePrompt(instruction: "Test / Technik"))
            } catch {
                let problem = (error as? SignatureCaptureError)?.problem ?? Message(de: "\(error)", en: "\(error)")
                return DeviceTestResult(kind: "signature", passed: false, problem)
            }
            var points = 0
            for await event in events {
                switch event {
                case .point: points += 1
                case .confirmed:
                    return DeviceTestResult(
                        kind: "signature", passed: points > 0,
                        Message(de: "Unterschrift bestätigt, \(points) Punkte (nicht gespeichert).", en: "Signature confirmed, \(points) points (not kept)."))
                case .cancelled:
                    return DeviceTestResult(
                        kind: "signature", passed: false, Message(de: "Am Pad abgebrochen.", en: "Cancelled on the pad."))
                case .detached:
                    return DeviceTestResult(kind: "signature", passed: false, Message(de: "Pad getrennt.", en: "Pad detached."))
                default:
                    continue
                }
            }
            return nil
        }
        return outcome ?? DeviceTestResult(kind: "signature", passed: false, timedOut(within, de: "keine Unterschrift", en: "no signature"))
    }

    /// What a scanner event means for the scanner test; nil: keep waiting. The kiosk's technician menu, which
    /// gets its scanner's events through the kiosk loop, asks the same.
    public static func scannerResult(for event: ScannerEvent) -> DeviceTestResult? {
        switch event {
        case .scanned(let code):
            DeviceTestResult(
                kind: "scanner", passed: true,
                Message(
                    de: "Scan gelesen: \(code.symbology.rawValue), \(code.data.count) Bytes (Inhalt nicht angezeigt).",
                    en: "Scan read: \(code.symbology.rawValue), \(code.data.count) bytes (content not shown)."))
        case .unreadable(_, let problem):
            DeviceTestResult(
                kind: "scanner", passed: false, Message(de: "Scan nicht lesbar: \(problem[.german])", en: "Scan unreadable: \(problem[.english])"))
        case .detached:
            DeviceTestResult(kind: "scanner", passed: false, Message(de: "Scanner getrennt.", en: "Scanner detached."))
        case .attached:
            nil
        }
    }

    /// What a card reader event means for the card test; nil: keep waiting.
    public static func cardResult(for event: CardReaderEvent) -> DeviceTestResult? {
        switch event {
        case .cardInserted(let name, let atr):
            let kind = (try? AnswerToReset(bytes: atr)).map { CardIdentification.identify(atr: $0, cardAccess: nil).kind } ?? .unknown
            return DeviceTestResult(
                kind: "card", passed: true,
                Message(de: "Karte erkannt an \(name): \(kind.name[.german]).", en: "Card detected on \(name): \(kind.name[.english])."))
        case .serviceUnavailable(let problem):
            return DeviceTestResult(kind: "card", passed: false, problem)
        default:
            return nil
        }
    }

    static func timedOut(_ within: Duration, de: String, en: String) -> Message {
        let seconds = within.components.seconds
        return Message(de: "Zeit abgelaufen (\(seconds) s): \(de).", en: "Timed out (\(seconds) s): \(en).")
    }

    /// The body's answer, or nil when `within` passes first; the loser is cancelled.
    static func first<T: Sendable>(within: Duration, _ body: @escaping @Sendable () async -> T?) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(for: within)
                return nil
            }
            let winner = await group.next() ?? nil
            group.cancelAll()
            return winner
        }
    }
}

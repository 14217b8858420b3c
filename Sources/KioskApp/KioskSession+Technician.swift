import Foundation
import KioskCore
import KioskUI
import Logging
import Printing

/// The technician menu's view: the last report, the tests run, and the test waiting for a scan or a card.
struct TechnicianView: Equatable {
    var report: DiagnosticReport?
    var results: [DeviceTestResult] = []
    var waiting: DeviceTestRunner.Kind?
}

extension KioskSession {
    /// The technician menu's keys: F9 on the home screen asks for the PIN (no hint on screen); in the menu 1 to 4 run
    /// the device tests, R reads the report again, X or Esc leaves. Returns false for inputs that are not its own.
    func handleTechnician(_ input: KioskInput) async -> Bool {
        switch (state, input) {
        case (.home, .technician):
            let locked = technicianLockedUntil.map { now() < $0 } ?? false
            let problem: Message? =
                settings.configuration.technicianPINHash == nil ? Self.technicianNotSet : locked ? Self.technicianLocked : nil
            state = .technicianPIN(digits: "", problem: problem)
            return true
        case (.technicianPIN(let digits, _), .digit(let digit)):
            state = .technicianPIN(digits: digits.count < 12 ? digits + String(digit) : digits, problem: nil)
            return true
        case (.technicianPIN(let digits, _), .character(let character)) where character.isASCII && character.isNumber:
            state = .technicianPIN(digits: digits.count < 12 ? digits + String(character) : digits, problem: nil)
            return true
        case (.technicianPIN(let digits, _), .deleteBackward):
            state = .technicianPIN(digits: String(digits.dropLast()), problem: nil)
            return true
        case (.technicianPIN(let digits, _), .confirm):
            await checkTechnicianPIN(digits)
            return true
        case (.technicianPIN, .back):
            returnHome()
            return true
        case (.technicianPIN, _):
            return true  // letters and other keys do nothing here, and do not leave
        case (.technicianMenu(var view), .digit(let digit)) where (1...4).contains(digit):
            view.waiting = nil
            switch digit {
            case 1:
                view.results.append(await technicianPrinterTest())
            case 2:
                view.waiting = .scanner
            case 3:
                // The pad is not kioskd's: opened for the test and released again, as kioskctl does.
                state = .technicianMenu(view)
                let result = await technicianTools?.runDetached(.signature) ?? Self.unavailable("signature")
                view.results.append(result)
            default:
                view.waiting = .card
            }
            logger.info("Technician test", metadata: ["kiosk.technician.test": "\(digit)"])
            state = .technicianMenu(view)
            return true
        case (.technicianMenu(var view), .character(let key)) where key.uppercased() == "R":
            view.report = await technicianTools?.report()
            state = .technicianMenu(view)
            return true
        case (.technicianMenu(var view), .back) where view.waiting != nil:
            view.waiting = nil
            state = .technicianMenu(view)
            return true
        case (.technicianMenu, .back), (.technicianMenu, .character("X")), (.technicianMenu, .character("x")):
            logger.info("Technician menu closed")
            returnHome()
            return true
        case (.technicianMenu, _):
            return true
        default:
            return false
        }
    }

    func checkTechnicianPIN(_ digits: String) async {
        guard let hash = settings.configuration.technicianPINHash else {
            state = .technicianPIN(digits: "", problem: Self.technicianNotSet)
            return
        }
        if let until = technicianLockedUntil, now() < until {
            state = .technicianPIN(digits: "", problem: Self.technicianLocked)
            return
        }
        guard TechnicianPIN.verify(digits, hash: hash) else {
            technicianFailures += 1
            logger.notice("Technician PIN refused", metadata: ["kiosk.technician.failures": "\(technicianFailures)"])
            if technicianFailures >= TechnicianPIN.maxAttempts {
                technicianFailures = 0
                technicianLockedUntil = now().addingTimeInterval(TechnicianPIN.lockSeconds)
                state = .technicianPIN(digits: "", problem: Self.technicianLocked)
            } else {
                let left = String(TechnicianPIN.maxAttempts - technicianFailures)
                state = .technicianPIN(
                    digits: "", problem: Message(de: "Falsche PIN. Noch \(left) Versuche.", en: "Wrong PIN. \(left) tries left."))
            }
            return
        }
        technicianFailures = 0
        logger.info("Technician menu opened")
        state = .technicianMenu(TechnicianView(report: await technicianTools?.report()))
    }

    func technicianPrinterTest() async -> DeviceTestResult {
        guard let managed = printer as? any ManagedPrinter else { return Self.unavailable("printer") }
        return await DeviceTests.printer(managed, at: now())
    }

    /// A scan in the technician screens: the scanner test's result when it waits, and never a citizen's flow.
    func technicianScanned(_ event: ScannerEvent) -> Bool {
        if case .technicianPIN = state { return true }
        guard case .technicianMenu(var view) = state else { return false }
        guard view.waiting == .scanner else { return true }
        guard let result = DeviceTests.scannerResult(for: event) else { return true }
        view.results.append(result)
        view.waiting = nil
        state = .technicianMenu(view)
        return true
    }

    /// A card event in the technician screens: the card test's result when it waits, never the PIN service.
    func technicianCard(_ event: CardReaderEvent) -> Bool {
        if case .technicianPIN = state { return true }
        guard case .technicianMenu(var view) = state else { return false }
        guard view.waiting == .card else { return true }
        guard let result = DeviceTests.cardResult(for: event) else { return true }
        view.results.append(result)
        view.waiting = nil
        state = .technicianMenu(view)
        return true
    }

    static func unavailable(_ kind: String) -> DeviceTestResult {
        DeviceTestResult(
            kind: kind, passed: false, Message(de: "An diesem Terminal nicht verfügbar.", en: "Not available at this terminal."))
    }

    static let technicianNotSet = Message(
        de: "Keine Techniker-PIN eingerichtet (kioskctl technician-pin).", en: "No technician PIN set up (kioskctl technician-pin).")
    static let technicianLocked = Message(
        de: "Zu viele falsche PINs. Bitte 5 Minuten warten.", en: "Too many wrong PINs. Please wait 5 minutes.")

    func technicianScreen() -> Screen {
        switch state {
        case let .technicianPIN(digits, problem):
            return Screen(
                id: "technician.pin", title: text("technician.title"),
                notice: problem.map { Notice(kind: .warning, text: text($0)) }, body: [text("technician.pin.hint")],
                entry: TextEntry(label: text("technician.pin"), text: String(repeating: "•", count: digits.count)),
                footer: [FooterHint(key: "Enter", label: text("footer.choose")), FooterHint(key: "⌫", label: text("footer.delete"))]
                    + [FooterHint(key: "Esc", label: text("footer.back"))])
        case .technicianMenu(let view):
            var body: [String] = []
            if let report = view.report {
                for device in report.devices {
                    let detail = language == .german ? device.detailDE : device.detailEN
                    body.append("\(device.kind): \(text("technician.level." + device.level.rawValue)) – \(device.name) – \(detail)")
                }
                if let sync = report.sync {
                    body.append(
                        text(
                            "technician.sync",
                            [
                                "pending": String(sync.outboxPending),
                                "ack": sync.lastAcknowledged.map { calendar.timeOfDay(of: $0).description } ?? "–",
                            ]))
                }
            }
            for result in view.results.suffix(4) {
                body.append("\(text("technician.test")) \(result.kind): \(result.passed ? "✓" : "✗") \(text(result.message))")
            }
            let notice: Notice? =
                switch view.waiting {
                case .scanner?: Notice(kind: .info, text: text("technician.waiting.scanner"))
                case .card?: Notice(kind: .info, text: text("technician.waiting.card"))
                default: view.results.last.map { Notice(kind: $0.passed ? .info : .error, text: text($0.message)) }
                }
            return Screen(
                id: "technician.menu", title: text("technician.title"), subtitle: settings.configuration.terminal.rawValue,
                notice: notice, body: body,
                options: [
                    Option(key: "1", label: text("technician.test.printer")), Option(key: "2", label: text("technician.test.scanner")),
                    Option(key: "3", label: text("technician.test.signature")), Option(key: "4", label: text("technician.test.card")),
                    Option(key: "R", label: text("technician.refresh")), Option(key: "X", label: text("technician.exit")),
                ],
                footer: [FooterHint(key: "1-4", label: text("footer.choose")), FooterHint(key: "Esc", label: text("technician.exit"))])
        default:
            return homeScreen()
        }
    }
}

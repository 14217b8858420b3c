public import KioskCore
public import KioskUI
import Logging

/// The digits of one PIN service step and the steps still to come. Digits are wiped (overwritten with zeros)
/// as soon as they are used or the citizen leaves; they are never logged or stored.
struct PINEntry: Equatable {
    /// What the citizen does.
    enum Purpose: Equatable {
        case transportPIN, changePIN, resume, unblock
    }

    /// One number to type: its text key and how many digits it has.
    struct Step: Equatable {
        var label: String
        var digits: ClosedRange<Int>
    }

    var reader: String
    var purpose: Purpose
    var index = 0
    var collected: [[UInt8]] = []
    var typed: [UInt8] = []
    var problem: Message?

    var steps: [Step] {
        switch purpose {
        case .transportPIN: [Step(label: "pin.transport", digits: 5...5), Step(label: "pin.new", digits: 6...6), Step(label: "pin.repeat", digits: 6...6)]
        case .changePIN: [Step(label: "pin.current", digits: 6...6), Step(label: "pin.new", digits: 6...6), Step(label: "pin.repeat", digits: 6...6)]
        case .resume: [Step(label: "pin.can", digits: 6...6), Step(label: "pin.current", digits: 5...6)]
        case .unblock: [Step(label: "pin.puk", digits: 10...10)]
        }
    }

    /// Overwrites every digit held; call on a value nothing else shares (after taking it out of the state).
    mutating func wipe() {
        for index in typed.indices { typed[index] = 0 }
        for step in collected.indices {
            for index in collected[step].indices { collected[step][index] = 0 }
        }
        typed.removeAll()
        collected.removeAll()
    }
}

extension KioskSession {
    /// Handles what the card reader reports: an eID document opens the PIN service, taking it off ends it.
    public func handle(card event: CardReaderEvent) async -> Screen {
        if technicianCard(event) { return screen() }
        switch event {
        case let .cardInserted(reader, _):
            noteActivity()
            guard let idCards else { break }
            leavePINService()
            switch await idCards.inspect(reader: reader) {
            case let .eIDDocument(kind, status):
                logger.info("ID card inserted", metadata: ["kiosk.card.kind": "\(kind.rawValue)"])
                state = .pinMenu(reader: reader, kind: kind, status: status)
            case .otherCard(let kind):
                logger.info("Card without PIN service inserted", metadata: ["kiosk.card.kind": "\(kind.rawValue)"])
                scanNotice = Notice(kind: .warning, text: text("pin.otherCard"))
            case .unreadable(let message):
                logger.info("Card unreadable")
                scanNotice = Notice(kind: .warning, text: text(message))
            }
        case .cardRemoved(let reader):
            if pinReader == reader {
                leavePINService()
                returnHome()
                scanNotice = Notice(kind: .info, text: text("pin.removed"))
            }
        case .readerAdded(let reader):
            logger.info("Card reader ready", metadata: ["kiosk.card.reader": "\(reader)"])
        case .readerRemoved(let reader):
            logger.warning("Card reader gone", metadata: ["kiosk.card.reader": "\(reader)"])
        case .serviceUnavailable:
            logger.warning("Card reader service unavailable")
        }
        let shown = screen()
        await announce(shown)
        return shown
    }

    /// The reader the PIN service works with, if it is open.
    var pinReader: String? {
        switch state {
        case .pinMenu(let reader, _, _), .pinResult(let reader, _, _): reader
        case .pinEntry(let entry): entry.reader
        default: nil
        }
    }

    /// Wipes the digits typed so far (the entry is taken out of the state first, so the wipe hits the only copy).
    func leavePINService() {
        guard case .pinEntry(var entry) = state else { return }
        state = .home
        entry.wipe()
    }

    /// "Bitte 6 Ziffern eingeben." or, for a PIN of 5 or 6, "Bitte 5 oder 6 Ziffern eingeben."
    static func digitsWanted(_ digits: ClosedRange<Int>) -> Message {
        let (short, long) = (digits.lowerBound, digits.upperBound)
        guard short != long else {
            return Message(
                key: "pin.digits.exact", de: "Bitte \(short) Ziffern eingeben.", en: "Please enter \(short) digits.",
                values: ["count": "\(short)"])
        }
        return Message(
            key: "pin.digits.either", de: "Bitte \(short) oder \(long) Ziffern eingeben.", en: "Please enter \(short) or \(long) digits.",
            values: ["short": "\(short)", "long": "\(long)"])
    }

    func startPIN(_ purpose: PINEntry.Purpose, reader: String) {
        state = .pinEntry(PINEntry(reader: reader, purpose: purpose))
    }

    /// Inputs on the PIN entry screen: digits type (masked), backspace deletes, Enter takes the number.
    /// Returns false when the input is not for the entry.
    func handlePINEntry(_ input: KioskInput) async -> Bool {
        guard case .pinEntry(var entry) = state else { return false }
        let step = entry.steps[entry.index]
        switch input {
        case .digit(let digit):
            guard entry.typed.count < step.digits.upperBound else { return true }
            entry.problem = nil
            entry.typed.append(UInt8(ascii: "0") + UInt8(digit))
        case .character(let character) where character == "0":
            guard entry.typed.count < step.digits.upperBound else { return true }
            entry.typed.append(UInt8(ascii: "0"))
        case .deleteBackward:
            if !entry.typed.isEmpty { entry.typed[entry.typed.count - 1] = 0; entry.typed.removeLast() }
        case .confirm:
            guard step.digits.contains(entry.typed.count) else {
                entry.problem = Self.digitsWanted(step.digits)
                break
            }
            entry.collected.append(entry.typed)
            for index in entry.typed.indices { entry.typed[index] = 0 }
            entry.typed.removeAll()
            entry.index += 1
            if step.label == "pin.repeat", entry.collected[entry.collected.count - 1] != entry.collected[entry.collected.count - 2] {
                // The two new PINs differ: both are typed again.
                entry.index -= 2
                for _ in 0..<2 {
                    var dropped = entry.collected.removeLast()
                    for index in dropped.indices { dropped[index] = 0 }
                }
                entry.problem = Message(
                    key: "pin.mismatch",
                    de: "Die beiden neuen PINs stimmen nicht überein. Bitte die neue PIN noch einmal eingeben.",
                    en: "The two new PINs differ. Please enter the new PIN again.")
            }
            if entry.index == entry.steps.count {
                state = .home
                await perform(entry)
                return true
            }
        case .back:
            state = .home
            entry.wipe()
            returnHome()
            return true
        default:
            return true
        }
        state = .pinEntry(entry)
        return true
    }

    /// Runs the operation the entry collected; the entry's digits move into the operation and are wiped by the
    /// card service once used.
    func perform(_ entry: PINEntry) async {
        guard let idCards else { return }
        var entry = entry
        let reader = entry.reader
        let operation: PINOperation =
            switch entry.purpose {
            case .transportPIN, .changePIN: .change(current: entry.collected[0], new: entry.collected[1])
            case .resume: .resume(can: entry.collected[0], pin: entry.collected[1])
            case .unblock: .unblock(puk: entry.collected[0])
            }
        entry.wipe()
        state = .pinResult(reader: reader, Message(key: "pin.wait", de: "Bitte warten …", en: "Please wait …"), success: false)
        let outcome = await idCards.perform(operation, reader: reader)
        logger.info("PIN service used", metadata: ["kiosk.pin.operation": "\(entry.purpose)", "kiosk.pin.outcome": "\(outcome.logCode)"])
        switch outcome {
        case .done:
            let done: Message =
                switch entry.purpose {
                case .transportPIN, .changePIN: Message(key: "pin.done.set", de: "Ihre neue PIN ist gesetzt.", en: "Your new PIN is set.")
                case .resume: Message(key: "pin.done.resumed", de: "Die PIN ist wieder nutzbar.", en: "The PIN can be used again.")
                case .unblock: Message(key: "pin.done.unblocked", de: "Die PIN ist entsperrt: Sie haben wieder drei Versuche.", en: "The PIN is unblocked: three tries again.")
                }
            state = .pinResult(reader: reader, done, success: true)
        case let .failed(message, _):
            state = .pinResult(reader: reader, message, success: false)
        case .cardGone:
            returnHome()
            scanNotice = Notice(kind: .warning, text: text("pin.removed"))
        }
    }

    func pinScreen() -> Screen {
        switch state {
        case let .pinMenu(_, kind, status):
            var options: [Option] = []
            switch status {
            case .ready:
                options = [Option(key: "T", label: text("pin.menu.transport")), Option(key: "P", label: text("pin.menu.change"))]
            case .suspended: options = [Option(key: "C", label: text("pin.menu.resume"))]
            case .blocked: options = [Option(key: "U", label: text("pin.menu.unblock"))]
            case .deactivated: options = []
            }
            return Screen(
                id: "pin.menu", title: text("pin.title"), subtitle: text(kind.name),
                notice: Notice(kind: status == .ready(triesLeft: 3) ? .info : .warning, text: menuNotice(status)),
                body: [text("pin.body")], options: options, footer: footer)
        case .pinEntry(let entry):
            let step = entry.steps[entry.index]
            return Screen(
                id: "pin.entry", title: text("pin.title"), notice: entry.problem.map { Notice(kind: .warning, text: text($0)) },
                body: [text(step.label + ".hint")],
                entry: TextEntry(label: text(step.label), text: String(repeating: "•", count: entry.typed.count), keyboard: .digits),
                footer: [FooterHint(key: "Enter", label: text("footer.choose")), FooterHint(key: "⌫", label: text("footer.delete"))]
                    + [FooterHint(key: "Esc", label: text("footer.back"))])
        case let .pinResult(_, message, success):
            return Screen(
                id: success ? "pin.done" : "pin.failed", title: text("pin.title"),
                notice: Notice(kind: success ? .info : .error, text: text(message)), body: [text("pin.takeCard")], footer: footer)
        default:
            return homeScreen()
        }
    }
}

extension KioskSession {
    /// The PIN's state as the menu states it: the tries left when it is usable, what to do otherwise.
    func menuNotice(_ status: PINStatus) -> String {
        if case .ready(let tries) = status { return text("pin.ready", ["tries": String(tries)]) }
        return text(status.message)
    }
}

extension PINOutcome {
    /// A stable code for the log; never digits.
    var logCode: String {
        switch self {
        case .done: "done"
        case .failed: "failed"
        case .cardGone: "card-gone"
        }
    }
}

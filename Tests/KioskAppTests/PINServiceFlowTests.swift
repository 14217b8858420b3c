import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// An ID card's twin: a transport PIN, a PIN, retry counters, and the digits the kiosk handed over.
final class IDCardTwin: IDCardService, @unchecked Sendable {
    // @unchecked: the session calls it one operation at a time; the lock covers the test's reads.
    let lock = NSLock()
    var pin = Array("12345".utf8)
    var status = PINStatus.ready(triesLeft: 3)
    var kind = CardKind.germanIDCard
    private(set) var received: [PINOperation] = []

    func inspect(reader: String) async -> IDCardFinding {
        lock.withLock { kind.offersPINService ? .eIDDocument(kind, status) : .otherCard(kind) }
    }

    func perform(_ operation: PINOperation, reader: String) async -> PINOutcome {
        lock.withLock {
            received.append(operation)
            switch operation {
            case let .resume(can, current):
                guard can == Array("222222".utf8), current == pin else {
                    return .failed(Message(de: "Die Zugangsnummer (CAN) war falsch.", en: "The CAN was wrong."), status: status)
                }
                status = .ready(triesLeft: 1)
                return .done
            case .unblock(let puk):
                guard puk == Array("3333333333".utf8) else { return .failed(Message(de: "Die PUK war falsch.", en: "The PUK was wrong."), status: status) }
                status = .ready(triesLeft: 3)
                return .done
            case .change: break
            }
            guard case let .change(current, new) = operation else { return .cardGone }
            guard current == pin else {
                status = status == .ready(triesLeft: 3) ? .ready(triesLeft: 2) : .suspended
                return .failed(Message(de: "Die PIN war falsch.", en: "The PIN was wrong."), status: status)
            }
            pin = new
            return .done
        }
    }
}

@Suite struct PINServiceFlowTests {
    let card = IDCardTwin()
    let session: KioskSession
    let printer: EmulatedTicketPrinter

    init() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        var loaded = try SiteLoader.load(configuration: repository.appendingPathComponent("Kiosk/example/terminal.yaml"))
        loaded.settings.configuration.central = nil
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-pin-\(UUID().uuidString).sqlite").path
        let store = try KioskStore(path: path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        printer = EmulatedTicketPrinter(
            output: FileManager.default.temporaryDirectory.appendingPathComponent("pin-\(UUID().uuidString).bin"), profile: loaded.printerProfile)
        session = KioskSession(settings: loaded.settings, store: store, printer: printer, idCards: card, logger: Logger(label: "test"))
    }

    func type(_ digits: String) async -> Screen {
        var screen = await session.screen()
        for digit in digits { screen = await session.handle(.digit(Int(String(digit))!)) }
        return screen
    }

    @Test func anIDCardOpensThePINServiceAndTheTransportPINIsReplaced() async {
        let menu = await session.handle(card: .cardInserted(reader: "Virtual PCD 00 00", atr: []))
        #expect(menu.id == "pin.menu")
        #expect(menu.options.map(\.key) == ["T", "P"])
        #expect(menu.notice?.text == "Der Ausweis ist erkannt. Die PIN hat noch 3 Versuche.")
        _ = await session.handle(.character("t"))
        let typed = await type("12345")
        #expect(typed.entry?.text == "•••••", "digits are never shown")
        #expect(typed.entry?.label == "Transport-PIN")
        // A sixth digit does not fit a transport PIN.
        #expect(await session.handle(.digit(9)).entry?.text == "•••••")
        _ = await session.handle(.confirm)
        _ = await type("654321")
        _ = await session.handle(.confirm)
        _ = await type("654321")
        let done = await session.handle(.confirm)
        #expect(done.id == "pin.done", "\(done)")
        #expect(card.pin == Array("654321".utf8))
        #expect(!done.body.joined().contains("654321") && done.notice?.text.contains("654321") == false)
    }

    @Test func differentNewPINsAreTypedAgainAndAWrongPINSaysTheTriesLeft() async {
        _ = await session.handle(card: .cardInserted(reader: "r", atr: []))
        _ = await session.handle(.character("T"))
        _ = await type("11111")
        _ = await session.handle(.confirm)
        _ = await type("654321")
        _ = await session.handle(.confirm)
        _ = await type("654320")
        let mismatch = await session.handle(.confirm)
        #expect(mismatch.id == "pin.entry")
        #expect(mismatch.entry?.label == "Neue PIN")
        #expect(mismatch.notice?.text.contains("stimmen nicht überein") == true)
        _ = await type("654321")
        _ = await session.handle(.confirm)
        _ = await type("654321")
        let wrong = await session.handle(.confirm)
        #expect(wrong.id == "pin.failed")
        #expect(wrong.notice?.text == "Die PIN war falsch.")
        #expect(card.pin == Array("12345".utf8))
        #expect(card.received.count == 1, "the mismatch never reached the card")
    }

    @Test func tooFewDigitsAreNotTakenAndTakingTheCardOffEndsTheService() async {
        _ = await session.handle(card: .cardInserted(reader: "r", atr: []))
        _ = await session.handle(.character("T"))
        _ = await type("123")
        let short = await session.handle(.confirm)
        #expect(short.entry?.label == "Transport-PIN")
        #expect(short.notice?.text == "Bitte 5 Ziffern eingeben.")
        _ = await session.handle(.deleteBackward)
        #expect(await session.screen().entry?.text == "••")
        let removed = await session.handle(card: .cardRemoved(reader: "r"))
        #expect(removed.id == "home")
        #expect(removed.notice?.text.hasPrefix("Die Karte wurde vom Lesegerät genommen.") == true)
        #expect(card.received.isEmpty)
    }

    @Test func aSuspendedPINOffersTheCANAndAnotherCardGetsAClearMessage() async {
        card.status = .suspended
        let menu = await session.handle(card: .cardInserted(reader: "r", atr: []))
        #expect(menu.options.map(\.key) == ["C"])
        #expect(menu.notice?.text.contains("CAN") == true)
        _ = await session.handle(.back)
        card.kind = .girocard
        let other = await session.handle(card: .cardInserted(reader: "r", atr: []))
        #expect(other.id == "home")
        #expect(other.notice?.text.hasPrefix("Diese Karte hat keinen PIN-Dienst.") == true)
    }

    @Test func aSuspendedPINIsResumedWithTheCANAndABlockedOneUnblockedWithThePUK() async {
        card.status = .suspended
        _ = await session.handle(card: .cardInserted(reader: "r", atr: []))
        _ = await session.handle(.character("c"))
        #expect(await session.screen().entry?.label == "Zugangsnummer (CAN)")
        _ = await type("222222")
        _ = await session.handle(.confirm)
        #expect(await session.screen().entry?.label == "PIN")
        _ = await type("12345")
        let resumed = await session.handle(.confirm)
        #expect(resumed.id == "pin.done")
        #expect(resumed.notice?.text == "Die PIN ist wieder nutzbar.")
        _ = await session.handle(.back)
        card.status = .blocked
        let menu = await session.handle(card: .cardInserted(reader: "r", atr: []))
        #expect(menu.options.map(\.key) == ["U"])
        _ = await session.handle(.character("U"))
        _ = await type("3333333333")
        let unblocked = await session.handle(.confirm)
        #expect(unblocked.id == "pin.done")
        #expect(card.status == .ready(triesLeft: 3))
        guard case .unblock(let puk)? = card.received.last else {
            Issue.record("no unblock reached the card: \(card.received)")
            return
        }
        #expect(puk.count == 10)
    }
}

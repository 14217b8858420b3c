import Devices
import Foundation
import KioskCore
import KioskSealing
import KioskStore
import KioskSync
import KioskTesting
import KioskUI
import Logging
import Printing
import PrintingTesting
import Testing
@testable import KioskApp

/// Central as the pump sees it: records each batch and acknowledges every event in it.
final class RecordingTransport: SyncTransport, @unchecked Sendable {
    // @unchecked: `batches` is only touched under `lock`.
    private let lock = NSLock()
    private var recorded: [EventBatch] = []
    var batches: [EventBatch] { lock.withLock { recorded } }

    func send(_ batch: EventBatch, terminal: TerminalID) async throws(SyncError) -> IngestResult {
        lock.withLock { recorded.append(batch) }
        return IngestResult(appliedThrough: batch.events.last?.sequence ?? 0, applied: batch.events.count, duplicates: 0)
    }
    func requestBlock(_ request: BlockRequest, terminal: TerminalID) async throws(SyncError) -> NumberBlock {
        throw SyncError(.unreachable, detail: "test")
    }
    func calls(after: Int64) async throws(SyncError) -> [CallAnnouncement] { [] }
    func reportHealth(_ report: HealthReport, terminal: TerminalID) async throws(SyncError) {}
    func snapshot(terminal: TerminalID, etag: String?) async throws(SyncError) -> SnapshotAnswer { .unchanged }
}

/// Paying a fee at the kiosk: fee → method → IBAN → signature → confirm → receipt → event → acknowledgement.
@Suite struct PaymentFlowTests {
    let directory: URL
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))
    let loaded: SiteLoader.Loaded
    let printer: EmulatedTicketPrinter
    let store: KioskStore
    /// Central's key pair; its public half reaches the terminal in the snapshot (`withCentralKey`).
    let central = SealingPrivateKey()
    static let iban = "DE89370400440532013000"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-pay-\(UUID().uuidString)")
        let loaded = try ExampleSite.standalone(in: directory)
        self.loaded = loaded
        store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
    }

    static let layout = SignaturePadLayout(tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200)
    static var signed: [EmulatedSignaturePad.Step] { EmulatedSignaturePad.sampleSignature(layout: layout) }

    func session(pad: EmulatedSignaturePad?, printer: (any TicketPrinting)? = nil, withCentralKey: Bool = true) -> KioskSession {
        if withCentralKey {
            let snapshot = TerminalSnapshot(catalogYAML: "", queues: [], sealingKey: central.publicKey.base64)
            try! store.saveSnapshot(body: try! JSONEncoder().encode(snapshot), etag: "\"1\"", at: clock.now)
        }
        let clock = self.clock
        return KioskSession(
            settings: loaded.settings, store: store, printer: printer ?? self.printer, signaturePad: pad, logger: Logger(label: "test"),
            now: { clock.now })
    }

    /// Home → G → the service named `service` → its only fee → Enter: the method screen.
    func toMethods(_ session: KioskSession, service: String = "Meldebescheinigung") async throws -> Screen {
        var screen = await session.handle(.character("g"))
        #expect(screen.id == "payment.service")
        let index = try #require(screen.options.firstIndex { $0.label == service })
        screen = await session.handle(.digit(index + 1))
        #expect(screen.id == "payment.fees")
        #expect(screen.highlight == "10,00 €", "a service with one fee has it chosen")
        return await session.handle(.confirm)
    }

    func type(_ text: String, into session: KioskSession) async -> Screen {
        var screen = await session.screen()
        for character in text {
            screen = await session.handle(character.isNumber && character != "0" ? .digit(Int(String(character))!) : .character(character))
        }
        return screen
    }

    /// Method 3, the IBAN (first mistyped, then right), Enter on the confirmation: the pad signs.
    func payBySEPA(_ session: KioskSession) async throws -> Screen {
        var screen = try await toMethods(session)
        #expect(screen.id == "payment.method")
        #expect(screen.options.map(\.label) == ["Karte am Schalter", "Bar an der Stadtkasse", "SEPA-Lastschrift"])
        screen = await session.handle(.digit(3))
        #expect(screen.id == "payment.iban")
        screen = await type("de89 3704 0044 0532 0130 01", into: session)
        #expect(screen.entry?.text == "DE89 3704 0044 0532 0130 01")
        screen = await session.handle(.confirm)
        #expect(screen.id == "payment.iban")
        #expect(screen.notice?.text.contains("Prüfziffern") == true)
        _ = await session.handle(.deleteBackward)
        _ = await type("0", into: session)
        screen = await session.handle(.confirm)
        #expect(screen.id == "payment.confirm")
        #expect(screen.highlight == "10,00 €")
        #expect(screen.body.contains("IBAN: DE … 3000"))
        #expect(!screen.body.joined().contains("37040044"), "the confirmation shows the IBAN masked")
        return await session.handle(.confirm)
    }

    @Test func theWholeSEPAFlowPrintsTheReceiptSyncsTheEventAndDeletesTheSignatureOnceAcknowledged() async throws {
        let pad = EmulatedSignaturePad(captures: [Self.signed])
        let session = session(pad: pad)
        let screen = try await payBySEPA(session)
        #expect(screen.id == "payment.done")
        #expect(screen.highlight == "10,00 €")
        #expect(pad.shownPrompts.map(\.amount) == [Money(cents: 1000)], "the pad shows the amount the signature confirms")

        // The receipt: amount, Kassenzeichen, mandate reference, IBAN masked.
        let receipt = String(decoding: try Data(contentsOf: loaded.printerOutputURL), as: UTF8.self)
        #expect(receipt.contains("10,00"))
        #expect(receipt.contains("Mandatsreferenz:"))
        #expect(!receipt.contains("37040044"))
        #expect(screen.aside?.contains { $0.contains("Meldebescheinigung") } == true, "the receipt's preview beside the amount")

        // The event: fee items, method, amount, mandate reference; the IBAN only masked.
        let entries = try store.allOutboxEntries()
        #expect(entries.map(\.type) == ["payment.confirmed"])
        guard case .paymentConfirmed(let payment) = try KioskEvent(jsonData: entries[0].body).payload else {
            Issue.record("not a payment")
            return
        }
        #expect(payment.method == .sepaDirectDebit)
        #expect(payment.total == Money(cents: 1000))
        #expect(payment.items.map(\.id) == ["meldebescheinigung"])
        #expect(payment.maskedIBAN == "DE … 3000")
        let reference = try #require(payment.mandateReference)
        #expect(reference.hasPrefix("RK"))
        #expect(receipt.contains(reference), "the mandate reference is printed (on a line of its own on 58 mm paper)")
        #expect(receipt.contains(payment.kassenzeichen))
        let signatureID = try #require(payment.signature)
        let sealedSignature = try #require(try store.sealedBytes(id: signatureID))
        #expect(try SignatureContainer.decode(central.open(sealedSignature, id: payment.signature!)).strokes.count == 3)
        #expect(throws: SealingError.wrongKey, "sealed to central's key, no other") { try SealingPrivateKey().open(sealedSignature, id: payment.signature!) }

        // Sync: the sealed signature and IBAN travel with the event; after the acknowledgement they are gone.
        let transport = RecordingTransport()
        let pump = OutboxPump(store: store, transport: transport, logger: Logger(label: "test"))
        #expect(try await pump.drain() == 1)
        let sent = try #require(transport.batches.first)
        #expect(Set(sent.attachments.map(\.id)) == [payment.signature!, payment.sealedIBAN!])
        #expect(sent.attachments.allSatisfy { $0.sealed.range(of: Data(Self.iban.utf8)) == nil })
        #expect(try store.keptSignatureCount() == 0)
        #expect(try store.sealedBytes(id: payment.signature!) == nil)
        #expect(try store.sealedBytes(id: payment.sealedIBAN!) == nil)
        var bytes = Data()
        for file in [loaded.databaseURL.path, loaded.databaseURL.path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        #expect(bytes.range(of: Data(Self.iban.utf8)) == nil)
        #expect(bytes.range(of: Data(payment.kassenzeichen.utf8)) != nil, "the search finds what is stored")

        #expect(await session.handle(.confirm).id == "home")
    }

    @Test func aDoubleTapOnConfirmPaysOnce() async throws {
        let session = session(pad: EmulatedSignaturePad(captures: [Self.signed, Self.signed]))
        let screen = try await toMethods(session)
        #expect(screen.id == "payment.method")
        #expect(await session.handle(.digit(2)).id == "payment.confirm")
        async let first = session.handle(.confirm)
        async let second = session.handle(.confirm)
        let screens = await [first, second]
        #expect(screens.contains { $0.id == "payment.done" })
        #expect(try store.paymentCount() == 1)
        #expect(try store.allOutboxEntries().map(\.type) == ["payment.confirmed"])
        let printed = String(decoding: try Data(contentsOf: loaded.printerOutputURL), as: UTF8.self)
        #expect(printed.components(separatedBy: "Kassenzeichen").count == 2, "one receipt")
    }

    @Test func thePadUnpluggedMidSignatureSavesNothingAndOffersARetry() async throws {
        let unplugged: [EmulatedSignaturePad.Step] = [Self.signed[0], .unplug]
        let session = session(pad: EmulatedSignaturePad(captures: [unplugged, [.cancel], Self.signed]))
        var screen = try await payBySEPA(session)
        #expect(screen.id == "payment.signature-problem")
        #expect(screen.notice?.text.contains("getrennt") == true)
        #expect(screen.options.map(\.key) == ["R"])
        #expect(try store.paymentCount() == 0)
        #expect(try store.allOutboxEntries().isEmpty)
        #expect(try store.keptSignatureCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: loaded.printerOutputURL.path))
        // Cancelled on the pad: the same, nothing saved.
        screen = await session.handle(.character("r"))
        #expect(screen.id == "payment.signature-problem")
        #expect(try store.paymentCount() == 0)
        // Signed on the third try: one payment.
        screen = await session.handle(.character("R"))
        #expect(screen.id == "payment.done")
        #expect(try store.paymentCount() == 1)
        #expect(try store.keptSignatureCount() == 1)
    }

    @Test func withoutAPadNoMandateIsOfferedAndAPadMissingAtSigningSavesNothing() async throws {
        let screen = try await toMethods(session(pad: nil))
        #expect(screen.options.count == 2, "no direct debit without a pad")
        // A pad configured but not answering.
        let session = session(pad: EmulatedSignaturePad(captures: []))
        let problem = try await payBySEPA(session)
        #expect(problem.id == "payment.signature-problem")
        #expect(problem.notice?.text.contains("nicht angeschlossen") == true)
        #expect(try store.paymentCount() == 0)
    }

    @Test func withoutCentralsKeyInTheSnapshotNoMandateIsOfferedUntilOneArrives() async throws {
        let session = session(pad: EmulatedSignaturePad(captures: [Self.signed]), withCentralKey: false)
        var screen = try await toMethods(session)
        #expect(screen.options.map(\.label) == ["Karte am Schalter", "Bar an der Stadtkasse"], "a standalone terminal takes no mandate")
        #expect(await session.handle(.back).id == "home")
        // The next snapshot brings central's key: the next payment offers the mandate.
        let snapshot = TerminalSnapshot(catalogYAML: "", queues: [], sealingKey: central.publicKey.base64)
        try store.saveSnapshot(body: try JSONEncoder().encode(snapshot), etag: "\"2\"", at: clock.now)
        screen = try await toMethods(session)
        #expect(screen.options.map(\.label) == ["Karte am Schalter", "Bar an der Stadtkasse", "SEPA-Lastschrift"])
    }

    @Test(arguments: [1, 2, 3, 4, 5]) func cancelAtAnyStepLeavesNothing(step: Int) async throws {
        let session = session(pad: EmulatedSignaturePad(captures: [Self.signed]))
        _ = await session.handle(.character("G"))
        if step > 1 { _ = await session.handle(.digit(1)) }  // Personalausweis: three fees
        if step > 2 {
            _ = await session.handle(.digit(1))
            _ = await session.handle(.digit(3))
            #expect(await session.screen().highlight == "47,00 €", "37,00 € and 10,00 € chosen")
            _ = await session.handle(.confirm)
        }
        if step > 3 { _ = await session.handle(.digit(3)); _ = await type(Self.iban, into: session) }
        if step > 4 { #expect(await session.handle(.confirm).id == "payment.confirm") }
        #expect(await session.handle(.back).id == "home")
        #expect(try store.paymentCount() == 0)
        #expect(try store.allOutboxEntries().isEmpty)
        #expect(try store.keptSignatureCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: loaded.printerOutputURL.path))
        // And a new payment starts from scratch.
        #expect(await session.handle(.character("G")).id == "payment.service")
    }
}

/// The same flow with the receipt printed through a real cupsd to the printer emulator.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CUPSPaymentTests {
    @Test func theReceiptPrintsThroughCUPSWithTheAmount() async throws {
        guard let rig = CUPSTestRig.start(orReport: { Issue.record("\($0)") }) else { return }
        let flow = try PaymentFlowTests()
        defer { try? FileManager.default.removeItem(at: flow.directory) }
        let printer = CUPSPrinter(settings: rig.settings(directStatus: true), profile: flow.loaded.printerProfile, logger: Logger(label: "test"))
        let session = flow.session(pad: EmulatedSignaturePad(captures: [PaymentFlowTests.signed]), printer: printer)
        let screen = try await flow.payBySEPA(session)
        #expect(screen.id == "payment.done")
        let entry = try #require(try flow.store.allOutboxEntries().first)
        let event = try KioskEvent(jsonData: entry.body)
        guard case .paymentConfirmed(let payment) = event.payload else {
            Issue.record("not a payment")
            return
        }
        let printout = await session.receiptPrintout(payment, at: event.time)
        let expected = ESCPOSEncoder(profile: flow.loaded.printerProfile).encode(
            ReceiptLayout.document(printout.receipt, language: .german, texts: printout.texts, profile: flow.loaded.printerProfile))
        let recorded = rig.emulator.waitForRecorded(count: expected.count)
        #expect(recorded == expected)
        #expect(String(decoding: recorded, as: UTF8.self).contains("10,00"))
    }
}

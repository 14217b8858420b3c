import CardReader
import Devices
import Foundation
@testable import KioskApp
import KioskCore
import KioskSealing
import KioskStore
import KioskUI
import Logging
@testable import Printing
import Testing

/// Runs every flow with known personal values and a trace-level capturing logger, then searches every log
/// record, every error description and every error message (German and English) for those values.
///
/// The values are distinctive, so a hit is a leak and not a coincidence; the test also checks that the flows
/// did log (an empty capture would prove nothing).
@Suite struct PersonalDataLogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    // The citizen's data in this test.
    static let processNumber = "90817263"
    static let authKey = "Zq8Xw3Lp"
    static let bookingReference = "BK-7Q2M9XK4"
    static let voterNumber = "83920417"
    static let applicationNumber = "5550193847"
    static let typedAddress = "Am Raubfang 16"
    static let transportPIN = "48213"
    static let newPIN = "790624"
    static let wrongPIN = "316497"
    static let signatureX = 7331
    static let signatureY = 4157

    static var secrets: [String] {
        [
            processNumber, authKey, bookingReference, "7Q2M9XK4", voterNumber, applicationNumber, typedAddress, "Raubfang",
            transportPIN, newPIN, wrongPIN, String(signatureX), String(signatureY),
        ]
    }

    let capture = LogCapture()
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))

    /// Texts of errors and refusals met on the way, both languages, to be searched as well.
    final class ErrorTexts: @unchecked Sendable {
        // @unchecked: the test's task only.
        var texts: [String] = []
        func add(_ message: Message?) {
            guard let message else { return }
            texts += [message[.german], message[.english]]
        }
        func add(_ screen: Screen) {
            if let notice = screen.notice, notice.kind != .info { texts.append(notice.text) }
        }
    }

    @Test func noFlowWritesPersonalDataToALogOrAnErrorText() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-logs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try ExampleSite.standalone(in: directory)
        let logger = capture.logger("kioskd")
        let store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: logger)
        let election = try ElectionLoader.load(election: Self.repository.appendingPathComponent("Kiosk/example/election.yaml"))
        try store.replacePollingDirectory(election.directory, at: clock.now)
        let start = clock.now.addingTimeInterval(15 * 60)
        let snapshot = TerminalSnapshot(
            catalogYAML: "", queues: [],
            appointments: [
                Appointment(
                    id: AppointmentID(rawValue: "a-1"), service: ServiceID(rawValue: "personalausweis"), start: start,
                    durationMinutes: 20, processNumber: Self.processNumber, authKey: Self.authKey, bookingReference: nil, state: .booked),
                Appointment(
                    id: AppointmentID(rawValue: "a-2"), service: ServiceID(rawValue: "reisepass"), start: start.addingTimeInterval(3 * 3600),
                    durationMinutes: 20, processNumber: nil, authKey: nil, bookingReference: Self.bookingReference, state: .booked),
            ])
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: "\"1\"", at: clock.now)
        let printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        let collection = CollectionTwin()
        collection.answers[Self.applicationNumber] = CollectionAnswer(kind: .personalausweis, state: .ready)
        let card = IDCardTwin()
        card.pin = Array(Self.transportPIN.utf8)
        let clock = self.clock
        let session = KioskSession(
            settings: loaded.settings, store: store, printer: printer, collectionStatus: collection, idCards: card, logger: logger,
            now: { clock.now })
        let errors = ErrorTexts()
        func scan(_ text: String, _ symbology: Symbology = .qrCode) async -> Screen {
            let screen = await session.handle(scanner: .scanned(ScannedCode(symbology: symbology, data: Array(text.utf8))))
            errors.add(screen)
            return screen
        }
        func press(_ input: KioskInput) async -> Screen {
            let screen = await session.handle(input)
            errors.add(screen)
            return screen
        }
        func type(_ text: String) async {
            for character in text { _ = await press(character.isNumber ? .digit(Int(String(character))!) : .character(character)) }
        }

        // Walk-in ticket.
        #expect(await press(.digit(1)).highlight != nil, "a walk-in ticket")
        _ = await press(.back)
        // Check-in by scan, a repeat scan, a code of this site that is cut short, one too early.
        #expect(await scan("T:\(Self.processNumber):\(Self.authKey)").id == "checkin.done")
        _ = await press(.back)
        _ = await scan("T:\(Self.processNumber):\(Self.authKey)")
        _ = await press(.back)
        _ = await scan("T:\(Self.processNumber):\(Self.authKey)!")
        _ = await press(.back)
        _ = await scan(Self.bookingReference, .code128)
        _ = await press(.character("w"))
        // Wahlraumsuche: the notice's QR code, then a typed address, then a notice of another district.
        _ = await press(.character("W"))
        #expect(await scan("https://wahlschein.example.de/antrag?wbz=01101&wvz=\(Self.voterNumber)").id == "wahl.place")
        _ = await press(.character("d"))
        _ = await press(.character("n"))
        await type(Self.typedAddress)
        #expect(await press(.confirm).id == "wahl.place")
        _ = await press(.back)
        _ = await scan("WBN:99999:\(Self.voterNumber)")
        _ = await press(.back)
        // Lieferstatus by scan, then typed, then with central unreachable.
        #expect(await scan("AS-\(Self.applicationNumber)", .code128).id == "collection.answer")
        _ = await press(.back)
        _ = await press(.character("A"))
        await type(Self.applicationNumber)
        _ = await press(.confirm)
        collection.offline = true
        _ = await press(.back)
        _ = await press(.character("A"))
        await type(Self.applicationNumber)
        _ = await press(.confirm)
        _ = await press(.back)
        // PIN service with the emulated card reader: a wrong transport PIN, then the right one and a new PIN.
        let reader = EmulatedCardReader(readers: ["Emulated Reader 00"])
        reader.insert(atr: [0x3B, 0x8A, 0x80, 0x01, 0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00, 0x75])
        reader.remove()
        reader.insert(atr: [0x3B, 0x8A, 0x80, 0x01, 0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00, 0x75])
        reader.shutdown()
        var cardScreens: [Screen] = []
        for await event in reader.events() { cardScreens.append(await session.handle(card: event)) }
        cardScreens.forEach(errors.add)
        #expect(cardScreens.last?.id == "pin.menu")
        _ = await press(.character("t"))
        await type(Self.wrongPIN.prefix(5).description)
        _ = await press(.confirm)
        await type(Self.newPIN)
        _ = await press(.confirm)
        await type(Self.newPIN)
        _ = await press(.confirm)
        _ = await session.handle(card: .cardInserted(reader: "Emulated Reader 00", atr: []))
        _ = await press(.character("t"))
        await type(Self.transportPIN)
        _ = await press(.confirm)
        await type(Self.newPIN)
        _ = await press(.confirm)
        await type(Self.newPIN)
        let done = await press(.confirm)
        #expect(done.id == "pin.done", "\(done)")
        #expect(card.pin == Array(Self.newPIN.utf8))
        _ = await session.handle(card: .cardRemoved(reader: "Emulated Reader 00"))

        // Signature capture on the emulated pad, kept sealed until central acknowledges it.
        let samples = (0..<30).map { PenSample(x: Self.signatureX + $0, y: Self.signatureY + $0, pressure: 400, time: $0 * 5) }
        let pad = EmulatedSignaturePad(captures: [[.stroke(samples), .unplug], [.stroke(samples), .confirm]])
        for _ in 0..<2 {
            for await event in try await pad.begin(SignaturePrompt(amount: nil)) {
                if case .confirmed(let signature) = event {
                    let central = SealingPrivateKey()
                    try store.keepSignature(
                        signature, id: UUID(), outboxSequence: try store.backlog().lastSequence, sealedTo: central.publicKey, at: clock.now)
                    #expect(try store.sealedBytes(id: UUID()) == nil)
                }
                logger.debug("Signature event", metadata: ["kiosk.signature.event": "\(Self.kind(event))"])
            }
        }
        // Errors from the store name the operation, never the data.
        let other = SealingPrivateKey()
        let id = UUID()
        try store.keepSignature(
            CapturedSignature(strokes: [samples], layout: pad.layout, device: "emulated"), id: id, outboxSequence: 1,
            sealedTo: SealingPrivateKey().publicKey, at: clock.now)
        let sealed = try #require(try store.sealedBytes(id: id))
        do {
            _ = try other.open(sealed, id: id)
            Issue.record("a signature opened with another key")
        } catch {
            errors.texts.append("\(error)")
            errors.add(error.message)
        }
        // Rejected scans describe themselves without their contents.
        if let rules = loaded.settings.payloadRules {
            for text in ["T:\(Self.processNumber):\(Self.authKey)§", "WBN:\(Self.voterNumber)", "AS-\(Self.applicationNumber)9"] {
                if case .failure(let rejection) = rules.classify(ScannedCode(symbology: .qrCode, data: Array(text.utf8))) {
                    errors.texts.append(rejection.description)
                    errors.add(rejection.message)
                }
            }
        }

        let lines = capture.lines
        #expect(lines.count >= 10, "the flows logged only \(lines.count) records: \(lines)")
        #expect(lines.contains { $0.contains("PIN service used") }, "the PIN service's record is missing")
        #expect(!errors.texts.isEmpty)
        for secret in Self.secrets {
            for line in lines where line.contains(secret) { Issue.record("log record contains '\(secret)': \(line)") }
            for text in errors.texts where text.contains(secret) { Issue.record("error text contains '\(secret)': \(text)") }
        }
    }

    static func kind(_ event: SignatureEvent) -> String {
        switch event {
        case .point: "point"
        case .strokeEnded: "stroke-ended"
        case .droppedReports: "dropped"
        case .confirmed: "confirmed"
        case .cancelled: "cancelled"
        case .detached: "detached"
        }
    }
}

import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// Central's answers for the Lieferstatus, set by the test.
final class CollectionTwin: CollectionStatusSource, @unchecked Sendable {
    // @unchecked: the test sets the answers before the session asks; the lock covers the asked list.
    let lock = NSLock()
    var answers: [String: CollectionAnswer] = [:]
    var offline = false
    private(set) var asked: [String] = []

    func status(applicationNumber: String) async -> Result<CollectionAnswer, CollectionStatusProblem> {
        lock.withLock { asked.append(applicationNumber) }
        if offline {
            return .failure(CollectionStatusProblem(message: Message(de: "Keine Verbindung.", en: "No connection."), code: "offline"))
        }
        return .success(answers[applicationNumber] ?? CollectionAnswer(status: .unknown, bring: []))
    }
}

/// The flows a scan starts, with the example site's codes.yaml, the real Potsdam directory and a stored snapshot
/// (no central service: everything here works offline, except the Lieferstatus, which asks a twin).
@Suite struct ScanFlowTests {
    let directory: URL
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))
    let loaded: SiteLoader.Loaded
    let printer: EmulatedTicketPrinter
    let store: KioskStore
    let collection = CollectionTwin()
    let session: KioskSession

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-scan-\(UUID().uuidString)")
        let loaded = try ExampleSite.standalone(in: directory)
        self.loaded = loaded
        store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        let election = try ElectionLoader.load(election: Self.repository.appendingPathComponent("Kiosk/example/election.yaml"))
        try store.replacePollingDirectory(election.directory, at: clock.now)
        let start = clock.now.addingTimeInterval(15 * 60)  // 09:15
        let snapshot = TerminalSnapshot(
            catalogYAML: "", queues: [],
            appointments: [
                Appointment(
                    id: AppointmentID(rawValue: "a-1"), service: ServiceID(rawValue: "personalausweis"), start: start,
                    durationMinutes: 20, processNumber: "123456", authKey: "ab12", bookingReference: nil, state: .booked),
                Appointment(
                    id: AppointmentID(rawValue: "a-2"), service: ServiceID(rawValue: "reisepass"), start: start.addingTimeInterval(3 * 3600),
                    durationMinutes: 20, processNumber: nil, authKey: nil, bookingReference: "BK-7Q2M9XK4", state: .booked),
            ])
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: "\"1\"", at: clock.now)
        printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        let clock = self.clock
        session = KioskSession(
            settings: loaded.settings, store: store, printer: printer, collectionStatus: collection, logger: Logger(label: "test"),
            now: { clock.now })
    }

    func scan(_ text: String, _ symbology: Symbology = .qrCode) async -> Screen {
        await session.handle(scanner: .scanned(ScannedCode(symbology: symbology, data: Array(text.utf8))))
    }

    func printed() throws -> [UInt8] {
        (try? [UInt8](Data(contentsOf: loaded.printerOutputURL))) ?? []
    }

    @Test func homeOffersTheLetteredActionsThisTerminalIsSetUpFor() async {
        let screen = await session.screen()
        #expect(screen.options.suffix(4).map(\.key) == ["T", "W", "A", "G"])
        #expect(screen.body.contains { $0.contains("Halten Sie den Code unter den Scanner") })
        // Without rules, a directory, central or fees in the catalog, none of them is offered.
        var bare = loaded.settings
        bare.payloadRules = nil
        for index in bare.catalog.services.indices { bare.catalog.services[index].fees = [] }
        let plainStore = try! KioskStore(
            path: directory.appendingPathComponent("plain.sqlite").path, terminal: loaded.settings.configuration.terminal,
            logger: Logger(label: "test"))
        let plain = KioskSession(settings: bare, store: plainStore, printer: printer, logger: Logger(label: "test"))
        #expect(await plain.screen().options.allSatisfy { Int($0.key) != nil })
    }

    @Test func aScannedConfirmationChecksInPrintsTheTicketAndAQueuedEvent() async throws {
        let screen = await scan("T:123456:ab12")
        #expect(screen.id == "checkin.done")
        #expect(screen.highlight == "A 001")
        #expect(screen.body.first == "Ihr Termin: 09:15 Uhr · Personalausweis beantragen")
        #expect(screen.notice?.text.hasPrefix("Sie sind eingecheckt.") == true)
        let bytes = try printed()
        #expect(bytes.contains([0x1D, 0x21, 0x33] + Array("A 001".utf8)))
        let events = try store.allOutboxEntries().map { try KioskEvent(jsonData: $0.body) }
        #expect(events.contains { if case .appointmentCheckedIn = $0.payload { true } else { false } })
    }

    @Test func theSameCodeScannedTwiceShowsTheFirstTicketAndPrintsNothingMore() async throws {
        _ = await scan("T:123456:ab12")
        _ = await session.handle(.back)
        let printedOnce = try printed().count
        let again = await scan("T:123456:ab12")
        #expect(again.id == "checkin.done")
        #expect(again.highlight == "A 001")
        #expect(again.notice?.text == "Sie waren schon eingecheckt. Das ist weiterhin Ihre Nummer.")
        #expect(try printed().count == printedOnce)
        #expect(try store.queueCounts(day: BusinessDay(year: 2026, month: 11, day: 23)).map(\.issued).reduce(0, +) == 1)
    }

    @Test func anUnknownCodeAndATooEarlyOneAreRefusedWithAWalkInOffer() async throws {
        let unknown = await scan("T:999999:zz99")
        #expect(unknown.id == "checkin.refused")
        #expect(unknown.options.map(\.key) == ["W"])
        let home = await session.handle(.character("w"))
        #expect(home.id == "home")
        let early = await scan("BK-7Q2M9XK4", .code128)  // 12:15, more than 30 min ahead
        #expect(early.id == "checkin.refused")
        #expect(early.notice?.text.contains("11:45") == true, "\(early.notice?.text ?? "")")
        #expect(try printed().isEmpty)
    }

    @Test func aForeignOrBrokenCodeLeavesTheScreenAndSaysWhatToDo() async {
        _ = await session.handle(.character("W"))
        let foreign = await scan("https://example.org/something-else")
        #expect(foreign.id == "wahl.search")
        #expect(foreign.notice?.text.contains("Empfang") == true, "\(foreign.notice?.text ?? "")")
        let broken = await scan("T:12")
        #expect(broken.id == "wahl.search")
        #expect(broken.notice != nil && broken.notice?.text != foreign.notice?.text)
        let garbled = await session.handle(scanner: .unreadable(device: "scanner", problem: Message(de: "Bericht zu kurz.", en: "Report too short.")))
        #expect(garbled.notice?.text.hasPrefix("Der Code konnte nicht gelesen werden.") == true)
        // The next key clears the notice.
        #expect(await session.handle(.other).notice == nil)
    }

    @Test func aNoticeQRCodeShowsThePotsdamPollingPlaceAndPrintsItsSlip() async throws {
        // District 1101 written with a leading zero, as some towns print it.
        let screen = await scan("https://wahlschein.example.de/antrag?wbz=01101&wvz=4711")
        #expect(screen.id == "wahl.place")
        #expect(screen.body.prefix(3) == ["Leibniz-Institut für Agrartechnik, Gästehaus des ATB", "Max-Eyth-Allee 53", "14469 Potsdam"])
        #expect(screen.body.contains("Wahlbezirk 1101"))
        #expect(screen.notice?.text == "Nicht barrierefrei erreichbar")
        #expect(!screen.body.joined().contains("4711"))
        let slip = await session.handle(.character("d"))
        #expect(slip.notice?.text == "Bitte nehmen Sie den Zettel aus dem Drucker.")
        #expect(slip.aside?.contains { $0.contains("Max-Eyth-Allee 53") } == true)
        let bytes = Data(try printed())
        #expect(bytes.range(of: Data("Max-Eyth-Allee 53".utf8)) != nil)
        #expect(bytes.range(of: Data("4711".utf8)) == nil)
    }

    @Test func typingAnAddressOrADistrictFindsThePlaceAndTypoGetsSuggestions() async {
        _ = await session.handle(.character("W"))
        for character in "Am Raubfang 16" { _ = await session.handle(character.isNumber ? .digit(Int(String(character))!) : .character(character)) }
        let typed = await session.screen()
        #expect(typed.entry?.text == "Am Raubfang 16")
        let found = await session.handle(.confirm)
        #expect(found.id == "wahl.place")
        #expect(found.body.contains("Wahlbezirk 1102"))
        _ = await session.handle(.character("n"))
        // "l" types into the field here; it does not switch the language.
        for character in "Kirshallee 1" { _ = await session.handle(character.isNumber ? .digit(Int(String(character))!) : .character(character)) }
        #expect(await session.screen().entry?.text == "Kirshallee 1")
        let typo = await session.handle(.confirm)
        #expect(typo.id == "wahl.search")
        #expect(typo.notice != nil)
        for _ in 0..<20 { _ = await session.handle(.deleteBackward) }
        #expect(await session.screen().entry?.text == "")
        for digit in [1, 3, 0, 1] { _ = await session.handle(.digit(digit)) }
        let district = await session.handle(.confirm)
        #expect(district.body.first == "Kita Firlefanz")
        #expect(district.notice?.text == "Barrierefrei erreichbar")
    }

    @Test func aCollectionReceiptAsksCentralAndShowsWhatToBring() async {
        collection.answers["0123456789"] = CollectionAnswer(kind: .personalausweis, state: .ready)
        let ready = await scan("AS-0123456789", .code128)
        #expect(ready.id == "collection.answer")
        #expect(ready.notice?.kind == .info)
        #expect(ready.body.first?.hasPrefix("Bitte mitbringen:") == true)
        _ = await session.handle(.back)
        _ = await session.handle(.character("a"))
        for digit in [9, 9, 9] { _ = await session.handle(.digit(digit)) }
        let unknown = await session.handle(.confirm)
        #expect(unknown.id == "collection.answer")
        #expect(unknown.notice?.kind == .warning)
        #expect(collection.asked == ["0123456789", "999"])
        collection.offline = true
        _ = await session.handle(.back)
        _ = await session.handle(.character("A"))
        _ = await session.handle(.digit(7))
        let offline = await session.handle(.confirm)
        #expect(offline.id == "collection.search")
        #expect(offline.notice?.text == "Keine Verbindung.")
        #expect(offline.entry?.text == "7")
    }
}

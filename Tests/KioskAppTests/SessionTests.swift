import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    // @unchecked: only the test's task touches it between awaits.
    var now: Date
    init(_ now: Date) { self.now = now }
}

@Suite struct SessionTests {
    let directory: URL
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))
    let loaded: SiteLoader.Loaded
    let printer: EmulatedTicketPrinter
    let session: KioskSession
    let store: KioskStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-app-\(UUID().uuidString)")
                let loaded = try ExampleSite.standalone(in: directory)
        self.loaded = loaded
        store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        let clock = self.clock
        session = KioskSession(settings: loaded.settings, store: store, printer: printer, logger: Logger(label: "test"), now: { clock.now })
    }

    @Test func homeShowsTheServicesWithAppointmentOnlyDisabled() async {
        let screen = await session.screen()
        #expect(screen.id == "home")
        #expect(screen.options.count == 11)
        #expect(screen.options[9].key == "T", "check-in: the example site reads appointment codes")
        #expect(screen.options[10].key == "G", "paying a fee: the example catalog has fees")
        #expect(screen.options[0].label == "Personalausweis beantragen")
        #expect(screen.options[8].enabled == false)
        #expect(screen.options[8].detail == "nur mit Termin")
    }

    @Test func drawingATicketCommitsPrintsAndShowsNumberAndWait() async throws {
        let screen = await session.handle(.digit(5))  // Meldebescheinigung
        #expect(screen.id == "ticket.issued")
        #expect(screen.highlight == "M 001")
        #expect(screen.body.contains { $0.contains("Meldebescheinigung") })
        #expect(screen.body.contains { $0.hasPrefix("Geschätzte Wartezeit") })
        let aside = try #require(screen.aside)
        #expect(aside.contains { $0.contains("Meldebescheinigung") })
        // The printed bytes are on "paper" and match the preview's document.
        let bytes = try [UInt8](Data(contentsOf: loaded.printerOutputURL))
        #expect(bytes.contains([0x1D, 0x21, 0x33] + Array("M 001".utf8)))
        // Ticket event and print event are in the outbox, in that order.
        #expect(try store.allOutboxEntries().map(\.type) == ["numbers.block-granted", "ticket.issued", "ticket.printed"])
        // Back home, the next citizen gets the next number.
        _ = await session.handle(.back)
        #expect(await session.handle(.digit(5)).highlight == "M 002")
    }

    @Test func paperEndStillShowsTheNumberAndRecordsTheFailure() async throws {
        printer.simulate(.paperEnd)
        let screen = await session.handle(.digit(1))
        #expect(screen.id == "ticket.not-printed")
        #expect(screen.highlight == "A 001")
        #expect(screen.notice?.kind == .error)
        #expect(screen.notice?.text.contains("kein Papier") == true)
        #expect(screen.aside?.isEmpty == false, "the preview is shown instead of the paper")
        #expect(try store.allOutboxEntries().last?.type == "ticket.print-failed")
        #expect(try store.queueCounts(day: BusinessDay(year: 2026, month: 11, day: 23)).first?.printFailures == 1)
    }

    @Test func languageSwitchAndIdleTimeoutReturnHomeInTheDefaultLanguage() async {
        var screen = await session.handle(.toggleLanguage)
        #expect(screen.id == "language")
        #expect(screen.options.map(\.label) == ["Deutsch", "English", "Leichte Sprache", "Türkçe", "العربية", "Українська"])
        screen = await session.handle(.digit(2))
        #expect(screen.title == "Welcome to the Citizens' Office")
        screen = await session.handle(.digit(4))
        #expect(screen.title == "Your ticket number")
        clock.now += 55
        #expect(await session.tick()?.countdown?.contains("5 s") == true)
        clock.now += 6
        screen = await session.tick() ?? screen
        #expect(screen.id == "home")
        #expect(screen.title == "Willkommen im Bürgerbüro")
    }

    @Test func outsideOpeningHoursTheRefusalSaysWhyAndWhatToDo() async throws {
        clock.now = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 7, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
        let home = await session.screen()
        // Every service is closed; the lettered actions (check-in of an appointment) are not walk-in tickets.
        #expect(home.options.filter { Int($0.key) != nil }.allSatisfy { !$0.enabled })
        #expect(home.notice?.text.contains("ab 08:00 Uhr") == true)
        let screen = await session.handle(.digit(1))
        #expect(screen.id == "ticket.refused")
        #expect(try store.allOutboxEntries().isEmpty)
    }

    @Test func everyTextKeyExistsInEveryLanguage() {
        for language in Language.allCases {
            #expect(loaded.settings.texts.missingKeys(in: language) == [], "\(language.rawValue)")
        }
    }

    @Test func theChooserKeepsTheFlowUnderneathAndArabicScreensAreRightToLeft() async {
        _ = await session.handle(.character("T"))
        #expect(await session.handle(.character("L")).id == "language")
        #expect(await session.handle(.back).id == "checkin.prompt", "Back closes the chooser, the flow stays")
        _ = await session.handle(.character("L"))
        let arabic = await session.handle(.digit(5))
        #expect(arabic.id == "checkin.prompt")
        #expect(arabic.title == "تسجيل الحضور للموعد")
        #expect(arabic.rightToLeft)
        #expect(await session.handle(.back).rightToLeft == false, "home is German again")
    }
}

extension Array where Element == UInt8 {
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}

extension SessionTests {
    @Test func homeShowsTheLatestCallsFromTheCentralFeedNewestFirst() async {
        #expect(await session.screen().body.count == 2, "intro and scan hint; no calls, no line")
        let calls = (1...4).map { index in
            CallAnnouncement(
                id: Int64(index), time: Timestamp(Date()), number: "A 00\(index)", spoken: "A \(index)", counter: "s\(index)",
                counterName: "Schalter \(index)")
        }
        await session.received(calls: Array(calls.prefix(2)))
        await session.received(calls: Array(calls.suffix(2)))
        let line = await session.screen().body.last
        #expect(line == "Zuletzt aufgerufen: A 004 → Schalter 4 · A 003 → Schalter 3 · A 002 → Schalter 2")
    }
}

import Foundation
import Testing
@testable import KioskCore

@Suite struct AppointmentTests {
    let berlin = SiteCalendar.berlin
    let day = BusinessDay(year: 2026, month: 11, day: 24)

    func appointment(at hour: Int, _ minute: Int, on day: BusinessDay? = nil, state: AppointmentState = .booked) -> Appointment {
        Appointment(
            id: AppointmentID(rawValue: "p-1"), service: ServiceID(rawValue: "personalausweis"),
            start: berlin.instant(of: TimeOfDay(hour: hour, minute: minute), on: day ?? self.day), durationMinutes: 15,
            processNumber: "123456", authKey: "a1b2", bookingReference: "BR-77", state: state)
    }

    func at(_ hour: Int, _ minute: Int, second: Int = 0) -> Date {
        berlin.instant(of: TimeOfDay(hour: hour, minute: minute), on: day).addingTimeInterval(Double(second))
    }

    @Test func aCodeMatchesOnlyWithTheRightNumberAndKeyOrReference() {
        let booked = appointment(at: 10, 0)
        #expect(booked.matches(.process(number: "123456", authKey: "a1b2")))
        #expect(!booked.matches(.process(number: "123456", authKey: "a1b3")))
        #expect(!booked.matches(.process(number: "123457", authKey: "a1b2")))
        #expect(!booked.matches(.process(number: "123456", authKey: "a1b2x")), "a longer key is not a prefix match")
        #expect(!booked.matches(.process(number: "123456", authKey: "")))
        #expect(booked.matches(.booking(reference: "BR-77")))
        #expect(!booked.matches(.booking(reference: "BR-7")))
        var referenceOnly = booked
        referenceOnly.processNumber = nil
        referenceOnly.authKey = nil
        #expect(!referenceOnly.matches(.process(number: "123456", authKey: "a1b2")))
        #expect(referenceOnly.hasCheckInCode)
        referenceOnly.bookingReference = ""
        #expect(!referenceOnly.matches(.booking(reference: "")), "an empty reference never matches")
        #expect(!referenceOnly.hasCheckInCode)
    }

    @Test func theDescriptionNeverShowsTheCodes() {
        let text = "\(appointment(at: 10, 0))"
        #expect(!text.contains("a1b2") && !text.contains("123456") && !text.contains("BR-77"))
        #expect(text.contains("p-1"))
    }

    /// Appointment at 10:00 with the default rules: open from 09:30, on time until 10:10, late until 10:30.
    @Test(arguments: [
        (9, 29, 59, "too-early"), (9, 30, 0, "on-time"), (10, 0, 0, "on-time"), (10, 10, 0, "on-time"),
        (10, 10, 1, "late-accepted"), (10, 30, 0, "late-accepted"), (10, 30, 1, "too-late"), (15, 0, 0, "too-late"),
    ])
    func theDefaultWindowAroundTheStart(hour: Int, minute: Int, second: Int, expected: String) {
        let decision = CheckInRules.standard.decide(appointment: appointment(at: 10, 0), at: at(hour, minute, second: second), calendar: berlin)
        #expect(decision.code == expected)
        #expect(decision.acceptsCheckIn == (expected == "on-time" || expected == "late-accepted"))
    }

    @Test func messagesSayWhatToDo() {
        let early = CheckInRules.standard.decide(appointment: appointment(at: 10, 0), at: at(9, 0), calendar: berlin)
        #expect(early == .tooEarly(checkInFrom: at(9, 30), localTime: TimeOfDay(hour: 9, minute: 30)))
        #expect(early.message[.german] == "Sie sind zu früh. Bitte ab 09:30 Uhr erneut scannen.")
        #expect(early.message[.english].contains("from 09:30"))
        let late = CheckInRules.standard.decide(appointment: appointment(at: 10, 0), at: at(10, 25), calendar: berlin)
        #expect(late == .lateAccepted(minutesLate: 25))
        #expect(late.message[.german].contains("25 Minuten zu spät"))
        let tooLate = CheckInRules.standard.decide(appointment: appointment(at: 10, 0), at: at(10, 31), calendar: berlin)
        #expect(tooLate.message[.german].contains("bitte am Empfang melden") || tooLate.message[.german].contains("Bitte am Empfang melden"))
        let tomorrow = BusinessDay(year: 2026, month: 11, day: 25)
        let other = CheckInRules.standard.decide(appointment: appointment(at: 10, 0, on: tomorrow), at: at(10, 0), calendar: berlin)
        #expect(other == .wrongDay(tomorrow))
        #expect(other.message[.german].contains("am 25.11.2026"))
    }

    @Test func stateComesBeforeTime() {
        let rules = CheckInRules.standard
        #expect(rules.decide(appointment: appointment(at: 10, 0, state: .cancelled), at: at(10, 0), calendar: berlin) == .cancelled)
        #expect(rules.decide(appointment: appointment(at: 10, 0, state: .checkedIn), at: at(10, 0), calendar: berlin) == .alreadyCheckedIn)
        #expect(rules.decide(appointment: appointment(at: 10, 0, state: .cancelled), at: at(8, 0), calendar: berlin) == .cancelled)
    }

    @Test func configuredRulesApply() {
        let rules = CheckInRules(earliestMinutesBefore: 60, onTimeMinutesAfter: 0, lateMinutesAfter: 5)
        #expect(rules.decide(appointment: appointment(at: 10, 0), at: at(9, 0), calendar: berlin) == .onTime)
        #expect(rules.decide(appointment: appointment(at: 10, 0), at: at(10, 1), calendar: berlin) == .lateAccepted(minutesLate: 1))
        #expect(rules.decide(appointment: appointment(at: 10, 0), at: at(10, 6), calendar: berlin) == .tooLate)
    }

    /// 29 March 2026: clocks go from 02:00 to 03:00 in Berlin. An appointment at 03:15 opens 30 real minutes
    /// earlier, at 01:45 CET (00:45 UTC), which the clock shows as 01:45; a fixed offset would say 02:45.
    @Test func dstSpringForwardUsesRealMinutesAndTheLocalClock() throws {
        let dstDay = BusinessDay(year: 2026, month: 3, day: 29)
        let start = berlin.instant(of: TimeOfDay(hour: 3, minute: 15), on: dstDay)
        #expect(EventCoding.timestamp(start) == "2026-03-29T01:15:00.000Z")
        let booked = Appointment(
            id: AppointmentID(rawValue: "dst"), service: ServiceID(rawValue: "x"), start: start, durationMinutes: 10,
            bookingReference: "R")
        let rules = CheckInRules.standard
        let justBefore = try #require(EventCoding.date(timestamp: "2026-03-29T00:44:59.000Z"))
        let decision = rules.decide(appointment: booked, at: justBefore, calendar: berlin)
        #expect(decision == .tooEarly(checkInFrom: start.addingTimeInterval(-1800), localTime: TimeOfDay(hour: 1, minute: 45)))
        #expect(decision.message[.german].contains("ab 01:45 Uhr"))
        #expect(rules.decide(appointment: booked, at: try #require(EventCoding.date(timestamp: "2026-03-29T00:45:00.000Z")), calendar: berlin) == .onTime)
        // 03:45 CEST is 30 real minutes after the start: the last minute of the late window.
        let lateInstant = berlin.instant(of: TimeOfDay(hour: 3, minute: 45), on: dstDay)
        #expect(rules.decide(appointment: booked, at: lateInstant, calendar: berlin) == .lateAccepted(minutesLate: 30))
    }

    /// 25 October 2026: clocks go back from 03:00 to 02:00; the day has 25 hours. An appointment at 08:00 on that
    /// day and a scan at 00:30 the same local day are the same business day, 8.5 real hours (not 7.5) apart.
    @Test func dstFallBackKeepsTheBusinessDay() throws {
        let dstDay = BusinessDay(year: 2026, month: 10, day: 25)
        let start = berlin.instant(of: TimeOfDay(hour: 8, minute: 0), on: dstDay)
        let booked = Appointment(id: AppointmentID(rawValue: "f"), service: ServiceID(rawValue: "x"), start: start, durationMinutes: 10, bookingReference: "R")
        let scan = berlin.instant(of: TimeOfDay(hour: 0, minute: 30), on: dstDay)
        #expect(start.timeIntervalSince(scan) == 8.5 * 3600)
        #expect(CheckInRules.standard.decide(appointment: booked, at: scan, calendar: berlin)
            == .tooEarly(checkInFrom: start.addingTimeInterval(-1800), localTime: TimeOfDay(hour: 7, minute: 30)))
        // 23:59 the evening before is another business day, however close.
        let evening = berlin.instant(of: TimeOfDay(hour: 23, minute: 59), on: BusinessDay(year: 2026, month: 10, day: 24))
        #expect(CheckInRules.standard.decide(appointment: booked, at: evening, calendar: berlin) == .wrongDay(dstDay))
    }

    @Test func theCatalogReadsCheckInRulesWithDefaultsAndLineNumberedErrors() throws {
        let base = """
            site:
              id: s
              name: S
              openingHours: { mon: ["08:00-12:00"] }
            %@
            queues: [{ id: a, prefix: A, name: A }]
            services: [{ id: one, queue: a, name: One }]
            """
        func parse(_ checkIn: String) throws(CatalogError) -> ServiceCatalog {
            try ServiceCatalog.parse(yaml: base.replacingOccurrences(of: "%@", with: checkIn), source: "services.yaml")
        }
        #expect(try parse("").site.checkInRules == .standard)
        let configured = try parse("  checkIn: { earliestMinutesBefore: 45, lateMinutesAfter: 20 }").site.checkInRules
        #expect(configured == CheckInRules(earliestMinutesBefore: 45, onTimeMinutesAfter: 10, lateMinutesAfter: 20))
        #expect(throws: CatalogError.self) { try parse("  checkIn: { earlyMinutes: 5 }") }
        do {
            _ = try parse("  checkIn:\n    onTimeMinutesAfter: 20\n    lateMinutesAfter: 10")
            Issue.record("late before on time was accepted")
        } catch {
            #expect(error.line == 7, "the line of lateMinutesAfter")
            #expect(error.problem[.english].contains("lateMinutesAfter"))
        }
        do {
            _ = try parse("  checkIn:\n    earliestMinutesBefore: -5")
            Issue.record("negative minutes accepted")
        } catch {
            #expect(error.line == 6)
        }
    }

    @Test func theExampleSiteSpellsOutTheDefaults() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Kiosk/example/services.yaml").standardized
        let catalog = try ServiceCatalog.parse(yaml: try String(contentsOf: url, encoding: .utf8), source: "services.yaml")
        #expect(catalog.site.checkInRules == .standard)
    }

    @Test func theCheckInEventRoundTripsCanonically() throws {
        let ticket = Ticket(
            id: UUID(), number: TicketNumber(prefix: "T", value: 4), queue: QueueID(rawValue: "termin"),
            service: ServiceID(rawValue: "personalausweis"), day: day, issuedAt: at(9, 55), origin: .appointment,
            terminal: TerminalID(rawValue: "t1"), estimate: .underFiveMinutes, ahead: 0)
        let event = KioskEvent(
            id: UUID(), terminal: TerminalID(rawValue: "t1"), sequence: 7, time: at(9, 55),
            payload: .appointmentCheckedIn(AppointmentCheckIn(appointment: AppointmentID(rawValue: "p-1"), ticket: ticket, appointmentAt: at(10, 0))))
        let data = event.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(event.type == "appointment.checked-in")
        #expect(text.contains("\"appointmentAt\":\"2026-11-24T09:00:00.000Z\""))
        #expect(!text.contains("a1b2"), "no codes in the event")
        #expect(try KioskEvent(jsonData: data) == event)
        #expect(try KioskEvent(jsonData: data).jsonData() == data)
    }

    @Test func aSnapshotWithoutAppointmentsStillDecodes() throws {
        let old = Data(#"{"catalogYAML":"x","queues":[]}"#.utf8)
        #expect(try JSONDecoder().decode(TerminalSnapshot.self, from: old).appointments.isEmpty)
        let snapshot = TerminalSnapshot(catalogYAML: "x", queues: [], appointments: [appointment(at: 10, 0)])
        let encoded = try EventCoding.canonicalEncoder.encode(snapshot)
        #expect(try JSONDecoder().decode(TerminalSnapshot.self, from: encoded) == snapshot)
    }

    @Test func collectionAnswersHaveOneShapeAndTellWhatToBringOnlyWhenReady() throws {
        let ready = CollectionAnswer(kind: .personalausweis, state: .ready)
        #expect(ready.status == .ready)
        #expect(ready.bring.map(\.id) == ["collection-receipt", "old-identity-card", "pin-letter"])
        #expect(CollectionAnswer(kind: .reisepass, state: .ready).bring.map(\.id) == ["collection-receipt", "old-passport"])
        #expect(CollectionAnswer(kind: .reisepass, state: .inProduction) == CollectionAnswer(status: .notYet, bring: []))
        #expect(CollectionAnswer(kind: .reisepass, state: .collected) == CollectionAnswer(status: .unknown, bring: []))
        #expect(CollectionAnswer(kind: nil, state: nil) == CollectionAnswer(status: .unknown, bring: []))
        let keys = { (answer: CollectionAnswer) throws -> [String] in
            let object = try JSONSerialization.jsonObject(with: try EventCoding.canonicalEncoder.encode(answer)) as? [String: Any]
            return (object?.keys).map { Array($0).sorted() } ?? []
        }
        #expect(try keys(ready) == keys(CollectionAnswer(kind: nil, state: nil)))
        for kind in DocumentKind.allCases {
            #expect(kind.toBring.first == .collectionReceipt)
            #expect(kind.toBring.allSatisfy { !$0.de.isEmpty && !$0.en.isEmpty })
        }
        #expect(ApplicationNumber.isValid("A-2026-00017"))
        #expect(!ApplicationNumber.isValid(""))
        #expect(!ApplicationNumber.isValid("../etc"))
        #expect(!ApplicationNumber.isValid(String(repeating: "1", count: 33)))
    }
}

import Foundation
import GRDB
import KioskCore
import Testing
@testable import KioskStore

/// Check-in against the stored snapshot: no central service is involved anywhere here (offline).
@Suite struct CheckInTests {
    let directory = TemporaryDirectory()
    let catalog = StoreFixtures.catalog
    let monday = StoreFixtures.monday  // 09:00 Berlin, 23 Nov 2026
    let day = BusinessDay(year: 2026, month: 11, day: 23)

    func appointment(_ id: String, at minutes: Double, service: String = "one", state: AppointmentState = .booked) -> Appointment {
        Appointment(
            id: AppointmentID(rawValue: id), service: ServiceID(rawValue: service), start: monday.addingTimeInterval(minutes * 60),
            durationMinutes: 15, processNumber: "P\(id)", authKey: "key-\(id)", bookingReference: "REF-\(id)", state: state)
    }

    func openWithSnapshot(_ appointments: [Appointment], terminal: String = "t1") throws -> KioskStore {
        let store = try KioskStore(path: directory.path("kiosk.sqlite"), terminal: TerminalID(rawValue: terminal), logger: StoreFixtures.logger)
        let snapshot = TerminalSnapshot(catalogYAML: "", queues: [], appointments: appointments)
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: "\"1\"", at: monday)
        return store
    }

    func checkIn(_ store: KioskStore, _ code: AppointmentCode, at: Date? = nil) throws -> CheckInResult {
        try store.checkIn(
            code: code, catalog: catalog, rules: .standard, at: at ?? monday, grantor: BlockGrantor(blockSize: 10))
    }

    func events(_ store: KioskStore) throws -> [KioskEvent] {
        try store.allOutboxEntries().map { try KioskEvent(jsonData: $0.body) }
    }

    @Test func anOnTimeCheckInIssuesAnAppointmentTicketAndRecordsTheEventInOneGo() throws {
        let store = try openWithSnapshot([appointment("1", at: 10), appointment("2", at: 20)])
        let result = try checkIn(store, .process(number: "P1", authKey: "key-1"))
        guard case let .checkedIn(ticket, checkedIn, decision) = result else {
            Issue.record("not checked in: \(result)")
            return
        }
        #expect(decision == .onTime)
        #expect(checkedIn.id.rawValue == "1" && checkedIn.state == .checkedIn)
        #expect(ticket.origin == .appointment && ticket.queue.rawValue == "a" && ticket.number.value == 1)
        let recorded = try events(store)
        #expect(recorded.map(\.type) == ["numbers.block-granted", "appointment.checked-in"])
        #expect(recorded.last?.payload == .appointmentCheckedIn(
            AppointmentCheckIn(appointment: AppointmentID(rawValue: "1"), ticket: ticket, appointmentAt: monday.addingTimeInterval(600))))
        #expect(try store.tickets(day: day) == [ticket])
        #expect(try store.walkInCounts(day: day).isEmpty, "appointment tickets do not use the walk-in quota")
        let today = try store.appointments(on: day, calendar: .berlin)
        #expect(today.map(\.id.rawValue) == ["1", "2"])
        #expect(today.map(\.state) == [.checkedIn, .booked])
    }

    @Test func scanningTheSameCodeAgainShowsTheFirstTicketAndIssuesNoOther() throws {
        let store = try openWithSnapshot([appointment("1", at: 0)])
        guard case let .checkedIn(first, _, .onTime) = try checkIn(store, .booking(reference: "REF-1")) else {
            Issue.record("first scan not checked in")
            return
        }
        // The other code of the same appointment counts as the same appointment.
        for code in [AppointmentCode.booking(reference: "REF-1"), .process(number: "P1", authKey: "key-1")] {
            let again = try checkIn(store, code, at: monday.addingTimeInterval(120))
            guard case let .checkedIn(ticket, appointment, decision) = again else {
                Issue.record("repeat scan: \(again)")
                return
            }
            #expect(ticket == first)
            #expect(decision == .alreadyCheckedIn)
            #expect(appointment.state == .checkedIn)
        }
        #expect(try store.tickets(day: day).count == 1)
        #expect(try events(store).filter { $0.type == "appointment.checked-in" }.count == 1)
    }

    @Test(.timeLimit(.minutes(1))) func twoTasksScanningAtOnceGetOneTicket() async throws {
        let store = try openWithSnapshot([appointment("1", at: 0)])
        let catalog = self.catalog
        let monday = self.monday
        let results = try await withThrowingTaskGroup(of: CheckInResult.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try store.checkIn(
                        code: .process(number: "P1", authKey: "key-1"), catalog: catalog, rules: .standard, at: monday,
                        grantor: BlockGrantor(blockSize: 10))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var tickets = Set<UUID>()
        var decisions: [CheckInDecision] = []
        for result in results {
            guard case let .checkedIn(ticket, _, decision) = result else {
                Issue.record("refused: \(result)")
                continue
            }
            tickets.insert(ticket.id)
            decisions.append(decision)
        }
        #expect(tickets.count == 1)
        #expect(decisions.filter { $0 == .onTime }.count == 1)
        #expect(decisions.filter { $0 == .alreadyCheckedIn }.count == 7)
        #expect(try store.tickets(day: day).count == 1)
    }

    @Test func theDatabaseRefusesASecondCheckInRowForOneAppointment() throws {
        let store = try openWithSnapshot([appointment("1", at: 0)])
        _ = try checkIn(store, .booking(reference: "REF-1"))
        let ticket = try #require(try store.tickets(day: day).first)
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO appointment_check_in(appointment, ticket, appointment_at_ms, decision, checked_in_ms) VALUES ('1', ?, 0, 'on-time', 0)",
                    arguments: [ticket.id.uuidString])
            }
        }
    }

    @Test func refusalsIssueNothing() throws {
        let store = try openWithSnapshot([
            appointment("early", at: 120), appointment("late", at: -45), appointment("gone", at: 0, state: .cancelled),
            appointment("elsewhere", at: 0, state: .checkedIn), appointment("tomorrow", at: 24 * 60),
            appointment("stale", at: 0, service: "no-such-service"),
        ])
        func refusal(_ id: String) throws -> CheckInRefusal? {
            if case .refused(let refusal) = try checkIn(store, .booking(reference: "REF-\(id)")) { return refusal }
            return nil
        }
        #expect(try refusal("early") == .decision(.tooEarly(checkInFrom: monday.addingTimeInterval(90 * 60), localTime: TimeOfDay(hour: 10, minute: 30))))
        #expect(try refusal("late") == .decision(.tooLate))
        #expect(try refusal("gone") == .decision(.cancelled))
        #expect(try refusal("elsewhere") == .decision(.alreadyCheckedIn))
        #expect(try refusal("tomorrow") == .decision(.wrongDay(BusinessDay(year: 2026, month: 11, day: 24))))
        #expect(try refusal("stale") == .unknownService)
        #expect(try refusal("nobody") == .notFound)
        #expect(try refusal("gone")?.message[.german].contains("abgesagt") == true)
        #expect(try store.tickets(day: day).isEmpty)
        #expect(try store.allOutboxEntries().isEmpty)
        // A wrong key for a known process number is "not found", like any unknown code.
        #expect(try checkIn(store, .process(number: "Pearly", authKey: "guess")) == .refused(.notFound))
    }

    @Test func withoutASnapshotEveryCodeIsNotFound() throws {
        let store = try KioskStore(path: directory.path("empty.sqlite"), terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger)
        #expect(try checkIn(store, .booking(reference: "REF-1")) == .refused(.notFound))
        #expect(try store.appointments(on: day, calendar: .berlin).isEmpty)
    }

    @Test func aLateCheckInIsAcceptedAndTheCheckInSurvivesAReopen() throws {
        var store: KioskStore? = try openWithSnapshot([appointment("1", at: -20)])
        let result = try checkIn(store!, .booking(reference: "REF-1"))
        guard case let .checkedIn(ticket, _, .lateAccepted(minutes)) = result else {
            Issue.record("not late-accepted: \(result)")
            return
        }
        #expect(minutes == 20)
        store = nil
        let reopened = try KioskStore(path: directory.path("kiosk.sqlite"), terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger)
        #expect(try reopened.appointments(on: day, calendar: .berlin).first?.state == .checkedIn)
        guard case let .checkedIn(again, _, .alreadyCheckedIn) = try checkIn(reopened, .booking(reference: "REF-1")) else {
            Issue.record("repeat after reopen")
            return
        }
        #expect(again == ticket)
    }

    @Test func withoutNumbersAndNoGrantorTheCheckInIsNotRecorded() throws {
        let store = try openWithSnapshot([appointment("1", at: 0)])
        #expect(throws: StoreError.self) {
            try store.checkIn(code: .booking(reference: "REF-1"), catalog: catalog, rules: .standard, at: monday, grantor: nil)
        }
        #expect(try store.appointments(on: day, calendar: .berlin).first?.state == .booked, "rolled back with the ticket")
        #expect(try store.allOutboxEntries().isEmpty)
    }

    @Test func aNewerSnapshotIsWhatTheNextScanSees() throws {
        let store = try openWithSnapshot([appointment("1", at: 10)])
        #expect(try checkIn(store, .process(number: "P2", authKey: "key-2")) == .refused(.notFound))
        // Central booked another appointment; the next pull stores a new snapshot with a new ETag.
        let newer = TerminalSnapshot(catalogYAML: "", queues: [], appointments: [appointment("1", at: 10), appointment("2", at: 20)])
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(newer), etag: "\"2\"", at: monday.addingTimeInterval(1))
        guard case .checkedIn(_, let checkedIn, _) = try checkIn(store, .process(number: "P2", authKey: "key-2")) else {
            Issue.record("the newer snapshot's appointment was not found")
            return
        }
        #expect(checkedIn.id.rawValue == "2")
        // And a snapshot without it takes it away again.
        let cancelled = TerminalSnapshot(catalogYAML: "", queues: [], appointments: [appointment("1", at: 10)])
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(cancelled), etag: "\"3\"", at: monday.addingTimeInterval(2))
        #expect(try store.appointments(on: day, calendar: catalog.site.calendar).map(\.id.rawValue) == ["1"])
    }
}

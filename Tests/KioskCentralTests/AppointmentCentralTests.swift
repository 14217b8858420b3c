import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskTesting
import Testing
@testable import KioskCentral

/// Appointments and collection status in the central store and API, on the run's backend (SQLite or PostgreSQL).
@Suite struct AppointmentCentralTests {
    let store: any CentralStore
    let app: Application<RouterResponder<CentralRequestContext>>
    let day = CentralFixtures.day
    let monday = CentralFixtures.monday  // 09:00 Berlin

    init() async throws {
        store = try await StoreBackend.makeStore()
        app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { CentralFixtures.monday }))
    }

    func appointment(_ id: String, minutes: Double, state: AppointmentState = .booked) -> Appointment {
        Appointment(
            id: AppointmentID(rawValue: id), service: ServiceID(rawValue: "one"), start: monday.addingTimeInterval(minutes * 60),
            durationMinutes: 15, processNumber: "P\(id)", authKey: "K\(id)", bookingReference: nil, state: state)
    }

    func checkInEvent(_ appointment: String, terminal: String, sequence: Int64, number: Int, minutes: Double) -> KioskEvent {
        let ticket = Ticket(
            id: UUID(), number: TicketNumber(prefix: "A", value: number), queue: QueueID(rawValue: "a"),
            service: ServiceID(rawValue: "one"), day: day, issuedAt: monday.addingTimeInterval(Double(sequence)), origin: .appointment,
            terminal: TerminalID(rawValue: terminal), estimate: .unknown, ahead: 0)
        return KioskEvent(
            id: UUID(), terminal: TerminalID(rawValue: terminal), sequence: sequence, time: monday.addingTimeInterval(Double(sequence)),
            payload: .appointmentCheckedIn(
                AppointmentCheckIn(appointment: AppointmentID(rawValue: appointment), ticket: ticket, appointmentAt: monday.addingTimeInterval(minutes * 60))))
    }

    @Test func putCancelAndListADaysAppointments() async throws {
        try await store.putAppointment(appointment("1", minutes: 30), site: "s", day: day)
        try await store.putAppointment(appointment("2", minutes: 10), site: "s", day: day)
        try await store.putAppointment(appointment("other-site", minutes: 10), site: "elsewhere", day: day)
        try await store.putAppointment(appointment("tomorrow", minutes: 24 * 60), site: "s", day: BusinessDay(year: 2026, month: 11, day: 24))
        #expect(try await store.appointments(site: "s", day: day).map(\.id.rawValue) == ["2", "1"])
        #expect(try await store.appointment(AppointmentID(rawValue: "1")) == appointment("1", minutes: 30))
        #expect(try await store.cancelAppointment(AppointmentID(rawValue: "1"))?.state == .cancelled)
        #expect(try await store.cancelAppointment(AppointmentID(rawValue: "nope")) == nil)
        // Booked again by a later put (the import will re-send it).
        try await store.putAppointment(appointment("1", minutes: 45), site: "s", day: day)
        #expect(try await store.appointment(AppointmentID(rawValue: "1"))?.state == .booked)
        #expect(try await store.appointment(AppointmentID(rawValue: "1"))?.start == monday.addingTimeInterval(45 * 60))
    }

    @Test func theSnapshotCarriesTodaysAppointmentsOfTheSiteAndChangesItsETag() async throws {
        @Sendable func snapshot(_ client: some TestClientProtocol) async throws -> (TerminalSnapshot, String?) {
            try await client.execute(uri: "/v1/terminals/t1/snapshot", method: .get) { response in
                #expect(response.status == .ok)
                return (try JSONDecoder().decode(TerminalSnapshot.self, from: Data(response.body.readableBytesView)), response.headers[.eTag])
            }
        }
        try await app.test(.router) { client in
            let (empty, firstTag) = try await snapshot(client)
            #expect(empty.appointments.isEmpty)
            try await store.putAppointment(appointment("1", minutes: 30), site: "s", day: day)
            try await store.putAppointment(appointment("other-site", minutes: 10), site: "elsewhere", day: day)
            try await store.putAppointment(appointment("tomorrow", minutes: 24 * 60), site: "s", day: BusinessDay(year: 2026, month: 11, day: 24))
            let (full, secondTag) = try await snapshot(client)
            #expect(full.appointments == [appointment("1", minutes: 30)])
            #expect(firstTag != secondTag)
            try await client.execute(uri: "/v1/terminals/t1/snapshot", method: .get) { response in
                let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let first = try #require((object?["appointments"] as? [[String: Any]])?.first)
                #expect(Set(first.keys) == ["id", "service", "start", "durationMinutes", "processNumber", "authKey", "state"])
            }
        }
    }

    @Test func aCheckInQueuesItsTicketByTheAppointmentAndASecondOneIsAConflict() async throws {
        try await store.putCounter(Counter(id: "s1", name: "Schalter 1", queues: [QueueID(rawValue: "a")]))
        try await store.putAppointment(appointment("1", minutes: 10), site: "s", day: day)
        // Two walk-ins came first; the appointment's ticket is due (starts within 5 minutes of the call) and goes ahead.
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...2), at: monday)
        let first = checkInEvent("1", terminal: "t1", sequence: 3, number: 3, minutes: 10)
        let result = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: [first], at: monday)
        #expect(result.applied == 1)
        #expect(try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: [first], at: monday).duplicates == 1)
        #expect(try await store.appointment(AppointmentID(rawValue: "1"))?.state == .checkedIn)
        // Another terminal checked the same appointment in while offline.
        let second = checkInEvent("1", terminal: "t2", sequence: 1, number: 1001, minutes: 10)
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t2"), events: [second], at: monday)
        let conflicts = try await store.appointmentConflicts()
        guard case .appointmentCheckedIn(let secondCheckIn) = second.payload, case .appointmentCheckedIn(let firstCheckIn) = first.payload else { return }
        #expect(conflicts.map(\.reason) == [.alreadyCheckedIn])
        #expect(conflicts.first?.ticket == secondCheckIn.ticket.id)
        #expect(conflicts.first?.terminal.rawValue == "t2")
        #expect(try await store.integrity().tickets == 3, "two walk-ins and one appointment ticket; the second check-in queues nothing")
        #expect(try await store.waitingCounts(day: day)[QueueID(rawValue: "a")] == 3)
        let called = try await store.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: day, at: monday.addingTimeInterval(6 * 60))
        #expect(called?.id == firstCheckIn.ticket.id)
        #expect(called?.number == "A 003")
        let statistics = try await store.statistics(day: day, catalog: CentralFixtures.catalog)
        #expect(statistics.first { $0.service.rawValue == "one" }?.appointments == 1)
    }

    @Test func checkInsForCancelledOrUnknownAppointmentsQueueAndAreRecorded() async throws {
        try await store.putAppointment(appointment("gone", minutes: 0), site: "s", day: day)
        _ = try await store.cancelAppointment(AppointmentID(rawValue: "gone"))
        _ = try await store.ingest(
            terminal: TerminalID(rawValue: "t1"),
            events: [
                checkInEvent("gone", terminal: "t1", sequence: 1, number: 1, minutes: 0),
                checkInEvent("never-imported", terminal: "t1", sequence: 2, number: 2, minutes: 5),
            ], at: monday)
        #expect(try await store.appointmentConflicts().map(\.reason) == [.cancelled, .unknownAppointment])
        #expect(try await store.integrity().tickets == 2)
        #expect(try await store.appointment(AppointmentID(rawValue: "gone"))?.state == .cancelled, "a conflict does not rewrite the booking")
    }

    @Test func aNumberClashBetweenAWalkInAndACheckInInOneBatchIsRecorded() async throws {
        var events = CentralFixtures.events("t1", 1...1)
        events.append(checkInEvent("x", terminal: "t1", sequence: 2, number: 1, minutes: 0))
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: events, at: monday)
        #expect(try await store.integrity().conflicts == 1)
    }

    @Test func collectionStatusAnswersReadyNotYetOrUnknownInOneShape() async throws {
        try await store.setCollection(applicationNumber: "PA-1", kind: .personalausweis, state: .ready, at: monday)
        try await store.setCollection(applicationNumber: "RP-2", kind: .reisepass, state: .inProduction, at: monday)
        try await store.setCollection(applicationNumber: "PA-3", kind: .personalausweis, state: .collected, at: monday)
        func ask(_ number: String) async throws -> (status: HTTPResponse.Status, answer: CollectionAnswer?, keys: [String]) {
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/terminals/t1/collections/\(number)", method: .get) { response in
                    let data = Data(response.body.readableBytesView)
                    let keys = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]).map { Array($0.keys).sorted() } ?? []
                    return (response.status, try? JSONDecoder().decode(CollectionAnswer.self, from: data), keys)
                }
            }
        }
        let ready = try await ask("PA-1")
        #expect(ready.status == .ok)
        #expect(ready.answer == CollectionAnswer(kind: .personalausweis, state: .ready))
        #expect(ready.answer?.bring.map(\.id).contains("old-identity-card") == true)
        #expect(try await ask("RP-2").answer?.status == .notYet)
        let unknown = try await ask("NEVER-SEEN")
        #expect(unknown.status == .ok)
        #expect(unknown.answer?.status == .unknown)
        #expect(unknown.keys == ready.keys)
        #expect(try await ask("PA-3").answer?.status == .unknown, "collected looks like unknown")
        #expect(try await ask("a%20b").status == .badRequest)
        #expect(try await ask(String(repeating: "9", count: 40)).status == .badRequest)
    }

    @Test func readySinceIsKeptWhileReadyAndClearedOtherwise() async throws {
        let number = "PA-7"
        try await store.setCollection(applicationNumber: number, kind: .personalausweis, state: .inProduction, at: monday)
        #expect(try await store.collection(applicationNumber: number)?.readySince == nil)
        try await store.setCollection(applicationNumber: number, kind: .personalausweis, state: .ready, at: monday)
        try await store.setCollection(applicationNumber: number, kind: .personalausweis, state: .ready, at: monday.addingTimeInterval(3600))
        #expect(try await store.collection(applicationNumber: number)
            == CollectionRecord(applicationNumber: number, kind: .personalausweis, state: .ready, readySince: monday))
        try await store.setCollection(applicationNumber: number, kind: .personalausweis, state: .collected, at: monday.addingTimeInterval(7200))
        #expect(try await store.collection(applicationNumber: number)?.readySince == nil)
        #expect(try await store.collection(applicationNumber: "unknown") == nil)
    }
}

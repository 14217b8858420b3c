import Foundation
import KioskCentral
import KioskCore
import KioskStore
import KioskTesting
import Testing
@testable import KioskSync

/// Appointment check-in and collection status between a terminal and a live central on loopback.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AppointmentSyncTests {
    @Test func aTerminalChecksInFromItsSnapshotAndCentralMarksTheAppointment() async throws {
        let central = LiveCentral(databasePath: SyncFixtures.path("central"), settings: SyncFixtures.settings)
        try await central.start()
        // Central serves "today" by the wall clock; the appointment starts now, so the check-in is on time.
        let now = Date()
        let calendar = SyncFixtures.catalog.site.calendar
        let admin = try SQLiteCentralStore(path: central.databasePath)
        let booked = Appointment(
            id: AppointmentID(rawValue: "live-1"), service: ServiceID(rawValue: "one"), start: now, durationMinutes: 15,
            processNumber: "4711", authKey: "k-4711")
        try await admin.putAppointment(booked, site: SyncFixtures.catalog.site.id, day: calendar.businessDay(of: now))

        let store = try KioskStore(path: SyncFixtures.path("terminal"), terminal: TerminalID(rawValue: "t1"), logger: SyncFixtures.quiet)
        // Room for a machine busy with the whole suite (5 s was seen to run out for a snapshot request there); the
        // drain against the stopped central waits this out once.
        let transport = HTTPSyncTransport(baseURL: central.baseURL, timeout: .seconds(20))
        let sync = TerminalSync(
            store: store, transport: transport, catalog: SyncFixtures.catalog, blockSize: 10, offlineReserve: 0, interval: .seconds(60),
            logger: SyncFixtures.quiet, onCatalog: { _ in })
        try await sync.pullSnapshot()
        #expect(try store.appointments(on: calendar.businessDay(of: now), calendar: calendar) == [booked])

        // Central goes away: check-in works from the stored snapshot.
        await central.stop()
        let result = try store.checkIn(
            code: .process(number: "4711", authKey: "k-4711"), catalog: SyncFixtures.catalog, rules: .standard, at: now,
            grantor: BlockGrantor(blockSize: 10))
        guard case let .checkedIn(ticket, _, .onTime) = result else {
            Issue.record("not checked in: \(result)")
            return
        }
        await #expect(throws: SyncError.self) { _ = try await sync.pump.drain() }

        try await central.start()
        try await Self.drainOnceReachable(sync.pump)
        #expect(try await admin.appointment(booked.id)?.state == .checkedIn)
        #expect(try await admin.followStatus(ticket: ticket.id)?.number == "A 001")
        #expect(try await admin.appointmentConflicts().isEmpty)
        // The next snapshot says checked in, so another terminal refuses instead of issuing a second ticket.
        let other = try KioskStore(path: SyncFixtures.path("terminal-2"), terminal: TerminalID(rawValue: "t2"), logger: SyncFixtures.quiet)
        let otherSync = TerminalSync(
            store: other, transport: transport, catalog: SyncFixtures.catalog, blockSize: 10, offlineReserve: 0, interval: .seconds(60),
            logger: SyncFixtures.quiet, onCatalog: { _ in })
        try await otherSync.pullSnapshot()
        #expect(
            try other.checkIn(
                code: .process(number: "4711", authKey: "k-4711"), catalog: SyncFixtures.catalog, rules: .standard, at: now,
                grantor: BlockGrantor(blockSize: 10)) == .refused(.decision(.alreadyCheckedIn)))
        await central.stop()
    }

    /// Drains the outbox as the pump's own loop would after central comes back: a round that finds central not
    /// yet answering (a loaded machine, a pooled connection to the stopped server) is tried again, for up to 30 s.
    static func drainOnceReachable(_ pump: OutboxPump) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                _ = try await pump.drain()
                return
            } catch is SyncError where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    @Test func theCollectionClientAnswersTypedAndSaysWhenItIsOffline() async throws {
        let central = LiveCentral(databasePath: SyncFixtures.path("central"), settings: SyncFixtures.settings)
        try await central.start()
        let admin = try SQLiteCentralStore(path: central.databasePath)
        try await admin.setCollection(applicationNumber: "PA-2026-1", kind: .personalausweis, state: .ready, at: Date())
        try await admin.setCollection(applicationNumber: "RP-2026-2", kind: .reisepass, state: .inProduction, at: Date())
        let client = CollectionStatusClient(
            transport: HTTPSyncTransport(baseURL: central.baseURL, timeout: .seconds(10)), terminal: TerminalID(rawValue: "t1"))

        let ready = try await client.status(applicationNumber: "PA-2026-1")
        #expect(ready.status == .ready)
        #expect(ready.bring == DocumentKind.personalausweis.toBring)
        #expect(try await client.status(applicationNumber: "RP-2026-2") == CollectionAnswer(status: .notYet, bring: []))
        #expect(try await client.status(applicationNumber: "XX-0") == CollectionAnswer(status: .unknown, bring: []))
        await #expect(throws: CollectionLookupError(kind: .invalidNumber)) { try await client.status(applicationNumber: "../snapshot") }

        await central.stop()
        do {
            _ = try await client.status(applicationNumber: "PA-2026-1")
            Issue.record("answered without central")
        } catch {
            #expect(error.isOffline)
            #expect(error.message[.german].contains("keine Verbindung"))
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskTesting
import Testing
@testable import KioskCentral

/// The import API on the run's backend (SQLite or PostgreSQL): system clients, idempotent upserts and
/// cancellations, row-by-row rejection with nothing half-imported, dry runs, and the names' retention.
@Suite struct AppointmentImportTests {
    let store: any CentralStore
    let app: Application<RouterResponder<CentralRequestContext>>
    let token = "0123456789abcdef0123456789abcdef"
    let monday = CentralFixtures.monday
    let day = CentralFixtures.day

    init() async throws {
        store = try await StoreBackend.makeStore()
        try await store.putSystemClient(name: "booking", tokenDigest: StaffToken.digest(token), at: CentralFixtures.monday)
        var settings = CentralFixtures.settings
        settings.checkInSigner = try CheckInSigner(site: "s", rawKey: Array(repeating: 7, count: 32))
        app = Application(router: CentralAPI.router(store: store, settings: settings, now: { CentralFixtures.monday }))
    }

    func row(_ id: String, minutes: Double = 30, service: String = "one", name: String? = nil) -> AppointmentImportRow {
        AppointmentImportRow(
            id: AppointmentID(rawValue: id), service: ServiceID(rawValue: service), start: monday.addingTimeInterval(minutes * 60),
            durationMinutes: 15, processNumber: "P\(id)", authKey: "K\(id)", name: name)
    }

    func post(_ rows: [AppointmentImportRow], dryRun: Bool = false) async throws -> (HTTPResponse.Status, AppointmentImportReport?) {
        try await post(CentralFixtures.body(AppointmentImportRequest(appointments: rows, dryRun: dryRun)), token: token)
    }

    func post(_ body: ByteBuffer, token: String?) async throws -> (HTTPResponse.Status, AppointmentImportReport?) {
        try await app.test(.router) { client in
            var headers: HTTPFields = [.contentType: "application/json"]
            if let token { headers[.authorization] = "Bearer \(token)" }
            return try await client.execute(uri: ImportAPI.path, method: .post, headers: headers, body: body) { response in
                (response.status, try? JSONDecoder().decode(AppointmentImportReport.self, from: Data(response.body.readableBytesView)))
            }
        }
    }

    @Test func onlyASystemClientWithItsTokenMayImport() async throws {
        let body = CentralFixtures.body(AppointmentImportRequest(appointments: [row("1")]))
        #expect(try await post(body, token: nil).0 == .unauthorized)
        #expect(try await post(body, token: "not-the-token").0 == .unauthorized)
        #expect(try await store.systemClient(tokenDigest: StaffToken.digest(token)) == "booking")
        #expect(try await store.systemClient(tokenDigest: token) == nil, "the token itself is not what is stored")
        #expect(try await store.appointment(AppointmentID(rawValue: "1")) == nil)
        #expect(try await post(ByteBuffer(string: "{\"appointments\": [{\"id\": 5}]}"), token: token).0 == .badRequest)
    }

    @Test func rowsAreIdempotentByTheBookingSystemsIdAndMovesAndCancellationsApply() async throws {
        let (status, report) = try await post([row("1"), row("2", minutes: 60), row("3", name: "Erika Mustermann")])
        #expect(status == .ok)
        #expect(report == AppointmentImportReport(applied: true, created: ["1", "2", "3"].map(AppointmentID.init(rawValue:))))
        let again = try await post([row("1"), row("2", minutes: 60), row("3", name: "Erika Mustermann")]).1
        #expect(again?.unchanged.count == 3)
        #expect(again?.created.isEmpty == true)
        let moved = try await post([row("2", minutes: 90), .cancel(AppointmentID(rawValue: "3"))]).1
        #expect(moved?.updated.map(\.rawValue) == ["2"])
        #expect(moved?.cancelled.map(\.rawValue) == ["3"])
        #expect(try await store.appointment(AppointmentID(rawValue: "2"))?.start == monday.addingTimeInterval(90 * 60))
        #expect(try await store.appointment(AppointmentID(rawValue: "3"))?.state == .cancelled)
        #expect(try await post([.cancel(AppointmentID(rawValue: "3"))]).1?.unchanged.map(\.rawValue) == ["3"])
        // The booking system books it again.
        #expect(try await post([row("3")]).1?.updated.map(\.rawValue) == ["3"])
        #expect(try await store.appointment(AppointmentID(rawValue: "3"))?.state == .booked)
        #expect(try await store.appointments(site: "s", day: day).map(\.id.rawValue) == ["1", "3", "2"], "by start")
    }

    @Test func oneBadRowRefusesTheWholeRequestAndEveryBadRowIsNamed() async throws {
        _ = try await post([row("kept")])
        var noCode = row("no-code")
        noCode.processNumber = nil
        noCode.authKey = nil
        let rows = [
            row("good"), row("svc", service: "unknown"), noCode, row("good"), .cancel(AppointmentID(rawValue: "never-seen")),
            row("kept", minutes: 120), AppointmentImportRow(id: AppointmentID(rawValue: "")),
        ]
        let (status, report) = try await post(rows)
        #expect(status == .unprocessableContent)
        #expect(report?.applied == false)
        #expect(report?.rejected.map(\.row) == [1, 2, 3, 4, 6])
        #expect(report?.rejected.map(\.code) == ["unknown-service", "no-check-in-code", "duplicate-id", "unknown-appointment", "invalid-id"])
        #expect(report?.rejected.allSatisfy { !$0.de.isEmpty && !$0.en.isEmpty } == true)
        #expect(report?.created.map(\.rawValue) == ["good"], "what the good rows would do is still reported")
        #expect(report?.updated.map(\.rawValue) == ["kept"])
        #expect(try await store.appointment(AppointmentID(rawValue: "good")) == nil, "nothing half-imported")
        #expect(try await store.appointment(AppointmentID(rawValue: "kept"))?.start == monday.addingTimeInterval(30 * 60))
    }

    @Test func aDryRunReportsAndChangesNothing() async throws {
        let (status, report) = try await post([row("1"), row("2")], dryRun: true)
        #expect(status == .ok)
        #expect(report?.applied == false)
        #expect(report?.created.count == 2)
        #expect(try await store.appointments(site: "s", day: day).isEmpty)
    }

    @Test func anAppointmentOfAnotherSiteIsNotTakenOver() async throws {
        try await store.putAppointment(
            Appointment(id: AppointmentID(rawValue: "x"), service: ServiceID(rawValue: "one"), start: monday, durationMinutes: 15, bookingReference: "B"),
            site: "elsewhere", day: day)
        let (status, report) = try await post([row("x")])
        #expect(status == .unprocessableContent)
        #expect(report?.rejected.first?.code == "other-site")
    }

    @Test func aCheckedInAppointmentStaysCheckedInWhenUpdatedOrCancelled() async throws {
        _ = try await post([row("1")])
        let ticket = Ticket(
            id: UUID(), number: TicketNumber(prefix: "A", value: 1), queue: QueueID(rawValue: "a"), service: ServiceID(rawValue: "one"),
            day: day, issuedAt: monday, origin: .appointment, terminal: TerminalID(rawValue: "t1"), estimate: .unknown, ahead: 0)
        _ = try await store.ingest(
            terminal: TerminalID(rawValue: "t1"),
            events: [
                KioskEvent(
                    id: UUID(), terminal: TerminalID(rawValue: "t1"), sequence: 1, time: monday,
                    payload: .appointmentCheckedIn(AppointmentCheckIn(appointment: AppointmentID(rawValue: "1"), ticket: ticket, appointmentAt: monday)))
            ], at: monday)
        #expect(try await post([.cancel(AppointmentID(rawValue: "1"))]).1?.unchanged.map(\.rawValue) == ["1"])
        #expect(try await post([row("1", minutes: 45)]).1?.updated.map(\.rawValue) == ["1"])
        #expect(try await store.appointment(AppointmentID(rawValue: "1"))?.state == .checkedIn)
    }

    @Test func namesAreKeptUntilTheDayIsOverPlusTheRetention() async throws {
        let yesterday = BusinessDay(year: 2026, month: 11, day: 22)
        _ = try await post([row("today", name: "Erika Mustermann"), row("yesterday", minutes: -24 * 60, name: "Max Mustermann")])
        #expect(try await store.appointmentName(AppointmentID(rawValue: "yesterday")) == "Max Mustermann")
        let calendar = SiteCalendar.berlin
        let keepWithOneDay = AppointmentNameRetention.firstKeptDay(today: day, retentionDays: 1, calendar: calendar)
        #expect(keepWithOneDay == yesterday)
        #expect(try await store.purgeAppointmentNames(before: keepWithOneDay) == 0)
        let keep = AppointmentNameRetention.firstKeptDay(today: day, retentionDays: 0, calendar: calendar)
        #expect(keep == day)
        #expect(try await store.purgeAppointmentNames(before: keep) == 1)
        #expect(try await store.appointmentName(AppointmentID(rawValue: "yesterday")) == nil)
        #expect(try await store.appointmentName(AppointmentID(rawValue: "today")) == "Erika Mustermann")
        #expect(try await store.appointment(AppointmentID(rawValue: "yesterday")) != nil, "the appointment itself stays")
        // A DST switch (25 October 2026) does not shift the day.
        #expect(
            AppointmentNameRetention.firstKeptDay(today: BusinessDay(year: 2026, month: 10, day: 26), retentionDays: 1, calendar: calendar)
                == BusinessDay(year: 2026, month: 10, day: 25))
    }

    @Test func theSnapshotCarriesTheSitesPublicKeyButNoNames() async throws {
        _ = try await post([row("1", name: "Erika Mustermann")])
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/terminals/t1/snapshot", method: .get) { response in
                let text = String(buffer: response.body)
                let snapshot = try JSONDecoder().decode(TerminalSnapshot.self, from: Data(response.body.readableBytesView))
                let signer = try CheckInSigner(site: "s", rawKey: Array(repeating: 7, count: 32))
                #expect(snapshot.checkInKey == signer.publicKeyBase64)
                #expect(snapshot.appointments.map(\.id.rawValue) == ["1"])
                #expect(!text.contains("Erika"))
            }
        }
    }
}

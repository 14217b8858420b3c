import Foundation
import KioskCentral
import KioskCore
import KioskStore
import KioskTesting
import Testing
@testable import KioskSync

/// Appointments from a CSV file, an .ics file and signed codes, through central's import API and the real
/// snapshot path, checked in at a terminal.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AppointmentImportSyncTests {
    let token = "feedfacefeedfacefeedfacefeedface"
    let calendar = SyncFixtures.catalog.site.calendar

    func startCentral(signer: CheckInSigner? = nil) async throws -> LiveCentral {
        var settings = SyncFixtures.settings
        settings.checkInSigner = signer
        let central = LiveCentral(databasePath: SyncFixtures.path("central"), settings: settings)
        try await central.start()
        try await SQLiteCentralStore(path: central.databasePath).putSystemClient(name: "import", tokenDigest: StaffToken.digest(token), at: Date())
        return central
    }

    func terminal(_ central: LiveCentral, interval: Duration = .seconds(60)) throws -> (KioskStore, TerminalSync) {
        let store = try KioskStore(path: SyncFixtures.path("terminal"), terminal: TerminalID(rawValue: "t1"), logger: SyncFixtures.quiet)
        let sync = TerminalSync(
            store: store, transport: HTTPSyncTransport(baseURL: central.baseURL, timeout: .seconds(5)), catalog: SyncFixtures.catalog,
            blockSize: 10, offlineReserve: 0, interval: interval, logger: SyncFixtures.quiet, onCatalog: { _ in })
        return (store, sync)
    }

    func checkIn(_ store: KioskStore, _ code: AppointmentCode, at now: Date) throws -> CheckInResult {
        try store.checkIn(code: code, catalog: SyncFixtures.catalog, rules: .standard, at: now, grantor: BlockGrantor(blockSize: 10))
    }

    @Test func appointmentsFromACSVExportCheckInAtTheTerminal() async throws {
        let central = try await startCentral()
        let now = Date()
        let day = calendar.businessDay(of: now)
        let time = calendar.timeOfDay(of: now.addingTimeInterval(60))
        let csv = """
            Vorgang;Anliegen;Datum;Uhrzeit;Nummer;Schlüssel;Name
            csv-1;Eins;\(String(day.day)).\(String(day.month)).\(String(day.year));\(time);880011;k-csv-1;Erika Mustermann
            csv-2;Eins;\(String(day.day)).\(String(day.month)).\(String(day.year));\(time);880012;k-csv-2;
            """
        let mapping = try AppointmentCSVMapping.parse(yaml: """
            delimiter: ";"
            dateFormat: DD.MM.YYYY
            columns: { id: Vorgang, service: Anliegen, date: Datum, time: Uhrzeit, process: Nummer, key: Schlüssel, name: Name, booking: null, status: null, duration: null }
            services: { Eins: one }
            """)
        let file = try AppointmentCSVReader.read(Array(csv.utf8), mapping: mapping, calendar: calendar)
        #expect(file.rejected.isEmpty, "\(file.rejected)")
        let client = AppointmentImportClient(baseURL: central.baseURL, token: token)
        let dry = try await client.send(file.entries.map(\.row), dryRun: true)
        #expect(dry.created.count == 2 && !dry.applied)
        let report = try await client.send(file.entries.map(\.row), dryRun: false)
        #expect(report.applied && report.created.map(\.rawValue) == ["csv-1", "csv-2"])
        await #expect(throws: SyncError.self) { try await AppointmentImportClient(baseURL: central.baseURL, token: "wrong").send([], dryRun: true) }

        let (store, sync) = try terminal(central)
        try await sync.pullSnapshot()
        guard case .checkedIn(let ticket, _, let decision) = try checkIn(store, .process(number: "880011", authKey: "k-csv-1"), at: now) else {
            Issue.record("the CSV appointment did not check in")
            await central.stop()
            return
        }
        #expect(decision.acceptsCheckIn)
        #expect(ticket.origin == .appointment)
        await central.stop()
    }

    @Test func appointmentsFromAnICSFileCheckInAtTheTerminal() async throws {
        let central = try await startCentral()
        let now = Date()
        let utc = Date.ISO8601FormatStyle(timeZone: .gmt)
        let stamp = now.addingTimeInterval(120).formatted(utc).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:ics-live-1\r
            DTSTART:\(stamp)\r
            DURATION:PT20M\r
            X-KIOSK-SERVICE:two\r
            X-KIOSK-BOOKING:BK-LIVE\r
             0001\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let file = try ICalendarReader.read(ics, calendar: calendar)
        #expect(file.rejected.isEmpty, "\(file.rejected)")
        let report = try await AppointmentImportClient(baseURL: central.baseURL, token: token).send(file.entries.map(\.row), dryRun: false)
        #expect(report.applied)
        let (store, sync) = try terminal(central)
        try await sync.pullSnapshot()
        let result = try checkIn(store, .booking(reference: "BK-LIVE0001"), at: now)
        guard case .checkedIn(let ticket, _, _) = result else {
            Issue.record("the .ics appointment did not check in: \(result)")
            await central.stop()
            return
        }
        #expect(ticket.queue == QueueID(rawValue: "b"))
        await central.stop()
    }

    @Test func newMovedAndCancelledAppointmentsReachTheTerminalWithinOneSyncInterval() async throws {
        let central = try await startCentral()
        let now = Date()
        let client = AppointmentImportClient(baseURL: central.baseURL, token: token)
        func row(_ id: String, minutes: Double) -> AppointmentImportRow {
            AppointmentImportRow(
                id: AppointmentID(rawValue: id), service: ServiceID(rawValue: "one"), start: now.addingTimeInterval(minutes * 60),
                durationMinutes: 15, bookingReference: "BK-\(id)")
        }
        _ = try await client.send([row("stays", minutes: 5), row("moves", minutes: 5), row("goes", minutes: 5)], dryRun: false)
        let interval = Duration.seconds(1)
        let (store, sync) = try terminal(central, interval: interval)
        let running = Task { await sync.run() }
        defer { running.cancel() }
        let day = calendar.businessDay(of: now)
        func waitFor(_ condition: ([Appointment]) -> Bool) async throws -> Duration {
            let clock = ContinuousClock()
            let start = clock.now
            while clock.now - start < .seconds(10) {
                if condition(try store.appointments(on: day, calendar: calendar)) { return clock.now - start }
                try await Task.sleep(for: .milliseconds(50))
            }
            return .seconds(10)
        }
        #expect(try await waitFor { $0.count == 3 } < .seconds(10))
        let changed = try await client.send(
            [row("moves", minutes: 25), .cancel(AppointmentID(rawValue: "goes")), row("new", minutes: 10)], dryRun: false)
        #expect(changed.applied)
        let took = try await waitFor { appointments in
            appointments.first { $0.id.rawValue == "moves" }?.start == now.addingTimeInterval(25 * 60).wholeMilliseconds
                && appointments.first { $0.id.rawValue == "goes" }?.state == .cancelled
                && appointments.contains { $0.id.rawValue == "new" }
        }
        // One interval, plus the time one round of requests takes on a loaded machine.
        #expect(took <= interval + .milliseconds(1500), "took \(took)")
        running.cancel()
        let cancelled = try checkIn(store, .booking(reference: "BK-goes"), at: now)
        #expect(cancelled == .refused(.decision(.cancelled)))
        if case .refused(let refusal) = cancelled {
            #expect(refusal.message[.german].contains("abgesagt"))
            #expect(refusal.message[.english].contains("cancelled"))
        }
        await central.stop()
    }

    @Test func aSignedCodeChecksInOfflineOnceAndAForgedOneIsRefused() async throws {
        let raw = CheckInSigner.generateRawKey()
        let signer = try CheckInSigner(site: "s", rawKey: raw)
        let central = try await startCentral(signer: signer)
        let now = Date()
        let day = calendar.businessDay(of: now)
        _ = try await AppointmentImportClient(baseURL: central.baseURL, token: token).send(
            [
                AppointmentImportRow(
                    id: AppointmentID(rawValue: "own-1"), service: ServiceID(rawValue: "one"), start: now, durationMinutes: 15,
                    bookingReference: "OWN-1"),
                AppointmentImportRow(
                    id: AppointmentID(rawValue: "own-2"), service: ServiceID(rawValue: "one"), start: now, durationMinutes: 15,
                    bookingReference: "OWN-2"),
            ], dryRun: false)
        let (store, sync) = try terminal(central)
        try await sync.pullSnapshot()
        await central.stop()  // verified offline from here on

        let code = signer.code(for: AppointmentID(rawValue: "own-1"), day: day)
        // Read from the scanned text as the terminal does.
        let scanned = PayloadRules(rules: []).classify(ScannedCode(symbology: .qrCode, data: Array(code.text.utf8)))
        guard case .success(.appointment(let parsed)) = scanned else {
            Issue.record("not read: \(scanned)")
            return
        }
        guard case .checkedIn(let ticket, _, .onTime) = try checkIn(store, parsed, at: now) else {
            Issue.record("the signed code did not check in")
            return
        }
        // A copy scanned again: the same ticket, no second one.
        guard case .checkedIn(let again, _, .alreadyCheckedIn) = try checkIn(store, parsed, at: now) else {
            Issue.record("the copy was not recognised")
            return
        }
        #expect(again.id == ticket.id)
        // The signature of own-1 on a code for own-2, a key of another site, another site's name: refused.
        var forged = code
        forged.appointment = AppointmentID(rawValue: "own-2")
        #expect(try checkIn(store, .signed(forged), at: now) == .refused(.invalidCode))
        let stranger = try CheckInSigner(site: "s", rawKey: CheckInSigner.generateRawKey())
        #expect(try checkIn(store, .signed(stranger.code(for: AppointmentID(rawValue: "own-2"), day: day)), at: now) == .refused(.invalidCode))
        let otherSite = try CheckInSigner(site: "elsewhere", rawKey: raw)
        #expect(try checkIn(store, .signed(otherSite.code(for: AppointmentID(rawValue: "own-2"), day: day)), at: now) == .refused(.invalidCode))
    }
}

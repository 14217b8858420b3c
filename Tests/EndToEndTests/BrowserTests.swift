import Foundation
import HummingbirdBcrypt
import KioskCentral
import KioskCore
import KioskTesting
import Logging
import Testing

/// The staff console and the call display in a real browser (headless Chromium) against a real kiosk-central.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BrowserTests {
    @Test func loginCallNextAndTheCallAppearsAndIsSpokenOnTheDisplay() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("central.sqlite").path
        try await Self.consoleAndDisplay(store: try SQLiteCentralStore(path: database), database: database, instances: 1, directory: directory)
    }

    /// Two kiosk-central processes on one PostgreSQL database: the clerk calls on the first, the display hangs
    /// on the second and must get the call at once (LISTEN/NOTIFY between the instances).
    @Test(.enabled(if: TestPostgres.isSelected, "needs the PostgreSQL run of scripts/test.sh"))
    func aCallMadeOnOneInstanceIsPushedToTheDisplayOfAnother() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = try TestPostgres.makeDatabase()
        var logger = Logger(label: "browser-test")
        logger.logLevel = .critical
        let store = try await PostgresCentralStore(url: url, logger: logger)
        defer { store.close() }
        try await Self.consoleAndDisplay(store: store, database: url, instances: 2, directory: directory)
    }

    /// A clerk, a counter serving queue A and three waiting tickets; then the browser script: console on the
    /// first instance, display on the last.
    static func consoleAndDisplay(store: any CentralStore, database: String, instances: Int, directory: URL) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "chromium is not installed (scripts/test.sh installs it)")
        let catalogPath = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/services.yaml").path
        let catalog = try ServiceCatalog.parse(yaml: try String(contentsOfFile: catalogPath, encoding: .utf8))
        try await store.putStaff(id: "anna", displayName: "Anna", role: .staff, passwordHash: Bcrypt.hash("richtig-geheim", cost: 4))
        try await store.putCounter(Counter(id: "s1", name: "Schalter 1", queues: [QueueID(rawValue: "ausweise")]))
        let now = Date()
        let today = SiteCalendar.berlin.businessDay(of: now)
        let events = (1...3).map { sequence in
            KioskEvent(
                id: UUID(), terminal: TerminalID(rawValue: "t1"), sequence: Int64(sequence), time: now,
                payload: .ticketIssued(Ticket(
                    id: UUID(), number: TicketNumber(prefix: "A", value: sequence), queue: QueueID(rawValue: "ausweise"),
                    service: catalog.services[0].id, day: today, issuedAt: now.addingTimeInterval(Double(sequence)),
                    origin: .walkIn, terminal: TerminalID(rawValue: "t1"), estimate: .unknown, ahead: 0)))
        }
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: events, at: now)

        let centrals = try (0..<instances).map { _ in try CentralProcess(database: database, catalog: catalogPath) }
        for central in centrals { try central.start() }
        defer { for central in centrals { central.kill() } }
        let script = KioskdTerminalTests.repository.appendingPathComponent("Tests/Browser/console_and_display.py").path
        let screenshots = directory.appendingPathComponent("screens").path
        let result = try KioskdTerminalTests.run(
            ["/usr/bin/python3", script, centrals[0].url, "anna", "richtig-geheim", screenshots, centrals[centrals.count - 1].url])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("OK: call pushed to the display and spoken"))
        #expect(FileManager.default.fileExists(atPath: screenshots + "/display.png"))
        #expect(try await store.auditLog(limit: 10).contains { $0.action == "call-next" && $0.staff == "anna" })
    }
}

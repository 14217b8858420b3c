import Foundation
import KioskCentral
import KioskCore
import KioskStore
import KioskSync
import Logging
import Testing

/// kiosk-central is SIGKILLed while a terminal sends it a backlog; after a restart every event is there once.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CentralCrashTests {
    @Test func centralKilledDuringSyncAppliesEveryEventExactlyOnceAfterRestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("central-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogPath = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/services.yaml").path
        let catalog = try ServiceCatalog.parse(yaml: try String(contentsOfFile: catalogPath, encoding: .utf8))
        var logger = Logger(label: "crash")
        logger.logLevel = .critical

        // A terminal with a backlog of 4,000 events, as after a long outage.
        let store = try KioskStore(
            path: directory.appendingPathComponent("terminal.sqlite").path, terminal: TerminalID(rawValue: "t1"), logger: logger)
        let monday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
        let walkIns = catalog.services.filter { $0.access.allowsWalkIn && $0.dailyCapacity == nil }.map(\.id)
        var index = 0
        while try store.backlog().lastSequence < 4000 {
            let result = try store.issueWalkInTicket(
                catalog: catalog, service: walkIns[index % walkIns.count], at: monday.addingTimeInterval(Double(index) / 10),
                openCounters: 3, grantor: BlockGrantor(blockSize: 50))
            if case .issued(let ticket, _) = result, index % 2 == 0 {
                try store.recordPrint(ticket: ticket.id, printer: "test", failure: nil, at: monday)
            }
            index += 1
        }
        let total = try store.backlog().lastSequence

        let central = try CentralProcess(database: directory.appendingPathComponent("central.sqlite").path, catalog: catalogPath)
        try central.start()
        let pump = OutboxPump(
            store: store, transport: HTTPSyncTransport(baseURL: central.url, timeout: .seconds(5)), batchSize: 100,
            logger: logger)
        let draining = Task { try await pump.drain() }
        // Kill once part of the backlog has been acknowledged, so that the kill lands mid-sync.
        // A loaded machine (the whole suite runs in parallel) may take long for the first half: wait generously.
        let deadline = Date().addingTimeInterval(150)
        while try store.backlog().pending > total / 2, Date() < deadline { usleep(2_000) }
        central.kill()
        let firstRun = await draining.result
        #expect((try? firstRun.get()) == nil, "the drain must fail when its server dies")
        let pendingAfterKill = try store.backlog().pending
        #expect(pendingAfterKill > 0 && pendingAfterKill < Int(total))

        try central.start()
        _ = try await pump.drain()
        #expect(try store.backlog().pending == 0)
        central.kill()

        let centralStore = try SQLiteCentralStore(path: central.database)
        let integrity = try await centralStore.integrity()
        #expect(integrity.events == Int(total), "every event exactly once")
        #expect(try await centralStore.appliedThrough(TerminalID(rawValue: "t1")) == total)
        #expect(integrity.conflicts == 0)
        #expect(integrity.distinctNumbers == integrity.tickets)
    }
}

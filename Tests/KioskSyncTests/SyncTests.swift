import Foundation
import KioskCentral
import KioskCore
import KioskStore
import Logging
import KioskTesting
import Testing
@testable import KioskSync

enum SyncFixtures {
    static let catalog = TestSite.catalog
    static let settings = CentralSettings(catalogYAML: TestSite.yaml, catalog: catalog, openCounters: 2)
    static let monday = TestSite.monday
    static var quiet: Logger {
        var logger = Logger(label: "sync-test")
        logger.logLevel = .critical
        return logger
    }

    static func path(_ name: String) -> String { TestSite.temporaryDatabase(name) }
}

/// One terminal: its store, its pump and its number supply against a central service.
struct TerminalRig {
    let store: KioskStore
    let pump: OutboxPump
    let supply: NumberSupply

    /// `timeout` is short by default because the offline tests wait it out on every round; tests that only
    /// talk to a running central give a loaded machine more room.
    init(_ id: String, central: String, offlineReserve: Int, timeout: Duration = .milliseconds(1500)) throws {
        store = try KioskStore(path: SyncFixtures.path(id), terminal: TerminalID(rawValue: id), logger: SyncFixtures.quiet)
        let transport = HTTPSyncTransport(baseURL: central, timeout: timeout)
        pump = OutboxPump(store: store, transport: transport, batchSize: 100, logger: SyncFixtures.quiet)
        supply = NumberSupply(
            store: store, transport: transport, catalog: SyncFixtures.catalog, blockSize: 20, offlineReserve: offlineReserve,
            logger: SyncFixtures.quiet, now: { SyncFixtures.monday })
    }

    func issue(_ service: String, at: Date) throws -> Ticket? {
        let result = try store.issueWalkInTicket(
            catalog: SyncFixtures.catalog, service: ServiceID(rawValue: service), at: at, openCounters: 2, grantor: nil)
        if case .issued(let ticket, _) = result { return ticket }
        return nil
    }
}

@Suite(.serialized, .timeLimit(.minutes(5))) struct SyncTests {
    @Test func backoffGrowsToItsCapWithJitterBelowTheCeiling() {
        let backoff = Backoff(base: 0.5, cap: 60)
        #expect((1...9).map { backoff.ceiling(failures: $0) } == [0.5, 1, 2, 4, 8, 16, 32, 60, 60])
        #expect(backoff.ceiling(failures: 10_000) == 60)
        #expect(backoff.delay(failures: 3, random: 0.5) == 1)
        #expect(backoff.delay(failures: 3, random: 7) == 2, "random is clamped to 0...1")
    }

    /// A simulated day: 2,000 tickets over two terminals, the central service down for 300 of them.
    @Test func aDayWithCentralOfflineLosesNothingAndNumbersStayUnique() async throws {
        let central = LiveCentral(databasePath: SyncFixtures.path("central"), settings: SyncFixtures.settings)
        try await central.start()
        let terminals = [
            try TerminalRig("t1", central: central.baseURL, offlineReserve: 300),
            try TerminalRig("t2", central: central.baseURL, offlineReserve: 300),
        ]
        // The first request may meet a machine busy with the rest of the suite: the short timeout is for the outage.
        for terminal in terminals {
            for attempt in 1...10 {
                do {
                    try await terminal.supply.replenish()
                    break
                } catch where attempt < 10 {
                    try await Task.sleep(for: .milliseconds(500))
                }
            }
        }
        var issued: [Ticket] = []
        var offlineFailures = 0
        for index in 0..<2000 {
            if index == 800 { await central.stop() }
            if index == 1100 { try await central.start() }
            let terminal = terminals[index % 2]
            let ticket = try #require(try terminal.issue(index % 3 == 0 ? "two" : "one", at: SyncFixtures.monday.addingTimeInterval(Double(index))))
            issued.append(ticket)
            if index % 50 == 49 {
                for terminal in terminals {
                    do {
                        try await terminal.supply.replenish()
                        _ = try await terminal.pump.drain()
                    } catch let error as SyncError {
                        #expect(error.isRetryable)
                        // Down from 800 to 1100. After the restart a round may still fail (a stale pooled connection,
                        // a slow machine); what matters is that nothing fails before the outage and all arrives.
                        #expect(index >= 800, "fails only from the outage on")
                        offlineFailures += 1
                    }
                }
            }
        }
        for terminal in terminals {
            for attempt in 1...5 {
                do {
                    _ = try await terminal.pump.drain()
                    break
                } catch where attempt < 5 {
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
        }
        #expect(offlineFailures > 0)
        let numbers = issued.map { "\($0.queue)-\($0.number.value)" }
        #expect(Set(numbers).count == 2000, "no number issued twice across terminals")
        let store = try SQLiteCentralStore(path: central.databasePath)
        let integrity = try await store.integrity()
        let expectedEvents = try terminals.map { Int(try $0.store.backlog().lastSequence) }.reduce(0, +)
        #expect(integrity.tickets == 2000)
        #expect(integrity.distinctNumbers == 2000)
        #expect(integrity.conflicts == 0)
        #expect(integrity.events == expectedEvents)
        for terminal in terminals {
            #expect(try terminal.store.backlog().pending == 0)
            #expect(try await store.appliedThrough(terminal.store.terminal) == terminal.store.backlog().lastSequence)
        }
        await central.stop()
    }

    @Test func aTerminalWithoutNumbersAndWithoutCentralCannotIssue() async throws {
        let rig = try TerminalRig("t3", central: "http://127.0.0.1:9", offlineReserve: 0)
        await #expect(throws: SyncError.self) { try await rig.supply.replenish() }
        do {
            _ = try rig.issue("one", at: SyncFixtures.monday)
            Issue.record("issued a number nobody granted")
        } catch let error as StoreError {
            #expect(error.isOutOfNumbers)
            #expect(error.message[.english].contains("central service"))
        }
    }
}

@Suite struct HealthTests {
    @Test func printerFailureAndOldBacklogBecomeHealthEntries() throws {
        let store = try KioskStore(path: SyncFixtures.path("health"), terminal: TerminalID(rawValue: "t9"), logger: SyncFixtures.quiet)
        let sync = TerminalSync(
            store: store, transport: HTTPSyncTransport(baseURL: "http://127.0.0.1:9"), catalog: SyncFixtures.catalog, blockSize: 10,
            offlineReserve: 0, interval: .seconds(5), logger: SyncFixtures.quiet, onCatalog: { _ in })
        #expect(try sync.health(at: SyncFixtures.monday).devices == [DeviceHealth(device: "sync", status: "ok", severity: .ok)])
        try store.addLease(NumberBlock(queue: QueueID(rawValue: "a"), day: BusinessDay(year: 2026, month: 11, day: 23), first: 1, last: 5))
        guard case .issued(let ticket, _) = try store.issueWalkInTicket(
            catalog: SyncFixtures.catalog, service: ServiceID(rawValue: "one"), at: SyncFixtures.monday, openCounters: 1, grantor: nil)
        else {
            Issue.record("not issued")
            return
        }
        try store.recordPrint(ticket: ticket.id, printer: "p", failure: "media-empty", at: SyncFixtures.monday)
        let devices = try sync.health(at: SyncFixtures.monday.addingTimeInterval(600)).devices
        #expect(devices.contains(DeviceHealth(device: "printer", status: "media-empty", severity: .error)))
        #expect(devices.contains(DeviceHealth(device: "sync", status: "behind-10-min", severity: .warning)))
    }

    @Test func thePolledPrinterStatusOutranksTheLastJob() throws {
        let store = try KioskStore(path: SyncFixtures.path("health-live"), terminal: TerminalID(rawValue: "t9"), logger: SyncFixtures.quiet)
        try store.addLease(NumberBlock(queue: QueueID(rawValue: "a"), day: BusinessDay(year: 2026, month: 11, day: 23), first: 1, last: 5))
        guard case .issued(let ticket, _) = try store.issueWalkInTicket(
            catalog: SyncFixtures.catalog, service: ServiceID(rawValue: "one"), at: SyncFixtures.monday, openCounters: 1, grantor: nil)
        else {
            Issue.record("not issued")
            return
        }
        try store.recordPrint(ticket: ticket.id, printer: "p", failure: nil, at: SyncFixtures.monday)
        let live = LiveHealth()
        let sync = TerminalSync(
            store: store, transport: HTTPSyncTransport(baseURL: "http://127.0.0.1:9"), catalog: SyncFixtures.catalog, blockSize: 10,
            offlineReserve: 0, interval: .seconds(5), logger: SyncFixtures.quiet, onCatalog: { _ in },
            deviceHealth: { live.devices })
        // Nothing polled yet: the last job speaks for the printer.
        #expect(try sync.health(at: SyncFixtures.monday).devices.first == DeviceHealth(device: "printer", status: "ok", severity: .ok))
        // The last ticket printed, but the roll is nearly used up: a warning before it runs out.
        live.devices = [DeviceHealth(device: "printer", status: "media-low", severity: .warning)]
        let devices = try sync.health(at: SyncFixtures.monday).devices
        #expect(devices == [
            DeviceHealth(device: "printer", status: "media-low", severity: .warning),
            DeviceHealth(device: "sync", status: "ok", severity: .ok),
        ])
    }
}

/// Device states a test sets while a sync reads them.
final class LiveHealth: @unchecked Sendable {
    // @unchecked: only the test's task writes, between reads.
    var devices: [DeviceHealth] = []
}

@Suite(.serialized, .timeLimit(.minutes(2))) struct CallFeedTests {
    @Test func theTerminalPullsNewCallsOnceEach() async throws {
        let central = LiveCentral(databasePath: SyncFixtures.path("central-feed"), settings: SyncFixtures.settings)
        try await central.start()
        let store = try SQLiteCentralStore(path: central.databasePath)
        try await store.putCounter(Counter(id: "s1", name: "Schalter 1", queues: [QueueID(rawValue: "a")]))
        let terminal = try TerminalRig("t5", central: central.baseURL, offlineReserve: 0, timeout: .seconds(10))
        try await terminal.supply.replenish()
        for index in 0..<3 { _ = try terminal.issue("one", at: SyncFixtures.monday.addingTimeInterval(Double(index))) }
        _ = try await terminal.pump.drain()
        let received = CallBox()
        let sync = TerminalSync(
            store: terminal.store, transport: HTTPSyncTransport(baseURL: central.baseURL), catalog: SyncFixtures.catalog,
            blockSize: 20, offlineReserve: 0, interval: .seconds(5), logger: SyncFixtures.quiet, onCatalog: { _ in },
            onCalls: { calls in await received.add(calls) })
        for _ in 0..<2 {
            _ = try await store.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: TestSite.day, at: SyncFixtures.monday.addingTimeInterval(600))
        }
        try await sync.pullCalls()
        try await sync.pullCalls()
        _ = try await store.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: TestSite.day, at: SyncFixtures.monday.addingTimeInterval(900))
        try await sync.pullCalls()
        #expect(await received.numbers == ["A 001", "A 002", "A 003"])
        await central.stop()
    }
}

actor CallBox {
    var numbers: [String] = []
    func add(_ calls: [CallAnnouncement]) { numbers += calls.map(\.number) }
}

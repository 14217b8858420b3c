import Foundation
import GRDB
import KioskCore
import Logging
import Testing
@testable import KioskStore

/// A fresh directory per test, removed afterwards.
final class TemporaryDirectory {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

enum StoreFixtures {
    static let catalog = try! ServiceCatalog.parse(
        yaml: """
            site: { id: s, name: S, openingHours: { mon: ["08:00-18:00"], tue: ["08:00-18:00"] } }
            queues:
              - { id: a, prefix: A, name: A }
              - { id: b, prefix: B, name: B }
            services:
              - { id: one, queue: a, name: One, dailyCapacity: 5, typicalMinutes: 10 }
              - { id: two, queue: b, name: Two }
            """)
    static let monday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
    static let one = ServiceID(rawValue: "one")
    static let two = ServiceID(rawValue: "two")
    static let logger = Logger(label: "test")
}

@Suite struct StoreTests {
    let directory = TemporaryDirectory()

    func open(_ terminal: String = "t1") throws(StoreError) -> KioskStore {
        try KioskStore(path: directory.path("kiosk.sqlite"), terminal: TerminalID(rawValue: terminal), logger: StoreFixtures.logger)
    }

    @Test func usesWALAndFullSync() throws {
        let store = try open()
        let (mode, sync) = try store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(sync == 2, "FULL")
    }

    @Test func issuingCommitsTicketLeaseAndEventTogether() throws {
        let store = try open()
        let result = try store.issueWalkInTicket(
            catalog: StoreFixtures.catalog, service: StoreFixtures.one, at: StoreFixtures.monday, openCounters: 2,
            grantor: BlockGrantor(blockSize: 2))
        guard case let .issued(ticket, event) = result else {
            Issue.record("not issued: \(result)")
            return
        }
        #expect(ticket.number.display == "A 001")
        #expect(event.sequence == 2, "the block grant is event 1")
        let entries = try store.allOutboxEntries()
        #expect(entries.map(\.type) == ["numbers.block-granted", "ticket.issued"])
        #expect(try KioskEvent(jsonData: entries[1].body) == event)
        let leases = try store.leases(day: ticket.day)
        #expect(leases.map(\.next) == [2])
    }

    @Test func numbersContinueAcrossBlocksAndRestartsAndQueuesAreIndependent() throws {
        var numbers: [String] = []
        for round in 0..<3 {
            let store = try open()
            for index in 0..<3 {
                let service = index == 2 ? StoreFixtures.two : StoreFixtures.one
                let at = StoreFixtures.monday.addingTimeInterval(Double(round * 10 + index))
                if case let .issued(ticket, _) = try store.issueWalkInTicket(
                    catalog: StoreFixtures.catalog, service: service, at: at, openCounters: 2, grantor: BlockGrantor(blockSize: 2))
                {
                    numbers.append(ticket.number.display)
                }
            }
        }
        // Capacity of "one" is 5: the sixth request is refused.
        #expect(numbers == ["A 001", "A 002", "B 001", "A 003", "A 004", "B 002", "A 005", "B 003"])
    }

    @Test func capacityRefusalIsReturnedAndNothingIsStored() throws {
        let store = try open()
        for index in 0..<5 {
            _ = try store.issueWalkInTicket(
                catalog: StoreFixtures.catalog, service: StoreFixtures.one,
                at: StoreFixtures.monday.addingTimeInterval(Double(index)), openCounters: 1, grantor: BlockGrantor(blockSize: 10))
        }
        let before = try store.backlog()
        let result = try store.issueWalkInTicket(
            catalog: StoreFixtures.catalog, service: StoreFixtures.one, at: StoreFixtures.monday.addingTimeInterval(9),
            openCounters: 1, grantor: BlockGrantor(blockSize: 10))
        #expect(result == .refused(.capacityReached(capacity: 5)))
        #expect(try store.backlog() == before)
    }

    @Test func aNewDayStartsAtOneAgain() throws {
        let store = try open()
        let tuesday = StoreFixtures.monday.addingTimeInterval(24 * 3600)
        for at in [StoreFixtures.monday, StoreFixtures.monday.addingTimeInterval(1), tuesday] {
            _ = try store.issueWalkInTicket(catalog: StoreFixtures.catalog, service: StoreFixtures.two, at: at, openCounters: 1, grantor: BlockGrantor(blockSize: 10))
        }
        let tuesdayTickets = try store.tickets(day: SiteCalendar.berlin.businessDay(of: tuesday))
        #expect(tuesdayTickets.map(\.number.display) == ["B 001"])
    }

    @Test func withoutAGrantorRunningOutOfNumbersIsATypedError() throws {
        let store = try open()
        #expect(throws: StoreError.self) {
            _ = try store.issueWalkInTicket(catalog: StoreFixtures.catalog, service: StoreFixtures.one, at: StoreFixtures.monday, openCounters: 1, grantor: nil)
        }
        let day = SiteCalendar.berlin.businessDay(of: StoreFixtures.monday)
        try store.addLease(NumberBlock(queue: QueueID(rawValue: "a"), day: day, first: 101, last: 101))
        let result = try store.issueWalkInTicket(catalog: StoreFixtures.catalog, service: StoreFixtures.one, at: StoreFixtures.monday, openCounters: 1, grantor: nil)
        guard case .issued(let ticket, _) = result else {
            Issue.record("expected a ticket from the central block")
            return
        }
        #expect(ticket.number.value == 101)
        do {
            _ = try store.issueWalkInTicket(catalog: StoreFixtures.catalog, service: StoreFixtures.one, at: StoreFixtures.monday, openCounters: 1, grantor: nil)
            Issue.record("issued beyond the block")
        } catch {
            #expect(error.isOutOfNumbers)
        }
    }

    @Test func outboxBatchesInOrderMarksSentAndPurgesWithoutReusingSequences() throws {
        let store = try open()
        for index in 0..<7 {
            _ = try store.issueWalkInTicket(
                catalog: StoreFixtures.catalog, service: StoreFixtures.two,
                at: StoreFixtures.monday.addingTimeInterval(Double(index)), openCounters: 1, grantor: BlockGrantor(blockSize: 100))
        }
        let batch = try store.nextBatch(limit: 5)
        #expect(batch.map(\.sequence) == [1, 2, 3, 4, 5])
        try store.markSent(upTo: 5, at: StoreFixtures.monday.addingTimeInterval(60))
        #expect(try store.nextBatch(limit: 5).map(\.sequence) == [6, 7, 8])
        #expect(try store.backlog().pending == 3)
        #expect(try store.purgeSent(before: StoreFixtures.monday.addingTimeInterval(61)) == 5)
        _ = try store.issueWalkInTicket(
            catalog: StoreFixtures.catalog, service: StoreFixtures.two, at: StoreFixtures.monday.addingTimeInterval(100),
            openCounters: 1, grantor: BlockGrantor(blockSize: 100))
        #expect(try store.allOutboxEntries().map(\.sequence) == [6, 7, 8, 9])
    }

    @Test func aDatabaseOfAnotherTerminalIsRefused() throws {
        _ = try open("t1")
        do {
            _ = try open("t2")
            Issue.record("opened another terminal's database")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.message[.english].contains("belongs to terminal 't1'"))
        }
    }

    @Test func aCorruptFileIsReportedNotOverwritten() throws {
        let path = directory.path("kiosk.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        do {
            _ = try open()
            Issue.record("opened a corrupt file")
        } catch {
            #expect(error.isCorrupt)
            #expect(error.exitCode == 65)
            #expect(error.message[.german].contains("beschädigt"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage, "the file is left as it was")
    }

    @Test func aDamagedPageIsFoundByTheStartupCheck() throws {
        let path = directory.path("kiosk.sqlite")
        do {
            let store = try open()
            for index in 0..<200 {
                _ = try store.issueWalkInTicket(
                    catalog: StoreFixtures.catalog, service: StoreFixtures.two,
                    at: StoreFixtures.monday.addingTimeInterval(Double(index)), openCounters: 1, grantor: BlockGrantor(blockSize: 50))
            }
            _ = try store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
        // Overwrite the middle of the file (table pages, not the header) with garbage.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 4096))
        try handle.close()
        #expect(throws: StoreError.self) { _ = try open() }
    }
}

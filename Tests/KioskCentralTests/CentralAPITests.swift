import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskTesting
import Testing
@testable import KioskCentral

enum CentralFixtures {
    static let catalog = TestSite.catalog
    static let settings = CentralSettings(catalogYAML: TestSite.yaml, catalog: catalog, openCounters: 2)
    static let day = TestSite.day
    static let monday = TestSite.monday

    static func temporaryDatabase() -> String { TestSite.temporaryDatabase("central") }

    /// Events 1...n of a terminal: tickets A 1..n.
    static func events(_ terminal: String, _ range: ClosedRange<Int64>) -> [KioskEvent] {
        range.map { sequence in
            let ticket = Ticket(
                id: UUID(), number: TicketNumber(prefix: "A", value: Int(sequence) + (terminal == "t1" ? 0 : 1000)),
                queue: QueueID(rawValue: "a"), service: ServiceID(rawValue: "one"), day: day,
                issuedAt: monday.addingTimeInterval(Double(sequence)), origin: .walkIn, terminal: TerminalID(rawValue: terminal),
                estimate: .unknown, ahead: 0)
            return KioskEvent(
                id: UUID(), terminal: TerminalID(rawValue: terminal), sequence: sequence,
                time: monday.addingTimeInterval(Double(sequence)), payload: .ticketIssued(ticket))
        }
    }

    static func body(_ value: some Encodable) -> ByteBuffer {
        ByteBuffer(bytes: try! EventCoding.canonicalEncoder.encode(value))
    }
}

@Suite struct CentralAPITests {
    let store: any CentralStore
    let app: Application<RouterResponder<CentralRequestContext>>

    init() async throws {
        store = try await StoreBackend.makeStore()
        app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { CentralFixtures.monday }))
    }

    @Test func healthzAnswersOK() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func ingestIsIdempotentInOrderAndStopsAtAGap() async throws {
        let events = CentralFixtures.events("t1", 1...3)
        try await app.test(.router) { client in
            for (expectedApplied, expectedDuplicates) in [(3, 0), (0, 3)] {
                try await client.execute(
                    uri: "/v1/terminals/t1/events", method: .post, body: CentralFixtures.body(EventBatch(events: events))
                ) { response in
                    #expect(response.status == .ok)
                    let result = try JSONDecoder().decode(IngestResult.self, from: Data(response.body.readableBytesView))
                    #expect(result == IngestResult(appliedThrough: 3, applied: expectedApplied, duplicates: expectedDuplicates))
                }
            }
            // 5 and 6 without 4: nothing applied, the terminal is told to resend from 4.
            try await client.execute(
                uri: "/v1/terminals/t1/events", method: .post,
                body: CentralFixtures.body(EventBatch(events: CentralFixtures.events("t1", 5...6)))
            ) { response in
                let result = try JSONDecoder().decode(IngestResult.self, from: Data(response.body.readableBytesView))
                #expect(result.appliedThrough == 3)
                #expect(result.applied == 0)
            }
        }
        let integrity = try await store.integrity()
        #expect(integrity.events == 3)
        #expect(integrity.tickets == 3)
    }

    @Test func aNumberSeenTwiceIsRecordedAndAnEventIDUsedTwiceIsRefused() async throws {
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...3), at: CentralFixtures.monday)
        // Terminal t2 issues A 002 as well (blocks overlapped) and A 002 again in the same batch.
        let clash = { (sequence: Int64) in
            KioskEvent(
                id: UUID(), terminal: TerminalID(rawValue: "t2"), sequence: sequence, time: CentralFixtures.monday,
                payload: .ticketIssued(Ticket(
                    id: UUID(), number: TicketNumber(prefix: "A", value: 2), queue: QueueID(rawValue: "a"), service: ServiceID(rawValue: "one"),
                    day: CentralFixtures.day, issuedAt: CentralFixtures.monday, origin: .walkIn, terminal: TerminalID(rawValue: "t2"),
                    estimate: .unknown, ahead: 0)))
        }
        let result = try await store.ingest(terminal: TerminalID(rawValue: "t2"), events: [clash(1), clash(2)], at: CentralFixtures.monday)
        #expect(result == IngestResult(appliedThrough: 2, applied: 2, duplicates: 0))
        let integrity = try await store.integrity()
        #expect(integrity.tickets == 5 && integrity.distinctNumbers == 3 && integrity.conflicts == 2)

        var reused = CentralFixtures.events("t3", 1...2)
        reused[1] = KioskEvent(id: reused[0].id, terminal: reused[1].terminal, sequence: 2, time: reused[1].time, payload: reused[1].payload)
        await #expect(throws: IngestRefusal.reusedID) {
            try await store.ingest(terminal: TerminalID(rawValue: "t3"), events: reused, at: CentralFixtures.monday)
        }
        #expect(try await store.appliedThrough(TerminalID(rawValue: "t3")) == 0, "a refused batch leaves nothing behind")
    }

    @Test(arguments: [
        ("{\"events\": [", "malformed-json", 400),
        ("{\"events\": [{\"schema\": 9}]}", "malformed-json", 400),
        ("[]", "malformed-json", 400),
    ])
    func malformedBodiesAreRejectedAndNothingIsStored(body: String, code: String, status: Int) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/terminals/t1/events", method: .post, body: ByteBuffer(string: body)) { response in
                #expect(Int(response.status.code) == status)
                let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.code == code)
                #expect(!error.de.isEmpty && !error.en.isEmpty)
            }
        }
        #expect(try await store.integrity().events == 0)
    }

    @Test func oversizedBodiesForeignEventsAndBadIDsAreRefused() async throws {
        try await app.test(.router) { client in
            let huge = ByteBuffer(repeating: UInt8(ascii: " "), count: SyncAPI.maxBodyBytes + 1)
            try await client.execute(uri: "/v1/terminals/t1/events", method: .post, body: huge) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(
                uri: "/v1/terminals/t1/events", method: .post,
                body: CentralFixtures.body(EventBatch(events: CentralFixtures.events("t2", 1...1)))
            ) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/terminals/T%20x/events", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
            }
            let tooMany = CentralFixtures.events("t1", 1...Int64(SyncAPI.maxBatchEvents + 1))
            try await client.execute(
                uri: "/v1/terminals/t1/events", method: .post, body: CentralFixtures.body(EventBatch(events: tooMany))
            ) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(try await store.integrity().events == 0)
    }

    @Test func blocksNeverOverlapAcrossConcurrentRequestsAndARetryGetsTheSameBlock() async throws {
        let blocks = try await withThrowingTaskGroup(of: NumberBlock.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await store.grantBlock(
                        terminal: TerminalID(rawValue: index % 2 == 0 ? "t1" : "t2"),
                        request: BlockRequest(requestID: UUID(), queue: QueueID(rawValue: "a"), day: CentralFixtures.day, count: 10),
                        at: CentralFixtures.monday)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let numbers = blocks.flatMap { Array($0.first...$0.last) }
        #expect(Set(numbers).count == 400)
        #expect(numbers.max() == 400)
        let request = BlockRequest(requestID: UUID(), queue: QueueID(rawValue: "b"), day: CentralFixtures.day, count: 5)
        try await app.test(.router) { client in
            var seen: [NumberBlock] = []
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/terminals/t1/number-blocks", method: .post, body: CentralFixtures.body(request)) { response in
                    #expect(response.status == .ok)
                    seen.append(try JSONDecoder().decode(NumberBlock.self, from: Data(response.body.readableBytesView)))
                }
            }
            #expect(seen.count == 2 && seen[0] == seen[1])
        }
    }

    @Test func snapshotCarriesTheCatalogAndAnswers304ForItsETag() async throws {
        try await app.test(.router) { client in
            let etag = try await client.execute(uri: "/v1/terminals/t1/snapshot", method: .get) { response -> String in
                #expect(response.status == .ok)
                let snapshot = try JSONDecoder().decode(TerminalSnapshot.self, from: Data(response.body.readableBytesView))
                #expect(try ServiceCatalog.parse(yaml: snapshot.catalogYAML) == CentralFixtures.catalog)
                #expect(snapshot.queues.map(\.queue.rawValue) == ["a", "b"])
                return try #require(response.headers[.eTag])
            }
            try await client.execute(uri: "/v1/terminals/t1/snapshot", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
            }
        }
    }
}

@Suite struct HealthAPITests {
    @Test func reportedDeviceHealthIsStoredWorstFirstAndShownOnTheConsole() async throws {
        let store = try await StoreBackend.makeStore()
        let app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { CentralFixtures.monday }))
        let report = HealthReport(devices: [
            DeviceHealth(device: "sync", status: "ok", severity: .ok),
            DeviceHealth(device: "printer", status: "media-empty", severity: .error),
        ])
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/terminals/t1/health", method: .post, body: CentralFixtures.body(report)) { response in
                #expect(response.status == .ok)
            }
            let flood = HealthReport(devices: Array(repeating: DeviceHealth(device: "x", status: "y", severity: .ok), count: 33))
            try await client.execute(uri: "/v1/terminals/t1/health", method: .post, body: CentralFixtures.body(flood)) { response in
                #expect(response.status == .badRequest)
            }
        }
        let health = try await store.deviceHealth()
        #expect(health.map(\.device) == ["printer", "sync"])
        #expect(health.first?.status == "media-empty")
        #expect(try await store.terminalsLastSeen().map(\.terminal) == ["t1"])
        let page = try await ConsolePages.consolePage(
            store: store, settings: CentralFixtures.settings, staff: "anna", counters: [], counterID: nil, day: CentralFixtures.day,
            language: "de", notice: nil)
        #expect(page.contains("data-severity=\"error\""))
        #expect(page.contains("media-empty"))
    }
}

import ChildProcess
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdBcrypt
import KioskCentral
import KioskCore
import KioskTesting
import Testing

/// Two kiosk-central instances on one PostgreSQL database: the store objects of two instances, each with its
/// own connection pool and listener, as two processes would have them.
@Suite(.enabled(if: StoreBackend.isPostgres, "needs the PostgreSQL run of scripts/test.sh"), .timeLimit(.minutes(2)))
struct TwoInstanceTests {
    /// The stores of two instances on one fresh database.
    static func twoInstances() async throws -> (PostgresCentralStore, PostgresCentralStore) {
        let url = try StoreBackend.makeDatabase()
        return (try await PostgresCentralStore(url: url, logger: StoreBackend.quiet), try await PostgresCentralStore(url: url, logger: StoreBackend.quiet))
    }

    @Test func callsMadeOnOneInstanceWakeTheOtherAtOnceAndNoCitizenIsCalledTwice() async throws {
        let (first, second) = try await Self.twoInstances()
        defer {
            first.close()
            second.close()
        }
        _ = try await first.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...60), at: CentralFixtures.monday)
        for counter in 1...6 {
            try await first.putCounter(Counter(id: "s\(counter)", name: "Schalter \(counter)", queues: [QueueID(rawValue: "a")]))
        }

        // A display on the second instance hears a call made on the first through NOTIFY, well before the
        // few-second fallback tick could have woken it.
        var signals = second.callSignals().makeAsyncIterator()
        _ = await signals.next()  // the immediate first wake-up of every subscription
        let clock = ContinuousClock()
        let start = clock.now
        let called = try #require(
            try await first.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: CentralFixtures.day, at: CentralFixtures.monday.addingTimeInterval(600)))
        _ = await signals.next()
        let heard = clock.now - start
        #expect(heard < .milliseconds(1500), "the other instance heard the call after \(heard)")
        #expect(try await second.calls(after: 0).map(\.number) == [called.number])

        // Six clerks on two instances press "next" at once until the queue is empty: each ticket once.
        let numbers = try await withThrowingTaskGroup(of: [String].self) { group in
            for counter in 1...6 {
                let store = counter % 2 == 0 ? first : second
                group.addTask {
                    var mine: [String] = []
                    while let ticket = try await store.callNext(
                        counter: "s\(counter)", staff: "clerk\(counter)", rule: QueueOrder(), day: CentralFixtures.day,
                        at: CentralFixtures.monday.addingTimeInterval(900))
                    {
                        mine.append(ticket.number)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(numbers.count == 59)
        #expect(Set(numbers + [called.number]).count == 60, "no ticket called twice")
        #expect(try await first.newestCallID() == 60)
    }

    @Test func numberBlocksGrantedConcurrentlyByTwoInstancesNeverOverlap() async throws {
        let (first, second) = try await Self.twoInstances()
        defer {
            first.close()
            second.close()
        }
        let blocks = try await withThrowingTaskGroup(of: NumberBlock.self) { group in
            for index in 0..<40 {
                let store = index % 2 == 0 ? first : second
                group.addTask {
                    try await store.grantBlock(
                        terminal: TerminalID(rawValue: "t\(index % 4)"),
                        request: BlockRequest(requestID: UUID(), queue: QueueID(rawValue: "a"), day: CentralFixtures.day, count: 10),
                        at: CentralFixtures.monday)
                }
            }
            return try await group.reduce(into: [NumberBlock]()) { $0.append($1) }
        }
        let numbers = blocks.flatMap { Array($0.first...$0.last) }
        #expect(numbers.count == 400)
        #expect(Set(numbers) == Set(1...400), "forty blocks of ten, gap-free and without overlap")
    }

    @Test func healthzAnswers503WhileTheDatabaseIsGoneAndNoRequestHangs() async throws {
        let url = try StoreBackend.makeDatabase()
        let store = try await PostgresCentralStore(url: url, logger: StoreBackend.quiet)
        defer { store.close() }
        let app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            // The database disappears under the running service (its connections are cut).
            let name = try #require(URLComponents(string: url)?.path.dropFirst())
            let admin = try #require(TestPostgres.adminURL)
            let dropped = try ChildProcess.run("psql", [admin, "-q", "-c", "DROP DATABASE \(name) WITH (FORCE)"], timeout: .seconds(30))
            try #require(dropped.termination.succeeded, "\(String(decoding: dropped.error, as: UTF8.self))")
            let clock = ContinuousClock()
            let start = clock.now
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .serviceUnavailable) }
            #expect(clock.now - start < .seconds(5), "the health check answers within seconds")
        }
    }
}

import ChildProcess
import Foundation
import GRDB
import KioskCore
import KioskTesting
import Testing
@testable import KioskStore

/// SIGKILL a child that issues tickets, at random moments, many times, on one database file.
@Suite(.serialized, .timeLimit(.minutes(10))) struct CrashSafetyTests {
    /// At least 200 kills; `KIOSK_KILL_ROUNDS` raises it for a long run.
    static let rounds = max(200, Int(ProcessInfo.processInfo.environment["KIOSK_KILL_ROUNDS"] ?? "") ?? 0)

    /// Everything in a non-blocking pipe now; the writer is dead, so nothing more will come.
    static func readAvailable(_ descriptor: Int32) -> [UInt8] {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return collected }
            collected += buffer[0..<count]
        }
    }

    @Test func noCommittedTicketIsLostNoNumberTwiceNoSequenceGap() throws {
        let worker = try #require(BuiltProducts.executable("store-crash-worker"), "build the package first (swift build --build-tests)")
        let directory = TemporaryDirectory()
        let database = directory.path("kiosk.sqlite")
        var random = SystemRandomNumberGenerator()
        var reported: [String: (queue: String, number: Int)] = [:]
        var reportedSequences: Set<Int64> = []
        var killedWhileWorking = 0

        var midWorkRounds = 0
        for round in 0..<Self.rounds {
            var reports: [Int32] = [0, 0]
            try #require(pipe(&reports) == 0, "pipe")
            // Close-on-exec keeps other tests' children from holding the write end; the worker's reports are
            // read without waiting for end of file all the same, since one might have slipped through.
            _ = fcntl(reports[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(reports[1], F_SETFD, FD_CLOEXEC)
            _ = fcntl(reports[0], F_SETFL, O_NONBLOCK)
            let process = try ChildProcess(worker.path, [database, "crash-terminal"], output: .descriptor(reports[1]))
            close(reports[1])
            defer { close(reports[0]) }
            if round % 4 == 0 {
                // During start-up: opening, checking and migrating the database.
                usleep(UInt32.random(in: 0...30_000, using: &random))
            } else {
                // In the middle of committing: once the first report arrived, after a random few milliseconds.
                midWorkRounds += 1
                var ready = pollfd(fd: reports[0], events: Int16(POLLIN), revents: 0)
                #expect(poll(&ready, 1, 20_000) == 1, "the worker never committed")
                usleep(UInt32.random(in: 0...15_000, using: &random))
            }
            process.signal(SIGKILL)
            #expect(process.wait() == .signalled(SIGKILL), "the worker must not stop by itself")
            let lines = String(decoding: Self.readAvailable(reports[0]), as: UTF8.self)
                .split(separator: "\n")
            if !lines.isEmpty { killedWhileWorking += 1 }
            for line in lines {
                let fields = line.split(separator: " ")
                if fields.first == "ticket", fields.count == 5 {
                    reported[String(fields[1])] = (String(fields[2]), Int(fields[3])!)
                    reportedSequences.insert(Int64(fields[4])!)
                } else if fields.first == "event", fields.count == 2 {
                    reportedSequences.insert(Int64(fields[1])!)
                } else {
                    Issue.record("a torn line was read: a report is written only after its commit returned")
                }
            }
        }

        let store = try KioskStore(path: database, terminal: TerminalID(rawValue: "crash-terminal"), logger: StoreFixtures.logger)
        let tickets = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, queue, number FROM ticket").map {
                (id: $0["id"] as String, queue: $0["queue"] as String, number: $0["number"] as Int)
            }
        }
        let byID = Dictionary(uniqueKeysWithValues: tickets.map { ($0.id, $0) })
        // 1. Every ticket reported as committed is there, with the number it was reported with.
        for (id, expected) in reported {
            let stored = try #require(byID[id], "committed ticket lost")
            #expect(stored.queue == expected.queue && stored.number == expected.number)
        }
        // 2. No number was issued twice in a queue.
        let numbers = tickets.map { "\($0.queue)-\($0.number)" }
        #expect(Set(numbers).count == numbers.count)
        // 3. The outbox sequence is gap-free from 1 and matches the counter; reported sequences are all in it.
        let entries = try store.allOutboxEntries()
        #expect(entries.map(\.sequence) == Array(1...Int64(entries.count)))
        #expect(try store.backlog().lastSequence == Int64(entries.count))
        #expect(reportedSequences.isSubset(of: Set(entries.map(\.sequence))))
        // 4. Every ticket has exactly one issued event and every issued event a ticket.
        let issuedEvents = try entries.filter { $0.type == "ticket.issued" }.map { try KioskEvent(jsonData: $0.body) }
        let eventTicketIDs = issuedEvents.compactMap { event -> String? in
            if case .ticketIssued(let ticket) = event.payload { return ticket.id.uuidString }
            return nil
        }
        #expect(eventTicketIDs.sorted() == tickets.map(\.id).sorted())
        // 5. Granted blocks never overlap, and every number lies in a block.
        let leases = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT queue, first, last FROM number_lease ORDER BY queue, first")
                .map { (queue: $0["queue"] as String, first: $0["first"] as Int, last: $0["last"] as Int) }
        }
        for (earlier, later) in zip(leases, leases.dropFirst()) where earlier.queue == later.queue {
            #expect(earlier.last < later.first)
        }
        for ticket in tickets {
            #expect(leases.contains { $0.queue == ticket.queue && ($0.first...$0.last).contains(ticket.number) })
        }
        print("kill test: \(Self.rounds) SIGKILLs, \(killedWhileWorking) mid-work, \(reported.count) reported tickets, \(tickets.count) stored, \(entries.count) events, no gap")
        #expect(reported.count > Self.rounds, "the kills must land while tickets are being committed")
        #expect(killedWhileWorking >= midWorkRounds)
    }
}

/// A real full disk: a 1 MiB tmpfs (needs root, as in CI; skipped with a message otherwise).
@Suite struct FullDiskTests {
    @Test func aFullDiskGivesAClearErrorAndLosesNothingCommitted() throws {
        guard getuid() == 0 else {
            print("skipped: mounting a small tmpfs needs root")
            return
        }
        let directory = TemporaryDirectory()
        let mountPoint = directory.path("tiny")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = try ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
        try #require(mount.termination.succeeded, "mount tmpfs: \(String(decoding: mount.error, as: UTF8.self))")
        defer { _ = try? ChildProcess.run("/bin/umount", [mountPoint]) }
        let path = mountPoint + "/kiosk.sqlite"
        let store = try KioskStore(path: path, terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger)
        // Fill the disk with a ballast file so that the database soon cannot grow.
        let ballast = FileManager.default.createFile(atPath: mountPoint + "/ballast", contents: Data(count: 700 * 1024))
        try #require(ballast)
        var committed: [Ticket] = []
        var failure: StoreError?
        for index in 0..<20_000 {
            do {
                let result = try store.issueWalkInTicket(
                    catalog: StoreFixtures.catalog, service: StoreFixtures.two,
                    at: StoreFixtures.monday.addingTimeInterval(Double(index) / 10), openCounters: 1,
                    grantor: BlockGrantor(blockSize: 50))
                if case .issued(let ticket, _) = result { committed.append(ticket) }
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure, "the disk never filled")
        #expect(error.isDiskFull, "\(error)")
        #expect(error.exitCode == 74)
        #expect(error.message[.english].contains("disk is full"))
        // Free the space: everything committed before is still there and issuing goes on without a restart.
        try FileManager.default.removeItem(atPath: mountPoint + "/ballast")
        let day = SiteCalendar.berlin.businessDay(of: StoreFixtures.monday)
        #expect(try store.tickets(day: day).count == committed.count)
        let next = try store.issueWalkInTicket(
            catalog: StoreFixtures.catalog, service: StoreFixtures.two, at: StoreFixtures.monday.addingTimeInterval(3000),
            openCounters: 1, grantor: BlockGrantor(blockSize: 50))
        guard case .issued(let ticket, _) = next else {
            Issue.record("issuing did not recover")
            return
        }
        #expect(ticket.number.value == committed.count + 1)
    }
}

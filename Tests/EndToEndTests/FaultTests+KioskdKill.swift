import Foundation
import GRDB
import KioskCentral
import KioskCore
import KioskStore
import KioskTesting
import Printing
import PrintingTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kioskd itself killed with SIGKILL in a tmux pane, in the middle of a print and in the middle of a sync round.
extension FaultTests {
    /// kioskd in a tmux pane whose process id is known: the pane's shell writes its id, then becomes kioskd.
    struct KillablePane {
        let name = "kiosk-fault-\(UUID().uuidString.prefix(8))"
        let pidFile: URL

        init(config: URL, state: URL) throws {
            let kioskd = try #require(KioskdTerminalTests.executable("kioskd"))
            pidFile = state.appendingPathComponent("kioskd-\(name).pid")
            let inner = "echo $$ > \(pidFile.path); exec \(kioskd) --config \(config.path) --demo-time 2026-11-23T09:00"
            let command = "sh -c '\(inner)'; echo kioskd-exit=$?; sleep 30"
            try KioskdTerminalTests.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command])
        }

        func keys(_ keys: String...) throws { try KioskdTerminalTests.run(["tmux", "send-keys", "-t", name] + keys) }

        @discardableResult
        func waitFor(_ text: String, seconds: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            var screen = ""
            while Date() < deadline {
                screen = try KioskdTerminalTests.run(["tmux", "capture-pane", "-p", "-t", name]).output
                if screen.contains(text) { return true }
                usleep(50_000)
            }
            Issue.record("\(text) did not appear; the screen was:\n\(screen)", sourceLocation: sourceLocation)
            return false
        }

        /// SIGKILL to kioskd; waits until the pane's shell saw it die.
        func kill9() throws {
            let text = try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let pid = try #require(pid_t(text))
            #expect(Glibc.kill(pid, SIGKILL) == 0)
            try waitFor("kioskd-exit=137")
        }

        func close() { _ = try? KioskdTerminalTests.run(["tmux", "kill-session", "-t", name]) }
    }

    /// Every outbox event of the terminal database as (sequence, id, payload).
    static func outbox(_ path: String, terminal: String) throws -> [(sequence: Int64, id: UUID, payload: EventPayload)] {
        let store = try KioskStore(path: path, terminal: TerminalID(rawValue: terminal), logger: quiet)
        return try store.allOutboxEntries().map { entry in
            let event = try KioskEvent(jsonData: entry.body)
            return (entry.sequence, event.id, event.payload)
        }
    }

    /// kill -9 of kioskd while its ticket's print is in flight (the bytes reached the printer, kioskd waits for the
    /// printer's status, which the emulator answers 1.5 s late). After the restart: the ticket exists once; the
    /// paper came out once and is never printed again; the restarted kioskd records the print as failed with
    /// the reason `interrupted` (it cannot know whether the paper came out), with one `ticket.print-failed` event;
    /// the next ticket gets the next number and prints.
    @Test func kioskdKilledDuringPrintKeepsTheTicketOnceAndRecordsTheInterruptedPrint() throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        guard let rig = CUPSTestRig.start(orReport: { Issue.record("\($0)") }) else { return }
        let directory = try Self.temporaryDirectory("kill-print")
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try PrintingEndToEndTests().configuration(rig, in: directory)
        try rig.emulator.setState("ok status-delay=1500")

        let first = try KillablePane(config: config, state: directory)
        defer { first.close() }
        try first.waitFor("Willkommen im Bürgerbüro")
        try first.keys("5")
        // The job's bytes are at the printer; kioskd is still waiting for the printer's word on it.
        let printed = rig.emulator.waitForRecorded(count: 1, timeout: .seconds(15))
        try #require(!printed.isEmpty, "the job never reached the printer")
        try first.kill9()
        let database = directory.appendingPathComponent("kiosk.sqlite").path
        let atKill = try Self.outbox(database, terminal: "e2e-cups")
        #expect(!atKill.contains { if case .ticketPrinted = $0.payload { true } else { false } }, "killed before the outcome was recorded")

        try rig.emulator.setState("ok")
        let second = try KillablePane(config: config, state: directory)
        defer { second.close() }
        try second.waitFor("Willkommen im Bürgerbüro")
        try second.keys("5")
        try second.waitFor("Bitte nehmen Sie Ihre Wartemarke aus dem Drucker.")
        try second.keys("C-c")
        try second.waitFor("kioskd-exit=0")

        let store = try KioskStore(path: database, terminal: TerminalID(rawValue: "e2e-cups"), logger: Self.quiet)
        let day = BusinessDay(year: 2026, month: 11, day: 23)
        // In number order: each run's demo clock starts at 09:00 again, so issue times do not order the two runs.
        let tickets = try store.tickets(day: day).sorted { $0.number.value < $1.number.value }
        #expect(tickets.map(\.number.display) == ["M 001", "M 002"], "one ticket per key press, the number not reused")
        try Self.checkConsistent(store, days: [day])
        let events = try Self.outbox(database, terminal: "e2e-cups")
        let outcomes = events.compactMap { event -> String? in
            switch event.payload {
            case let .ticketPrinted(ticket, _): "\(tickets.firstIndex { $0.id == ticket } ?? -1) printed"
            case let .ticketPrintFailed(ticket, _, reason): "\(tickets.firstIndex { $0.id == ticket } ?? -1) failed \(reason)"
            default: nil
            }
        }
        #expect(outcomes == ["0 failed \(KioskStore.interruptedPrintReason)", "1 printed"], "one outcome per ticket")
        #expect(try store.queueCounts(day: day).map(\.printFailures).reduce(0, +) == 1)
        // On paper: the killed run's ticket once (its job had reached the printer), the next one once.
        let lines = try ESCPOSDecoder().decode(rig.emulator.waitForRecorded(count: printed.count + 1)).textLines
        #expect(lines.filter { $0 == "M 001" }.count == 1, "\(lines)")
        #expect(lines.filter { $0 == "M 002" }.count == 1, "\(lines)")
        #expect(try rig.cupsd.jobs(rig.queue).isEmpty, "no job of the killed run left in CUPS to print later")
    }

    /// kill -9 of kioskd while a sync batch is in flight: central (the real kiosk-central, behind a proxy that holds
    /// its replies) has stored the batch but kioskd never saw the answer, and more tickets are queued behind it.
    /// After the restart (replies flowing again) the outbox drains, and central holds each of the terminal's
    /// events exactly once: the same count and the same ids, sequence by sequence.
    @Test func kioskdKilledDuringSyncDeliversEveryEventExactlyOnce() async throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        let directory = try Self.temporaryDirectory("kill-sync")
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example")
        let central = try CentralProcess(
            database: directory.appendingPathComponent("central.sqlite").path, catalog: example.appendingPathComponent("services.yaml").path)
        try central.start()
        defer { central.kill() }
        let proxy = try HoldingProxy(upstreamPort: central.port)
        defer { proxy.close() }
        let config = directory.appendingPathComponent("terminal.yaml")
        let yaml = try String(contentsOf: example.appendingPathComponent("terminal.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "catalog: services.yaml", with: "catalog: \(example.path)/services.yaml")
            .replacingOccurrences(of: "codes: codes.yaml", with: "codes: \(example.path)/codes.yaml")
            .replacingOccurrences(of: "../../.demo-state/", with: "\(directory.path)/")
            .replacingOccurrences(of: "devices: ../../Devices", with: "devices: \(KioskdTerminalTests.repository.path)/Devices")
            .replacingOccurrences(of: "url: http://127.0.0.1:8480", with: "url: \(proxy.url)")
            .replacingOccurrences(of: "terminal:\n", with: "terminal:\n  texts: \(KioskdTerminalTests.repository.path)/Kiosk/texts\n")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let database = directory.appendingPathComponent("kiosk.sqlite").path
        let centralDatabase = try DatabaseQueue(path: central.database)
        func centralEvents() throws -> [Int64: String] {
            try centralDatabase.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT sequence, id FROM event WHERE terminal = 'musterstadt-t1'")
                    .map { (($0["sequence"] as Int64), ($0["id"] as String)) })
            }
        }

        let first = try KillablePane(config: config, state: directory)
        defer { first.close() }
        try first.waitFor("Willkommen im Bürgerbüro")
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"))
        func status() throws -> [String: Any] {
            let output = try KioskdTerminalTests.run([kioskctl, "status", "--json", "--day", "2026-11-23", "--config", config.path]).output
            return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        }
        // Numbers from central first, and everything so far delivered, so that what follows is the tickets' events.
        let settled = Date().addingTimeInterval(30)
        while Date() < settled {
            let report = try status()
            let queues = report["queues"] as? [[String: Any]] ?? []
            if queues.contains(where: { $0["queue"] as? String == "melde" && ($0["numbersLeft"] as? Int ?? 0) > 0 }),
                (report["outboxPending"] as? Int) == 0
            {
                break
            }
            usleep(200_000)
        }
        let before = try centralEvents().count
        proxy.hold = true
        for _ in 0..<8 {
            try first.keys("5")
            try first.waitFor("Bitte nehmen Sie Ihre Wartemarke aus dem Drucker.")
            try first.keys("Escape")
            try first.waitFor("Willkommen im Bürgerbüro")
        }
        // A batch reached central and its answer is held: central stored it, kioskd has not marked it sent.
        let inFlight = Date().addingTimeInterval(20)
        while Date() < inFlight, try centralEvents().count == before || proxy.heldReplies == 0 { usleep(50_000) }
        let storedAtKill = try centralEvents().count
        #expect(storedAtKill > before, "a batch reached central before the kill")
        try first.kill9()
        let terminalAtKill = try Self.outbox(database, terminal: "musterstadt-t1")
        let pendingAtKill = try #require(try status()["outboxPending"] as? Int)
        #expect(pendingAtKill > storedAtKill - before, "the held batch is still unsent on the terminal, and more behind it")
        #expect(terminalAtKill.count >= before + 16, "8 tickets, each issued and printed")

        proxy.hold = false
        let second = try KillablePane(config: config, state: directory)
        defer { second.close() }
        try second.waitFor("Willkommen im Bürgerbüro")
        let drained = Date().addingTimeInterval(30)
        while Date() < drained, (try status()["outboxPending"] as? Int) != 0 { usleep(200_000) }
        #expect(try status()["outboxPending"] as? Int == 0, "the outbox drains after the restart")
        try second.keys("C-c")
        try second.waitFor("kioskd-exit=0")

        let terminal = try Self.outbox(database, terminal: "musterstadt-t1")
        let atCentral = try centralEvents()
        #expect(atCentral.count == terminal.count, "each event exactly once: \(atCentral.count) at central, \(terminal.count) on the terminal")
        #expect(terminal.allSatisfy { atCentral[$0.sequence] == $0.id.uuidString }, "the same id at every sequence")
        let integrity = try await SQLiteCentralStore(path: central.database).integrity()
        #expect(integrity.conflicts == 0 && integrity.distinctNumbers == integrity.tickets)
        #expect(integrity.tickets == 8)
    }
}

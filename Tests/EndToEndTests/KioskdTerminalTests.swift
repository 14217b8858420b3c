import ChildProcess
import Foundation
import KioskCentral
import KioskCore
import KioskTesting
import Testing

/// Runs the built `kioskd` binary as a citizen would meet it: in a tmux pane, driven by keys.
@Suite(.serialized, .timeLimit(.minutes(5))) struct KioskdTerminalTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func executable(_ name: String) -> String? { BuiltProducts.executable(name)?.path }

    /// Runs a command and returns its output and status (exit status, or 128 + signal).
    @discardableResult
    static func run(_ arguments: [String], timeout: Duration = .seconds(120)) throws -> (output: String, error: String, status: Int32) {
        let result = try ChildProcess.run(arguments[0], Array(arguments.dropFirst()), timeout: timeout)
        let status: Int32 = switch result.termination {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
        return (result.text, String(decoding: result.error, as: UTF8.self), status)
    }

    /// A tmux session running kioskd on a copy of the example site with its own state folder.
    struct Pane {
        let name = "kiosk-e2e-\(UUID().uuidString.prefix(8))"
        let state: URL
        let configuration: URL
        let central: CentralProcess

        /// `prefix` goes before the command, e.g. environment assignments.
        /// `yaml` is appended to the terminal's configuration (e.g. a `metrics:` section).
        init(columns: Int, rows: Int, extra: [String] = [], centralArguments: [String] = [], prefix: String = "", yaml appended: String = "") throws {
            state = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            let example = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example")
            configuration = state.appendingPathComponent("terminal.yaml")
            central = try CentralProcess(
                database: state.appendingPathComponent("central.sqlite").path,
                catalog: example.appendingPathComponent("services.yaml").path, arguments: centralArguments)
            try central.start()
            let yaml = try String(contentsOf: example.appendingPathComponent("terminal.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "catalog: services.yaml", with: "catalog: \(example.path)/services.yaml")
                .replacingOccurrences(of: "codes: codes.yaml", with: "codes: \(example.path)/codes.yaml")
                .replacingOccurrences(of: "../../.demo-state/", with: "\(state.path)/")
                .replacingOccurrences(of: "devices: ../../Devices", with: "devices: \(KioskdTerminalTests.repository.path)/Devices")
                .replacingOccurrences(of: "url: http://127.0.0.1:8480", with: "url: \(central.url)")
                + "\n" + appended // texts default to ../texts relative to the config: point them at the repository
            try (yaml.replacingOccurrences(of: "terminal:\n", with: "terminal:\n  texts: \(KioskdTerminalTests.repository.path)/Kiosk/texts\n"))
                .write(to: configuration, atomically: true, encoding: .utf8)
            let kioskd = try #require(KioskdTerminalTests.executable("kioskd"))
            let command = (prefix.isEmpty ? "" : prefix + " ") + ([kioskd, "--config", configuration.path] + extra).joined(separator: " ")
                + "; echo kioskd-exit=$?; sleep 30"
            try KioskdTerminalTests.run(["tmux", "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", command])
        }

        func keys(_ keys: String...) throws {
            try KioskdTerminalTests.run(["tmux", "send-keys", "-t", name] + keys)
        }

        func screen() throws -> String {
            try KioskdTerminalTests.run(["tmux", "capture-pane", "-p", "-t", name]).output
        }

        /// Polls the pane until every text appears (the daemon starts and redraws asynchronously, and a
        /// capture can catch a frame half-written).
        @discardableResult
        func waitFor(_ texts: String..., seconds: Double = 20) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if texts.allSatisfy(last.contains) { return last }
                usleep(100_000)
            }
            Issue.record("\(texts.filter { !last.contains($0) }) did not appear; the screen was:\n\(last)")
            return last
        }

        /// Waits until the terminal holds numbers of `queue` from central (its first sync rounds), so that a key
        /// pressed next issues a ticket rather than the "no numbers yet" screen of a terminal that just started.
        func waitForNumbers(queue: String, day: String, seconds: Double = 30) throws {
            let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"))
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try KioskdTerminalTests.run([kioskctl, "status", "--json", "--day", day, "--config", configuration.path]).output
                if let data = last.data(using: .utf8),
                    let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                    let queues = report["queues"] as? [[String: Any]],
                    queues.contains(where: { $0["queue"] as? String == queue && ($0["numbersLeft"] as? Int ?? 0) > 0 })
                {
                    return
                }
                usleep(200_000)
            }
            Issue.record("no numbers of \(queue) arrived from central; the last status was:\n\(last)")
        }

        func close() {
            _ = try? KioskdTerminalTests.run(["tmux", "kill-session", "-t", name])
            central.kill()
            try? FileManager.default.removeItem(at: state)
        }
    }

    /// The day the kiosk pretends it is (`--demo-time 2026-11-23T09:00`).
    static let demoMonday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))

    static var tmuxAvailable: Bool { (try? run(["tmux", "-V"]).status) == 0 }

    @Test func drawingATicketWithTheKeyboardShowsItAndPrintsIt() async throws {
        guard Self.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        let pane = try Pane(columns: 100, rows: 30, extra: ["--demo-time", "2026-11-23T09:00"])
        defer { pane.close() }
        try pane.waitFor("Willkommen im Bürgerbüro")
        try pane.waitForNumbers(queue: "melde", day: "2026-11-23")
        try pane.keys("5")
        try pane.waitFor(
            "Ihre Wartenummer", "Anliegen: Meldebescheinigung", "Geschätzte Wartezeit",
            "Bitte nehmen Sie Ihre Wartemarke aus dem Drucker.")
        try pane.keys("Escape")
        try pane.waitFor("Willkommen im Bürgerbüro")
        // A clerk calls the ticket at central; the kiosk shows the call with its next sync round, no key pressed.
        let central = try SQLiteCentralStore(path: pane.central.database)
        try await central.putCounter(Counter(id: "s3", name: "Schalter 3", queues: [QueueID(rawValue: "melde")]))
        let called = try await central.callNext(
            counter: "s3", staff: "anna", rule: QueueOrder(), day: SiteCalendar.berlin.businessDay(of: Self.demoMonday), at: Date())
        #expect(called?.number == "M 001")
        try pane.waitFor("Zuletzt aufgerufen: M 001 → Schalter 3")
        // L opens the language chooser, which lists every language in its own name; 2 is English.
        try pane.keys("L")
        try pane.waitFor("Sprache wählen", "Українська")
        try pane.keys("2")
        try pane.waitFor("Welcome to the Citizens' Office")
        try pane.keys("C-c")
        try pane.waitFor("kioskd-exit=0")
        let printed = try Data(contentsOf: pane.state.appendingPathComponent("printer.bin"))
        #expect(printed.starts(with: [0x1B, 0x40]), "the emulated printer received ESC/POS")
        #expect(printed.range(of: Data("M 001".utf8)) != nil)
        let kioskctl = try #require(Self.executable("kioskctl"))
        let status = try Self.run([kioskctl, "status", "--json", "--config", pane.configuration.path])
        #expect(status.status == 0)
        #expect(status.output.contains("\"terminal\" : \"musterstadt-t1\""))
        // Connected: numbers came from kiosk-central, and the ticket's two events reached it before exit.
        #expect(status.output.contains("\"lastSequence\" : 2"), "\(status.output)")
        #expect(status.output.contains("\"outboxPending\" : 0"), "\(status.output)")
    }

    @Test func aTooSmallTerminalGetsAMessageUntilItGrows() throws {
        guard Self.tmuxAvailable else {
            print("skipped: tmux is not installed")
            return
        }
        let pane = try Pane(columns: 60, rows: 20, extra: ["--demo-time", "2026-11-23T09:00"])
        defer { pane.close() }
        try pane.waitFor("80", "24")
        try Self.run(["tmux", "resize-window", "-t", pane.name, "-x", "90", "-y", "30"])
        try pane.waitFor("Willkommen im Bürgerbüro")
    }

    @Test func notATerminalGivesAClearMessageAndExitStatus() throws {
        let kioskd = try #require(Self.executable("kioskd"))
        let config = Self.repository.appendingPathComponent("Kiosk/example/terminal.yaml").path
        let result = try Self.run([kioskd, "--config", config])
        #expect(result.status == 2)
        #expect(result.error.contains("Terminal"))
        #expect(result.error.contains("terminal"))
    }

    @Test func aBrokenCatalogNamesFileAndLine() throws {
        let kioskd = try #require(Self.executable("kioskd"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "terminal:\n  id: t1\n  catalog: services.yaml\n".write(to: directory.appendingPathComponent("terminal.yaml"), atomically: true, encoding: .utf8)
        try "site:\n  id: s\n  name: S\n  openingHours: { mon: [\"8-12\"] }\nqueues: []\nservices: []\n"
            .write(to: directory.appendingPathComponent("services.yaml"), atomically: true, encoding: .utf8)
        let result = try Self.run([kioskd, "--config", directory.appendingPathComponent("terminal.yaml").path])
        #expect(result.status == 78)
        #expect(result.error.contains("services.yaml:4:"), "\(result.error)")
        #expect(result.error.contains("not a time span"))
    }
}

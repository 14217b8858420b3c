import Devices
import Foundation
import KioskTesting
import Testing

/// The built kioskd and kiosk-central with their Prometheus endpoints on loopback: a ticket drawn with a key and
/// a scan through the emulated scanner move kioskd's counters, and the synced events move central's.
@Suite(.serialized, .timeLimit(.minutes(5))) struct MetricsEndToEndTests {
    /// The value of the sample written as `series` (`name` or `name{a="x",b="y"}`, labels in any order); nil when absent.
    static func value(_ text: String, _ series: String) -> Double? {
        let name = series.split(separator: "{").first.map(String.init) ?? series
        let wanted = Set(series.drop { $0 != "{" }.dropFirst().dropLast().split(separator: ",").map(String.init))
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let found = line[..<space]
            guard found.split(separator: "{").first.map(String.init) == name else { continue }
            let labels = Set(found.drop { $0 != "{" }.dropFirst().dropLast().split(separator: ",").map(String.init))
            if labels == wanted { return Double(line[line.index(after: space)...]) }
        }
        return nil
    }

    /// Scrapes until `check` holds or `seconds` pass; the last body.
    static func scrape(port: Int, seconds: Double = 30, until check: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            if let answer = LoopbackHTTP.get(port: port, path: "/metrics") {
                #expect(answer.status == 200)
                last = answer.body
                if check(last) { return last }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        return last
    }

    @Test func aTicketAndAScanMoveKioskdsCountersAndTheSyncMovesCentrals() async throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        let port = LoopbackPort.free()
        let pane = try KioskdTerminalTests.Pane(
            columns: 100, rows: 30, extra: ["--demo-time", "2026-11-23T09:00"], yaml: "metrics:\n  listen: \"127.0.0.1:\(port)\"\n")
        defer { pane.close() }
        try pane.waitFor("Willkommen im Bürgerbüro")
        let idle = try await Self.scrape(port: port) { $0.contains("kiosk_device_state") }
        #expect(Self.value(idle, "kiosk_device_state{kind=\"printer\"}") == 0)
        #expect(Self.value(idle, "kiosk_device_state{kind=\"scanner\"}") == 0, "the emulated scanner is set up")
        #expect(Self.value(idle, "kiosk_device_state{kind=\"card-reader\"}") == -1)
        #expect(!idle.contains("kiosk_tickets_issued_total"), "nothing issued yet")

        try pane.waitForNumbers(queue: "melde", day: "2026-11-23")
        try pane.keys("5")
        try pane.waitFor("Ihre Wartenummer")
        try ScannerScript.send("]Q1not-a-known-code", to: pane.state.appendingPathComponent("scanner").path)
        let busy = try await Self.scrape(port: port) { $0.contains("kiosk_scans_total") && $0.contains("kiosk_tickets_issued_total") }
        #expect(Self.value(busy, "kiosk_tickets_issued_total{kind=\"walk-in\"}") == 1)
        #expect(Self.value(busy, "kiosk_print_jobs_total{document=\"ticket\",outcome=\"printed\"}") == 1)
        #expect(Self.value(busy, "kiosk_scans_total{result=\"rejected\"}") == 1)
        #expect(!busy.contains("not-a-known-code"), "no payload in the metrics")
        #expect(Self.value(busy, "kiosk_outbox_depth") != nil && Self.value(busy, "kiosk_sync_lag_seconds") != nil)

        // Central ingests the ticket's events with the next sync round and learns the outbox depth from the health report.
        let central = try await Self.scrape(port: pane.central.port) {
            Self.value($0, "kiosk_central_events_ingested_total{terminal=\"musterstadt-t1\"}") ?? 0 >= 2
                && $0.contains("kiosk_central_terminal_outbox_depth")
        }
        #expect(Self.value(central, "kiosk_central_events_ingested_total{terminal=\"musterstadt-t1\"}") ?? 0 >= 2, "\(central)")
        #expect(Self.value(central, "kiosk_central_terminal_last_sync_age_seconds{terminal=\"musterstadt-t1\"}") != nil)
        let synced = try await Self.scrape(port: port) { Self.value($0, "kiosk_outbox_depth") == 0 }
        #expect(Self.value(synced, "kiosk_outbox_depth") == 0, "\(synced)")
        try pane.keys("C-c")
        try pane.waitFor("kioskd-exit=0")
    }
}

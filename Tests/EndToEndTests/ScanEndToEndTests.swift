import Devices
import Foundation
import KioskCentral
import KioskCore
import Testing

/// The built kioskd in a tmux pane with its emulated scanner (a named pipe), a live kiosk-central holding today's
/// appointment, and the Potsdam directory imported with the built kioskctl: what the demo shows.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ScanEndToEndTests {
    @Test func aScannedConfirmationChecksInAndANoticeQRCodeFindsThePotsdamPollingPlace() async throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        // Terminal and central pretend the same morning: central puts the appointments of its today into the snapshot.
        let demo = ["--demo-time", "2026-11-23T09:00"]
        let pane = try KioskdTerminalTests.Pane(columns: 100, rows: 30, extra: demo, centralArguments: demo)
        defer { pane.close() }
        try pane.waitFor("Willkommen im Bürgerbüro", "[T] Termin: einchecken")
        let fifo = pane.state.appendingPathComponent("scanner").path

        // The appointment starts at 09:05 (on time by the site's rules), booked at central.
        let calendar = SiteCalendar.berlin
        let day = BusinessDay(year: 2026, month: 11, day: 23)
        let start = calendar.instant(of: TimeOfDay(hour: 9, minute: 5), on: day)
        let central = try SQLiteCentralStore(path: pane.central.database)
        try await central.putAppointment(
            Appointment(
                id: AppointmentID(rawValue: "e2e-1"), service: ServiceID(rawValue: "meldebescheinigung"), start: start,
                durationMinutes: 15, processNumber: "123456", authKey: "ab12", bookingReference: nil),
            site: "example-buergerbuero", day: day)

        // The terminal learns of it with its next snapshot (sync interval 5 s); until then the code is unknown here.
        var checkedIn = false
        attempts: for _ in 0..<20 {
            try ScannerScript.send("]Q1T:123456:ab12", to: fifo)
            for _ in 0..<50 {
                let screen = try pane.screen()
                if screen.contains("Sie sind eingecheckt.") {
                    checkedIn = true
                    break attempts
                }
                if screen.contains("Check-in nicht möglich") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try pane.keys("Escape")
            try await Task.sleep(for: .seconds(1))
        }
        let log = (try? String(contentsOf: pane.state.appendingPathComponent("kioskd.log"), encoding: .utf8)) ?? "no log"
        #expect(checkedIn, "\(log)")
        try pane.waitFor("Ihr Termin:", "Meldebescheinigung", "Sie sind eingecheckt.")
        let printed = try Data(contentsOf: pane.state.appendingPathComponent("printer.bin"))
        #expect(printed.range(of: Data("M 001".utf8)) != nil)
        // Scanned again: the same number, nothing printed twice.
        try pane.keys("Escape")
        try pane.waitFor("Willkommen im Bürgerbüro")
        try ScannerScript.send("]Q1T:123456:ab12", to: fifo)
        try pane.waitFor("Sie waren schon eingecheckt.")
        #expect(try Data(contentsOf: pane.state.appendingPathComponent("printer.bin")).count == printed.count)

        // The Wahlraumsuche: the technician imports the town's files, the citizen scans the notice.
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"))
        let election = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/election.yaml").path
        let imported = try KioskdTerminalTests.run([kioskctl, "wahlraum", "import", "--config", pane.configuration.path, "--election", election])
        #expect(imported.status == 0, "\(imported.output)\(imported.error)")
        try pane.keys("Escape")
        // The terminal holds a lone Escape back a moment (it may start a key sequence): wait for home before scanning.
        try pane.waitFor("Willkommen im Bürgerbüro")
        try ScannerScript.send("]Q1https://wahlschein.example.de/antrag?wbz=1302&wvz=4711", to: fifo)
        let place = try pane.waitFor("Ihr Wahlraum", "Karl-Foerster-Schule (25/26)", "Kirschallee 172", "Barrierefrei erreichbar")
        #expect(!place.contains("4711"))
        // A garbled scan is a retry: the screen stays and says so.
        try ScannerScript.send("T:12", to: fifo)
        try pane.waitFor("Karl-Foerster-Schule (25/26)", "Terminbestätigung")
        try pane.keys("C-c")
        try pane.waitFor("kioskd-exit=0")

        // Central has the check-in once the outbox drained at exit.
        let calls = try await central.appointment(AppointmentID(rawValue: "e2e-1"))
        #expect(calls?.state == .checkedIn)
    }
}

import CardReader
import CardReaderTesting
import ChildProcess
import Foundation
import KioskCore
import KioskTesting
import Testing

/// The kiosk's PIN service end to end: the built kioskd in a tmux pane watches pcscd's readers; the emulated ID
/// card is put on vpcd's reader, and the citizen replaces the transport PIN on the keypad. In `PCSCTests`, so
/// that it runs alone against the one pcscd.
extension PCSCTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func tmux(_ arguments: [String]) throws -> String {
        try ChildProcess.run("tmux", arguments, timeout: .seconds(30)).text
    }

    @Test func theKioskOffersThePINServiceForAnInsertedIDCardAndReplacesTheTransportPIN() async throws {
        guard (try? ChildProcess.run("tmux", ["-V"], timeout: .seconds(10)))?.termination == .exited(0) else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        let kioskd = try #require(BuiltProducts.executable("kioskd")?.path)
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-pin-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let example = Self.repository.appendingPathComponent("Kiosk/example")
        let config = state.appendingPathComponent("terminal.yaml")
        try """
            terminal:
              id: pin-e2e
              catalog: \(example.path)/services.yaml
              texts: \(Self.repository.path)/Kiosk/texts
              devices: \(Self.repository.path)/Devices
              database: \(state.path)/kiosk.sqlite
            printer:
              kind: emulated
              output: \(state.path)/printer.bin
              profile: generic-58mm
            cardReader:
              kind: pcsc
            """.write(to: config, atomically: true, encoding: .utf8)
        let name = "kiosk-pin-\(UUID().uuidString.prefix(8))"
        _ = try Self.tmux([
            "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
            "\(kioskd) --config \(config.path) --demo-time 2026-11-23T09:00; echo kioskd-exit=$?; sleep 30",
        ])
        defer { _ = try? Self.tmux(["kill-session", "-t", name]) }
        func waitFor(_ texts: String...) async throws -> String {
            let deadline = ContinuousClock.now + .seconds(30)
            var screen = ""
            while ContinuousClock.now < deadline {
                screen = try Self.tmux(["capture-pane", "-p", "-t", name])
                if texts.allSatisfy(screen.contains) { return screen }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("\(texts.filter { !screen.contains($0) }) did not appear; the screen was:\n\(screen)")
            return screen
        }
        func keys(_ keys: String...) throws { _ = try Self.tmux(["send-keys", "-t", name] + keys) }

        _ = try await waitFor("Willkommen im Bürgerbüro")
        // The card goes on the reader: kioskd sees it through pcscd and reads EF.CardAccess and the PIN state.
        let card = try CardEmulatorProcess(port: pcscd.port)
        defer { card.remove() }
        _ = try await waitFor("PIN-Dienst für den Ausweis", "[T] Transport-PIN")
        try keys("t")
        _ = try await waitFor("Transport-PIN")
        try keys("1", "2", "3", "4", "5")
        let masked = try await waitFor("•••••")
        #expect(!masked.contains("12345"), "the PIN is never shown")
        try keys("Enter")
        _ = try await waitFor("Neue PIN")
        try keys("6", "5", "4", "3", "2", "1", "Enter")
        _ = try await waitFor("Neue PIN wiederholen")
        try keys("6", "5", "4", "3", "2", "1", "Enter")
        _ = try await waitFor("Ihre neue PIN ist gesetzt.")
        #expect(card.events.contains("apdu 2C"), "the card got the new PIN under secure messaging: \(card.events)")
        try keys("C-c")
        _ = try await waitFor("kioskd-exit=0")
        let log = (try? String(contentsOf: state.appendingPathComponent("kioskd.log"), encoding: .utf8)) ?? ""
        #expect(!log.contains("12345") && !log.contains("654321"), "no PIN in the log")

        // The card now answers to the new PIN only.
        let channel = try await Self.connect(TestPCSCD.firstReader)
        let service = PINService(channel: channel, cardAccess: try #require(try CardInspection.inspect(channel).cardAccess))
        var current = Array("654321".utf8)
        var next = Array("111111".utf8)
        try service.changePIN(current: &current, new: &next)
    }
}

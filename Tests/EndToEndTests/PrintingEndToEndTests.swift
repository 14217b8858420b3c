import Foundation
import KioskCore
import KioskTesting
import Printing
import PrintingTesting
import Testing

/// kioskctl and kioskd as built binaries with `printer: kind: cups`, against a private cupsd and the emulator.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PrintingEndToEndTests {
    /// A terminal configuration on the example site whose printer is the rig's CUPS queue.
    func configuration(_ rig: CUPSTestRig, in directory: URL) throws -> URL {
        let repository = KioskdTerminalTests.repository
        let url = directory.appendingPathComponent("terminal.yaml")
        try """
            terminal:
              id: e2e-cups
              catalog: \(repository.path)/Kiosk/example/services.yaml
              texts: \(repository.path)/Kiosk/texts
              devices: \(repository.path)/Devices
              database: \(directory.path)/kiosk.sqlite
            printer:
              kind: cups
              server: \(rig.cupsd.endpoint)
              queue: \(rig.queue)
              status: 127.0.0.1:\(rig.emulator.port)
              profile: epson-tm-t20
              jobTimeoutSeconds: 20
            """.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("print-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func kioskctlPrintsATestPageAndReportsTheState() throws {
        guard let rig = CUPSTestRig.start("near-end", orReport: { Issue.record("\($0)") }) else { return }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try configuration(rig, in: directory)
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"))

        let test = try KioskdTerminalTests.run([kioskctl, "print", "test", "--config", config.path])
        #expect(test.status == 0, "\(test.output)\(test.error)")
        #expect(test.output.contains("test page printed: CUPS job 1 on ticket"))
        #expect(test.output.contains("media-low (warning)"))
        #expect(test.output.contains("Das Papier geht bald zu Ende. / The paper is running low."))

        // The page arrived whole (it ends with the cut) and shows every style, the codes and the state.
        var recorded = rig.emulator.recorded
        let deadline = ContinuousClock.now + .seconds(10)
        while recorded.suffix(3) != [0x1D, 0x56, 0x01], ContinuousClock.now < deadline {
            usleep(10_000)
            recorded = rig.emulator.recorded
        }
        let items = try ESCPOSDecoder().decode(recorded)
        let lines = items.lines
        #expect(lines.first { $0.text == "Fett / bold" }?.style.bold == true)
        #expect(lines.first { $0.text == "Unterstrichen / underlined" }?.style.underline == true)
        #expect(lines.first { $0.text.contains("Doppelt / double") }?.style.widthMultiplier == 2)
        #expect(lines.first { $0.text.hasPrefix("Rechts") }?.alignment == .right)
        // PC858 has the umlauts and €; dash and German quotes become their ASCII stand-ins.
        #expect(items.textLines.contains("Umlaute: ÄÖÜ äöü ß € - \"Gebühr\""))
        #expect(items.textLines.contains("Status: media-low (warning)"))
        #expect(items.qrCodes.map(\.payload) == ["https://kiosk.invalid/test"])
        #expect(items.barcodes.map(\.symbology) == [.ean13, .code128])
        #expect(items.barcodes.last?.text == "KIOSK-TEST")
        #expect(items.cuts == [DecodedCut(partial: true)])

        let json = try KioskdTerminalTests.run([kioskctl, "print", "status", "--json", "--config", config.path])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let status = try #require(object["status"] as? [String: Any])
        #expect(object["printer"] as? String == "cups:ticket")
        #expect(status["status"] as? String == "media-low")
        #expect(status["severity"] as? String == "warning")

        try rig.emulator.setState("cover-open")
        let open = try KioskdTerminalTests.run([kioskctl, "print", "status", "--config", config.path])
        #expect(open.status == 1, "cannot print: exit status 1")
        #expect(open.output.contains("Die Druckerklappe ist offen. / The printer cover is open."))
        #expect(open.output.contains("DLE EOT: 1A 16 12 12"))
    }

    @Test func kioskctlWritesThePreviewOfTheTestPageAtThePrintersWidth() throws {
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: output) }
        let config = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/terminal.yaml").path
        let result = try KioskdTerminalTests.run([kioskctl, "print", "preview", "--config", config, "--output", output.path])
        #expect(result.status == 0, "\(result.error)")
        let png = try Data(contentsOf: output)
        let bitmap = try PNGCodec.decode(png)
        #expect(bitmap.width == 384, "the example terminal's 58 mm profile")
        #expect(bitmap.height > 1000)
        // zbar-tools comes with scripts/test.sh: the QR code in the preview reads back as the test page's link.
        #expect(String(decoding: try BarcodeScanner.read(image: png, extension: "png"), as: UTF8.self) == "https://kiosk.invalid/test")
    }

    @Test func kioskdPrintsATicketThroughCUPS() throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        guard let rig = CUPSTestRig.start(orReport: { Issue.record("\($0)") }) else { return }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = try configuration(rig, in: directory)
        let kioskd = try #require(KioskdTerminalTests.executable("kioskd"))
        let name = "kiosk-cups-\(UUID().uuidString.prefix(8))"
        let command = "\(kioskd) --config \(config.path) --demo-time 2026-11-23T09:00; echo kioskd-exit=$?; sleep 30"
        try KioskdTerminalTests.run(["tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command])
        defer { _ = try? KioskdTerminalTests.run(["tmux", "kill-session", "-t", name]) }
        func waitFor(_ text: String) throws {
            let deadline = Date().addingTimeInterval(20)
            var screen = ""
            while Date() < deadline {
                screen = try KioskdTerminalTests.run(["tmux", "capture-pane", "-p", "-t", name]).output
                if screen.contains(text) { return }
                usleep(100_000)
            }
            Issue.record("\(text) did not appear; the screen was:\n\(screen)")
        }
        try waitFor("Willkommen im Bürgerbüro")
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", name, "5"])
        try waitFor("Bitte nehmen Sie Ihre Wartemarke aus dem Drucker.")

        // Paper runs out: the next citizen's number stays on screen with the reason.
        try rig.emulator.setState("paper-end")
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", name, "Escape"])
        try waitFor("Willkommen im Bürgerbüro")
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", name, "5"])
        try waitFor("Die Wartemarke konnte nicht gedruckt werden.")
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", name, "C-c"])
        try waitFor("kioskd-exit=0")

        // Both tickets are in the terminal's store; the second one's print failure is recorded with its reason.
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"))
        let status = try KioskdTerminalTests.run([kioskctl, "status", "--json", "--day", "2026-11-23", "--config", config.path])
        #expect(status.output.contains("\"lastNumber\" : \"M 002\""), "\(status.output)")
        #expect(status.output.contains("\"printFailures\" : 1"), "\(status.output)")
        let items = try ESCPOSDecoder().decode(rig.emulator.recorded)
        #expect(items.textLines.contains("M 001"), "\(items.textLines)")
        #expect(!items.textLines.contains("M 002"))
        #expect(items.cuts.count == 1)
    }
}

import ChildProcess
import Devices
import Foundation
import KioskCore
import KioskTesting
import Printing
import Testing
import USBDevices

/// The real Wacom STU driver (libusb, control and interrupt transfers, the pen decoder) against scripted USB
/// traffic: the probe runs under `umockdev-run`, which answers libusb's URBs from `Tests/Fixtures/wacom-stu/`.
/// The scripts are templates: the prompt image's upload (32 SET_REPORTs for the STU-430's 1-bit screen) is put in
/// from the same renderer and encoder the driver uses, and every byte of it must match for the replay to go on.
@Suite(.serialized, .timeLimit(.minutes(2))) struct UmockdevSignaturePadTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let umockdevRun = "/usr/bin/umockdev-run"
    static let model = "wacom-stu-430"

    struct Event: Decodable, Equatable {
        var event: String
        var sample: [Int]?
        var count: Int?
        var strokes: Int?
        var samples: Int?
        var dropped: Int?
        var device: String?
    }

    /// The layout the scripts' capability report announces.
    static let layout = SignaturePadLayout(
        tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200)

    /// The SET_REPORT nodes of the prompt image upload, as the probe's prompt renders on the STU-430.
    static func uploadLines() -> [String] {
        let image = SignaturePromptImage.render(SignaturePrompt(amount: Money(cents: 1250)), layout: layout)
        return WacomSTUReports.imageUpload(image, format: .monochrome).map { report in
            let setup: [UInt8] = [0x21, 0x09, report[0], 0x03, 0, 0, UInt8(report.count & 0xFF), UInt8(report.count >> 8)]
            let hex = (setup + report).map { String(format: "%02X", $0) }.joined()
            return "USBDEVFS_REAPURBNDELAY 0 2 0 0 0 \(8 + report.count) \(report.count) 0 \(hex)"
        }
    }

    /// Runs the probe against `device.umockdev` and the template `traffic`; nil (and a note) without umockdev.
    static func run(_ traffic: String) throws -> (events: [Event], log: String)? {
        guard FileManager.default.isExecutableFile(atPath: umockdevRun) else {
            print("UmockdevSignaturePadTests skipped: \(umockdevRun) is missing (apt-get install umockdev; scripts/test.sh installs it)")
            return nil
        }
        guard let probe = BuiltProducts.executable("usb-signature-probe") else {
            Issue.record("usb-signature-probe is not built: run `swift build --build-tests` first")
            return nil
        }
        let folder = repository.appendingPathComponent("Tests/Fixtures/wacom-stu")
        let template = try String(contentsOf: folder.appendingPathComponent(traffic), encoding: .utf8)
        let lines = template.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "IMAGE-UPLOAD" }.count == 1)
        let script = lines.flatMap { $0 == "IMAGE-UPLOAD" ? uploadLines() : [$0] }.joined(separator: "\n") + "\n"
        let scriptURL = FileManager.default.temporaryDirectory.appendingPathComponent("stu-\(UUID().uuidString).ioctl")
        try script.write(to: scriptURL, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: scriptURL) }
        let node = String(lines[0].dropFirst("@DEV ".count))
        let result = try ChildProcess.run(
            umockdevRun,
            [
                "-d", folder.appendingPathComponent("device.umockdev").path, "-i", "\(node)=\(scriptURL.path)", "--",
                probe.path, "--catalog", repository.appendingPathComponent("Devices").path, "--model", model, "--timeout", "30",
            ],
            environment: ProcessInfo.processInfo.environment.merging(["PROBE_LOG": "debug"]) { $1 },
            timeout: .seconds(60))
        let log = String(decoding: result.error, as: UTF8.self)
        let output = result.text.split(separator: "\n")
        let decoded = try output.map { try JSONDecoder().decode(Event.self, from: Data($0.utf8)) }
        #expect(result.termination.succeeded, "probe: \(result.termination) \(log)")
        #expect(decoded.last?.event == "released", "the driver did not shut down cleanly: \(output) \(log)")
        return (decoded.filter { $0.event != "released" }, log)
    }

    /// Event names with the points counted between stroke ends, e.g. ["5 points", "strokeEnded", ...].
    static func outline(_ events: [Event]) -> [String] {
        var outline: [String] = []
        var points = 0
        for event in events {
            if event.event == "point" {
                points += 1
                continue
            }
            if points > 0 { outline.append("\(points) points") }
            points = 0
            outline.append(event.event)
        }
        if points > 0 { outline.append("\(points) points") }
        return outline
    }

    @Test func threeStrokesThenOK() throws {
        guard let (events, log) = try Self.run("three-strokes.ioctl.in") else { return }
        #expect(Self.outline(events) == ["5 points", "strokeEnded", "4 points", "strokeEnded", "3 points", "strokeEnded", "confirmed"])
        #expect(events.last == Event(event: "confirmed", strokes: 3, samples: 12, dropped: 0))
        // Coordinates and pressure as the pad sent them; time from the pad's clock, across its wrap at 65536.
        #expect(events.first?.sample == [1000, 2500, 300, 0])
        #expect(events[1].sample == [1400, 2600, 420, 5])
        #expect(log.contains("Signature capture started") && log.contains("Signature capture ended"), "\(log)")
        // No coordinates in the log: the pen trace is personal data.
        #expect(!log.contains("2500") && !log.contains("1400"), "\(log)")
    }

    @Test func aDroppedSequenceNumberIsReported() throws {
        guard let (events, _) = try Self.run("dropped-reports.ioctl.in") else { return }
        #expect(Self.outline(events) == [
            "5 points", "strokeEnded", "2 points", "dropped", "2 points", "strokeEnded", "3 points", "strokeEnded", "confirmed",
        ])
        #expect(events.contains(Event(event: "dropped", count: 3)))
        #expect(events.last == Event(event: "confirmed", strokes: 3, samples: 12, dropped: 3))
    }

    @Test func unpluggedMidSignatureEndsWithDetachedAndNoSignature() throws {
        guard let (events, _) = try Self.run("unplug.ioctl.in") else { return }
        #expect(Self.outline(events) == ["5 points", "strokeEnded", "2 points", "detached"])
        #expect(events.last == Event(event: "detached", device: Self.model))
        #expect(!events.contains { $0.event == "confirmed" })
    }

    @Test func cancelTapEndsTheCaptureWithoutASignature() throws {
        guard let (events, _) = try Self.run("cancel.ioctl.in") else { return }
        #expect(Self.outline(events) == ["5 points", "strokeEnded", "cancelled"])
    }
}

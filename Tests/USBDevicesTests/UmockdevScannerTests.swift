import ChildProcess
import Foundation
import KioskTesting
import Testing

/// The real driver (libusb, transfers, hot-plug handling, decoders) against scripted USB traffic: the probe runs
/// under `umockdev-run`, which fakes the device in sysfs and answers libusb's URBs from `Tests/Fixtures/<driver>/`.
@Suite(.serialized, .timeLimit(.minutes(2))) struct UmockdevScannerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let umockdevRun = "/usr/bin/umockdev-run"

    struct Event: Decodable, Equatable {
        var event: String
        var device: String?
        var symbology: String?
        var text: String?
        var en: String?
    }

    /// Runs the probe for `model` against `device.umockdev` and `traffic`; nil (and a printed note) when
    /// umockdev or the probe is missing.
    static func probe(fixture: String, traffic: String, model: String, events: Int) throws -> [Event]? {
        try run(fixture: fixture, traffic: traffic, model: model, events: events)?.events
    }

    /// The probe's events and its log (at debug level).
    static func run(fixture: String, traffic: String, model: String, events: Int) throws -> (events: [Event], log: String)? {
        guard FileManager.default.isExecutableFile(atPath: umockdevRun) else {
            print("UmockdevScannerTests skipped: \(umockdevRun) is missing (apt-get install umockdev; scripts/test.sh installs it)")
            return nil
        }
        guard let probe = BuiltProducts.executable("usb-scanner-probe") else {
            Issue.record("usb-scanner-probe is not built: run `swift build --build-tests` first")
            return nil
        }
        let folder = repository.appendingPathComponent("Tests/Fixtures/\(fixture)")
        let script = folder.appendingPathComponent(traffic).path
        // The script's first line names the device node it answers for.
        let header = try String(contentsOfFile: script, encoding: .utf8).prefix { $0 != "\n" }
        let node = String(header.dropFirst("@DEV ".count))
        let result = try ChildProcess.run(
            umockdevRun,
            [
                "-d", folder.appendingPathComponent("device.umockdev").path, "-i", "\(node)=\(script)", "--",
                probe.path, "--catalog", repository.appendingPathComponent("Devices").path, "--model", model,
                "--events", String(events), "--timeout", "30",
            ],
            environment: ProcessInfo.processInfo.environment.merging(["PROBE_LOG": "debug"]) { $1 },
            timeout: .seconds(60))
        let lines = result.text.split(separator: "\n")
        let decoded = try lines.map { try JSONDecoder().decode(Event.self, from: Data($0.utf8)) }
        #expect(result.termination.succeeded, "probe: \(result.termination) \(String(decoding: result.error, as: UTF8.self))")
        #expect(decoded.last?.event == "released", "the driver did not shut down cleanly: \(lines)")
        return (decoded.filter { $0.event != "released" }, String(decoding: result.error, as: UTF8.self))
    }

    static let qr = "https://termine.musterstadt.invalid/checkin?vorgang=4711-0815&key=Xy9Qa7bC2dE5fG8h"
    static let honeywell = "honeywell-voyager-1450g"

    @Test func aQRCodeAndAnEANOverHIDPOS() throws {
        guard let (events, log) = try Self.run(fixture: "hid-pos", traffic: "qr-and-ean.ioctl", model: Self.honeywell, events: 3)
        else { return }
        // The catalog asks for feature report FE 01; the script accepts exactly that control transfer.
        #expect(log.contains("Scanner enable command sent"), "\(log)")
        #expect(!log.contains(Self.qr), "scanned data reached the log")
        #expect(events == [
            Event(event: "attached", device: Self.honeywell),
            Event(event: "scanned", symbology: "qr", text: Self.qr),
            Event(event: "scanned", symbology: "ean", text: "4006381333931"),
        ])
    }

    @Test func unpluggedMidScanDetachesAndComesBack() throws {
        guard let events = try Self.probe(fixture: "hid-pos", traffic: "unplug.ioctl", model: Self.honeywell, events: 5) else { return }
        // The half-read QR code is forgotten with the unplug: after the replug the EAN decodes on its own.
        #expect(events == [
            Event(event: "attached", device: Self.honeywell),
            Event(event: "scanned", symbology: "ean", text: "4006381333931"),
            Event(event: "detached", device: Self.honeywell),
            Event(event: "attached", device: Self.honeywell),
            Event(event: "scanned", symbology: "ean", text: "4006381333931"),
        ])
    }

    @Test func truncatedAndGarbledReportsAreUnreadableThenAScanDecodes() throws {
        guard let events = try Self.probe(fixture: "hid-pos", traffic: "broken-reports.ioctl", model: Self.honeywell, events: 5)
        else { return }
        #expect(events.map(\.event) == ["attached", "unreadable", "unreadable", "unreadable", "scanned"])
        #expect(events[1].en?.contains("not read completely") == true)
        #expect(events[2].en?.contains("could not be read") == true)
        #expect(events[4] == Event(event: "scanned", symbology: "qr", text: Self.qr))
    }

    @Test func aGermanKeyboardWedgeScanWithUmlautsAndAltGr() throws {
        let zebra = "zebra-ds2208"
        guard let (events, log) = try Self.run(fixture: "keyboard-wedge", traffic: "german-scan.ioctl", model: zebra, events: 4)
        else { return }
        #expect(!log.contains("enable command"), "a keyboard-wedge entry has no enable command")
        #expect(events == [
            Event(event: "attached", device: zebra),
            Event(event: "scanned", symbology: "unknown", text: "Müller-Straße 7 Öl Äpfel @€{[]}\\~| zY"),
            Event(event: "unreadable", device: zebra, en: "A character of the code is unknown. Please scan it again or ask the staff."),
            Event(event: "scanned", symbology: "unknown", text: "aa"),
        ])
    }
}

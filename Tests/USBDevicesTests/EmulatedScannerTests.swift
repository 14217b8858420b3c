import Devices
import Foundation
import KioskCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(.timeLimit(.minutes(1))) struct EmulatedScannerTests {
    @Test func linesFromTheFIFOBecomeScansAndPlugEvents() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(UUID().uuidString)").path
        defer { unlink(path) }
        let scanner = try EmulatedScanner(fifo: path, device: "demo")
        #expect(FileManager.default.fileExists(atPath: path))
        try ScannerScript.send("]Q1https://example.invalid/a", to: path)
        try ScannerScript.send(ScannerScript.unplug, to: path)
        try ScannerScript.send(ScannerScript.replug, to: path)
        try ScannerScript.send("Müller", to: path)
        try ScannerScript.send("]E04006381333931", to: path)
        var events: [ScannerEvent] = []
        for await event in scanner.events() {
            events.append(event)
            if events.count == 6 { break }
        }
        scanner.shutdown()
        #expect(events == [
            .attached(device: "demo"),
            .scanned(ScannedCode(symbology: .qrCode, data: Array("https://example.invalid/a".utf8))),
            .detached(device: "demo"),
            .attached(device: "demo"),
            .scanned(ScannedCode(symbology: .unknown, data: Array("Müller".utf8))),
            .scanned(ScannedCode(symbology: .ean, data: Array("4006381333931".utf8))),
        ])
    }

    @Test func sendingWithoutAReaderFails() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(UUID().uuidString)").path
        defer { unlink(path) }
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: EmulatedScanner.SetupError.self) { try ScannerScript.send("x", to: path, timeout: .milliseconds(100)) }
    }
}

// Opens one catalog scanner with the real USB driver and prints its events as JSON lines on stdout, so tests can
// run it under umockdev-run (which works by LD_PRELOAD and so needs a process of its own).
// Usage: usb-scanner-probe --catalog DIR --model ID --events N [--timeout SECONDS]
// Exits 0 after N events (having shut the driver down), 3 when they did not come in time, 2 on a setup error.
import Devices
import Foundation
import KioskCore
import KioskTesting
import Logging
import USBDevices

guard let catalogPath = DeviceProbe.option("--catalog"), let modelID = DeviceProbe.option("--model"), let wanted = DeviceProbe.option("--events").flatMap(Int.init) else {
    FileHandle.standardError.write(Data("usage: usb-scanner-probe --catalog DIR --model ID --events N [--timeout S]\n".utf8))
    exit(2)
}
let timeout = DeviceProbe.option("--timeout").flatMap(Double.init) ?? 20

DeviceProbe.bootstrapLogging()

let line = DeviceProbe.line

let driver: USBScannerDriver
do {
    let catalog = try DeviceCatalog.load(directory: URL(fileURLWithPath: catalogPath))
    driver = try ScannerFactory.make(catalog: catalog, model: modelID, logger: Logger(label: "usb-scanner-probe"))
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

DeviceProbe.startDeadline(seconds: timeout)

var count = 0
for await event in driver.events() {
    switch event {
    case .attached(let device): line(["event": "attached", "device": device])
    case .detached(let device): line(["event": "detached", "device": device])
    case .scanned(let code):
        line(["event": "scanned", "symbology": code.symbology.rawValue, "text": code.text, "hex": code.data.map { String(format: "%02x", $0) }.joined()])
    case .unreadable(let device, let problem):
        line(["event": "unreadable", "device": device, "de": problem[.german], "en": problem[.english]])
    }
    count += 1
    if count >= wanted { break }
}
driver.shutdown()
line(["event": "released"])
exit(0)

// Opens one catalog signature pad with the real USB driver, runs one capture with the standard prompt (amount
// 12,50 €) and prints its events as JSON lines on stdout, so tests can run it under umockdev-run (which works by
// LD_PRELOAD and so needs a process of its own). Points are printed as x,y,pressure,time: test data only.
// Usage: usb-signature-probe --catalog DIR --model ID [--timeout SECONDS]
// Exits 0 when the capture's stream ended (having shut the driver down), 3 on timeout, 2 on a setup error,
// 4 when the capture could not start.
import Devices
import Foundation
import KioskCore
import KioskTesting
import Logging
import Printing
import USBDevices

guard let catalogPath = DeviceProbe.option("--catalog"), let modelID = DeviceProbe.option("--model") else {
    FileHandle.standardError.write(Data("usage: usb-signature-probe --catalog DIR --model ID [--timeout S]\n".utf8))
    exit(2)
}
let timeout = DeviceProbe.option("--timeout").flatMap(Double.init) ?? 20

DeviceProbe.bootstrapLogging()

let line = DeviceProbe.line

let driver: WacomSTUDriver
do {
    let catalog = try DeviceCatalog.load(directory: URL(fileURLWithPath: catalogPath))
    guard let model = catalog.models[modelID] else { throw SignatureCaptureError.notConnected }
    driver = try WacomSTUDriver.open(model: model, logger: Logger(label: "usb-signature-probe")) { prompt, layout in
        SignaturePromptImage.render(prompt, layout: layout)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

DeviceProbe.startDeadline(seconds: timeout)

let stream: AsyncStream<SignatureEvent>
do {
    stream = try await driver.begin(SignaturePrompt(amount: Money(cents: 1250)))
} catch {
    line(["event": "refused", "en": error.problem[.english]])
    driver.shutdown()
    exit(4)
}
for await event in stream {
    switch event {
    case .point(let sample): line(["event": "point", "sample": [sample.x, sample.y, sample.pressure, sample.time]])
    case .strokeEnded: line(["event": "strokeEnded"])
    case .droppedReports(let count): line(["event": "dropped", "count": count])
    case .confirmed(let signature):
        line(["event": "confirmed", "strokes": signature.strokes.count, "samples": signature.sampleCount, "dropped": signature.droppedReports,
              "screen": [signature.layout.screenWidth, signature.layout.screenHeight]])
    case .cancelled: line(["event": "cancelled"])
    case .detached(let device): line(["event": "detached", "device": device])
    }
}
driver.shutdown()
line(["event": "released"])
exit(0)

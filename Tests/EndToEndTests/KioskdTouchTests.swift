import ChildProcess
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskTesting
import KioskUI
import KioskUIPixels
import Logging
import PNG
import Printing
import Testing

/// kioskd on the pixel renderer off-screen, a touch panel emulated by umockdev replaying an evemu script on
/// /dev/input/event5: a tap on a service's button issues its ticket through the real session, and
/// `kioskctl screenshot` fetches the running kiosk's frame. Skipped without umockdev-run.
@Suite(.serialized, .timeLimit(.minutes(3))) struct KioskdTouchTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    static let demoTime = "2026-11-23T09:00"

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-run") && BuiltProducts.executable("kioskd") != nil
            && BuiltProducts.executable("kioskctl") != nil
    }

    /// The touch panel of this suite: its raw range is the screen's pixels.
    static let touchPanel = """
        touch:
          device: /dev/input/event5
          calibration: {minX: 0, maxX: 1080, minY: 0, maxY: 1920}

        """

    /// The example terminal, standalone (it grants its own numbers, so the tap needs no central service), showing
    /// off-screen in portrait, with `inputs` (terminal.yaml sections for touch, keypad, headphones) appended.
    static func configuration(in state: URL, inputs: String = touchPanel) throws -> URL {
        let example = repository.appendingPathComponent("Kiosk/example")
        var yaml = try String(contentsOf: example.appendingPathComponent("terminal.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "catalog: services.yaml", with: "catalog: \(example.path)/services.yaml\n  texts: \(repository.path)/Kiosk/texts")
            .replacingOccurrences(of: "codes: codes.yaml", with: "codes: \(example.path)/codes.yaml")
            .replacingOccurrences(of: "../../.demo-state/", with: "\(state.path)/")
            .replacingOccurrences(of: "devices: ../../Devices", with: "devices: \(repository.path)/Devices")
        // Without central: cut the section from "central:" to the next top-level key.
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var inCentral = false
        for line in lines {
            if line.hasPrefix("central:") { inCentral = true; continue }
            if inCentral, let first = line.first, first != " ", first != "#" { inCentral = false }
            if !inCentral { kept.append(line) }
        }
        yaml = kept.joined(separator: "\n") + """

            display:
              kind: offscreen
              orientation: portrait
              output: \(state.path)/screen.png
              dpi: 102

            """ + inputs
        let url = state.appendingPathComponent("terminal.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The home screen as kioskd will draw it, from a session of the same configuration on a scratch database.
    static func homeLayout(configuration: URL, scratch: URL) async throws -> (Screen, PixelLayout, PixelSurface) {
        var loaded = try SiteLoader.load(configuration: configuration)
        loaded.databaseURL = scratch.appendingPathComponent("kiosk.sqlite")
        let store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        let printer = EmulatedTicketPrinter(output: scratch.appendingPathComponent("printer.bin"), profile: loaded.printerProfile)
        let calendar = loaded.settings.catalog.site.calendar
        let now = try #require(DemoClock.parse(demoTime, calendar: calendar))
        let session = KioskSession(settings: loaded.settings, store: store, printer: printer, logger: Logger(label: "test"), now: { now })
        let screen = await session.screen()
        let renderer = PixelRenderer(options: .portrait, fonts: try FontLibrary())
        renderer.render(screen)
        return (screen, renderer.layout(screen), renderer.surface)
    }

    static func evemu(tapAt x: Int, _ y: Int, after seconds: Double) -> String {
        let down = String(format: "%.6f", seconds)
        let up = String(format: "%.6f", seconds + 0.08)
        return """
            # EVEMU 1.3
            # A finger on the panel (multitouch protocol B), lifted 80 ms later.
            E: 0.000000 0000 0000 0
            E: \(down) 0003 002f 0
            E: \(down) 0003 0039 42
            E: \(down) 0003 0035 \(x)
            E: \(down) 0003 0036 \(y)
            E: \(down) 0001 014a 1
            E: \(down) 0000 0000 0
            E: \(up) 0003 0039 -1
            E: \(up) 0001 014a 0
            E: \(up) 0000 0000 0

            """
    }

    @Test func aTapOnAServiceIssuesItsTicketAndTheScreenshotShowsIt() async throws {
        try #require(Self.available, "umockdev-run, kioskd and kioskctl are needed (swift build; apt-get install umockdev)")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-touch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state.appendingPathComponent("scratch"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let configuration = try Self.configuration(in: state)
        let (home, layout, homeFrame) = try await Self.homeLayout(configuration: configuration, scratch: state.appendingPathComponent("scratch"))
        let index = try #require(home.options.firstIndex { $0.label == "Meldebescheinigung" && $0.enabled })
        let button = layout.optionTargets[index]
        try Self.evemu(tapAt: button.x + button.width / 2, button.y + button.height / 2, after: 4)
            .write(to: state.appendingPathComponent("tap.evemu"), atomically: true, encoding: .utf8)
        try """
            P: /devices/virtual/input/input5/event5
            N: input/event5
            E: DEVNAME=/dev/input/event5
            E: MAJOR=13
            E: MINOR=69
            E: SUBSYSTEM=input
            E: ID_INPUT=1
            E: ID_INPUT_TOUCHSCREEN=1
            A: dev=13:69

            """.write(to: state.appendingPathComponent("touch.umockdev"), atomically: true, encoding: .utf8)

        let kioskd = try ChildProcess(
            "/usr/bin/umockdev-run",
            [
                "-d", state.appendingPathComponent("touch.umockdev").path,
                "-e", "/dev/input/event5=\(state.appendingPathComponent("tap.evemu").path)", "--",
                try #require(BuiltProducts.executable("kioskd")).path, "--config", configuration.path, "--demo-time", Self.demoTime,
            ], error: .file(state.appendingPathComponent("kioskd.stderr").path))
        defer { _ = kioskd.terminate() }
        let printed = state.appendingPathComponent("printer.bin")
        let ready = kioskd.waitUntilReady(within: .seconds(60)) {
            ((try? FileManager.default.attributesOfItem(atPath: printed.path)[.size] as? Int) ?? 0) > 0
        }
        let log = (try? String(contentsOf: state.appendingPathComponent("kioskd.log"), encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: state.appendingPathComponent("kioskd.stderr"), encoding: .utf8)) ?? ""
        try #require(ready == .ready, "no ticket printed after the tap (\(ready)); log:\n\(log)\nstderr:\n\(stderr)")
        #expect(log.contains("Ticket issued"))
        #expect(log.contains("kiosk.service=meldebescheinigung"))

        // The screenshot: the running kiosk's frame, the ticket screen, the same pixels as the off-screen file.
        let shot = state.appendingPathComponent("shot.png")
        var frame: PixelSurface?
        for _ in 0..<50 {
            let result = try ChildProcess.run(
                try #require(BuiltProducts.executable("kioskctl")).path, ["screenshot", "--config", configuration.path, shot.path],
                timeout: .seconds(30))
            if result.termination.succeeded, let data = try? Data(contentsOf: shot) {
                let image = PixelSurface(png: try PNGDecoder.decode([UInt8](data)))
                let offscreen = try? PNGDecoder.decode([UInt8](Data(contentsOf: state.appendingPathComponent("screen.png"))))
                if let offscreen, PixelSurface(png: offscreen) == image, image != PixelSurface(width: 1080, height: 1920, color: image[0, 0]) {
                    frame = image
                    if Self.differing(image, homeFrame) > 5000 { break }
                }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        let image = try #require(frame, "kioskctl screenshot gave no frame equal to the off-screen output")
        #expect(image.width == 1080 && image.height == 1920)
        // Home in the first frame (kioskd drew it as this test laid it out), something else after the tap.
        #expect(Self.differing(image, homeFrame) > 5000, "the screenshot shows the ticket screen, not home")
    }

    /// Pixels that differ between two frames of the same size.
    static func differing(_ a: PixelSurface, _ b: PixelSurface) -> Int {
        zip(a.pixels, b.pixels).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
    }
}

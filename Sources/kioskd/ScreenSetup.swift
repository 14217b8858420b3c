import Foundation
import KioskApp
import KioskCore
import KioskUI
import KioskUIPixels
import Logging

/// Builds the screen output and its inputs from `display:`, `touch:`, `keypad:` and `headphones:`: the terminal
/// renderer on the terminal, or the pixel renderer on a framebuffer or writing PNG frames, with evdev keys, touch
/// and the headphone jack's switch.
struct ScreenSetup {
    /// Where screens go.
    let output: any ScreenOutput
    /// Keys and taps.
    let sources: [ScreenInputSource]
    /// The terminal, when kioskd took one over (for keys, and to restore on exit).
    let terminal: TerminalSession?
    /// The pixel output, when the display is one (screenshots come from its frame).
    let pixels: PixelScreenOutput?
    /// Evdev readers to stop on shutdown.
    let devices: [EvdevDevice]

    /// The pixel size for a configuration without a framebuffer to ask.
    static func options(for display: DisplaySettings) -> PixelRendererOptions {
        var options: PixelRendererOptions = display.orientation == .portrait ? .portrait : .landscape
        options.dotsPerInch = display.dotsPerInch
        return options
    }

    static func make(loaded: SiteLoader.Loaded, logger: Logger) throws -> ScreenSetup {
        let configuration = loaded.settings.configuration
        let display = configuration.display
        var sources: [ScreenInputSource] = []
        var devices: [EvdevDevice] = []
        var terminal: TerminalSession?
        let output: any ScreenOutput
        var pixels: PixelScreenOutput?
        var options = options(for: display)
        switch display.kind {
        case .terminal:
            let session = try TerminalSession()
            terminal = session
            output = session
            sources.append(ScreenInputSource(TerminalKiosk.inputs(of: session), endsLoop: true))
        case .framebuffer, .drm, .offscreen:
            if display.kind != .offscreen {
                // The device's own size decides the layout; it is opened once more by the output on its first
                // frame, so that this probe holds no mapping (a DRM probe puts the previous mode back on closing).
                let probe: any PixelDisplay = display.kind == .drm ? try DRMDisplay(path: display.device) : try LinuxFramebuffer(path: display.device)
                options.width = probe.width
                options.height = probe.height
            }
            let device = display.device
            let path = loaded.displayOutputURL?.path ?? "screen.png"
            let (width, height, kind) = (options.width, options.height, display.kind)
            let output = PixelScreenOutput(
                options: options,
                openDisplay: { () throws -> (any PixelDisplay)? in
                    if kind == .framebuffer { return try LinuxFramebuffer(path: device) }
                    if kind == .drm { return try DRMDisplay(path: device) }
                    return OffscreenDisplay(width: width, height: height, path: path)
                },
                onProblem: { problem in logger.error("Display failed", metadata: ["kiosk.display.error": "\(problem)"]) })
            pixels = output
            // Started from a terminal (the demo), its keys drive the kiosk too; under systemd there is none.
            if isatty(0) == 1, isatty(1) == 1, let session = try? TerminalSession() {
                terminal = session
                session.showMessage(Self.banner(display: display, path: path))
                sources.append(ScreenInputSource(TerminalKiosk.inputs(of: session), endsLoop: true))
            }
            if let touch = configuration.touch {
                let calibration = TouchCalibration(
                    minX: Int32(touch.minX), maxX: Int32(touch.maxX), minY: Int32(touch.minY), maxY: Int32(touch.maxY),
                    rotation: TouchCalibration.Rotation(rawValue: touch.rotation) ?? .none, matrix: touch.matrix)
                let reader = EvdevDevice(
                    path: touch.device, touch: TouchTracker(calibration: calibration, width: options.width, height: options.height))
                devices.append(reader)
                sources.append(ScreenInputSource(Self.inputs(of: reader, logger: logger)))
            }
            return ScreenSetup(
                output: output, sources: sources + keypads(configuration, logger: logger, devices: &devices), terminal: terminal,
                pixels: pixels, devices: devices)
        }
        return ScreenSetup(
            output: output, sources: sources + keypads(configuration, logger: logger, devices: &devices), terminal: terminal,
            pixels: pixels, devices: devices)
    }

    /// The keypads' readers and the headphone jack's (`headphones:`), which works with any display.
    static func keypads(_ configuration: TerminalConfiguration, logger: Logger, devices: inout [EvdevDevice]) -> [ScreenInputSource] {
        var readers = configuration.keypads.map { EvdevDevice(path: $0) }
        // The jack's node may be a keypad's too (keypads with a headphone socket): then one reader does both.
        if let jack = configuration.headphoneJack {
            readers.removeAll { $0.path == jack }
            readers.append(EvdevDevice(path: jack, headphoneJack: true))
        }
        devices += readers
        return readers.map { ScreenInputSource(inputs(of: $0, logger: logger)) }
    }

    /// The reader's keys and taps; an unavailable node is logged (once per cause) and retried by the reader.
    static func inputs(of device: EvdevDevice, logger: Logger) -> AsyncStream<ScreenInput> {
        let (stream, continuation) = AsyncStream.makeStream(of: ScreenInput.self)
        let path = device.path
        let task = Task {
            for await input in device.inputs() {
                switch input {
                case .key(let key): continuation.yield(.key(key))
                case .tap(let x, let y): continuation.yield(.tap(x: x, y: y))
                case .headphones(let plugged): continuation.yield(.headphones(plugged: plugged))
                case .unavailable(let code):
                    logger.warning("Input device unavailable", metadata: ["kiosk.input.device": "\(path)", "kiosk.errno": "\(code)"])
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    static func banner(display: DisplaySettings, path: String) -> String {
        let target = display.kind == .offscreen ? path : display.device
        return """
            kioskd zeigt auf der Pixel-Anzeige: \(target). Tasten wirken hier; Strg-C beendet.
            kioskd shows on the pixel display: \(target). Keys work here; Ctrl-C quits.
            """
    }
}

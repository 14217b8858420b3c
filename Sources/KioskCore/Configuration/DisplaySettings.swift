import Yams

/// Where kioskd shows its screens (`display:` in terminal.yaml).
public struct DisplaySettings: Hashable, Sendable {
    /// Which renderer and output.
    public enum Kind: String, Hashable, Sendable {
        /// The terminal renderer in the terminal kioskd was started in (the default).
        case terminal
        /// The pixel renderer on a Linux framebuffer device.
        case framebuffer
        /// The pixel renderer on a DRM/KMS device (`/dev/dri/cardN`) through a dumb buffer, for graphics drivers
        /// that offer modesetting but no fbdev.
        case drm
        /// The pixel renderer writing every frame to a PNG file, for machines without a framebuffer.
        case offscreen
    }

    /// How the screen stands: the pixel layout's size when there is no framebuffer to ask.
    public enum Orientation: String, Hashable, Sendable {
        /// 1080×1920, a stele.
        case portrait
        /// 1920×1080, a desk or wall terminal.
        case landscape
    }

    /// Which renderer and output.
    public var kind: Kind = .terminal
    /// The framebuffer device (kind framebuffer; kind drm defaults to /dev/dri/card0).
    public var device: String = "/dev/fb0"
    /// Portrait or landscape (kind offscreen; a framebuffer reports its own size).
    public var orientation: Orientation = .portrait
    /// The PNG file (kind offscreen), as written (relative to the configuration file).
    public var output: String = "screen.png"
    /// The panel's pixel density; touch targets of 20 mm are sized from it.
    public var dotsPerInch: Double = 102

    /// Creates the default: the terminal.
    public init() {}
}

/// A touch panel (`touch:` in terminal.yaml): its evdev node and how its coordinates map to the screen.
public struct TouchSettings: Hashable, Sendable {
    /// The evdev node, e.g. /dev/input/event5 or a udev symlink under /dev/input/by-id.
    public var device: String
    /// Quarter turns of the panel against the screen, clockwise: 0, 90, 180 or 270.
    public var rotation: Int = 0
    /// Raw coordinate range the panel reports (`calibration: {minX, maxX, minY, maxY}`).
    public var minX: Int = 0
    /// Raw X at the right edge.
    public var maxX: Int = 32767
    /// Raw Y at the top edge.
    public var minY: Int = 0
    /// Raw Y at the bottom edge.
    public var maxY: Int = 32767
    /// libinput-style affine matrix a b c d e f on coordinates scaled to 0...1; replaces the rotation when set.
    public var matrix: [Double]?

    /// Creates settings for a device with the default range and no rotation.
    public init(device: String) { self.device = device }
}

extension TerminalConfiguration {
    /// Reads `display:`, `touch:`, `keypad:` and `headphones:`; absent sections keep the defaults (terminal, no
    /// touch, no keypad, no jack).
    static func parseScreen(
        _ top: Node.Mapping, parser: YAMLReader
    ) throws(CatalogError) -> (display: DisplaySettings, touch: TouchSettings?, keypads: [String], headphoneJack: String?) {
        var display = DisplaySettings()
        if let node = top["display"] {
            let map = try parser.mapping(node, "display")
            if let kindNode = map["kind"] {
                let value = try parser.string(kindNode, "display.kind")
                guard let kind = DisplaySettings.Kind(rawValue: value) else {
                    throw parser.fail(
                        kindNode, de: "display.kind: terminal, framebuffer, drm oder offscreen.",
                        en: "display.kind: terminal, framebuffer, drm or offscreen.")
                }
                display.kind = kind
                if kind == .drm { display.device = "/dev/dri/card0" }
            }
            if let orientationNode = map["orientation"] {
                let value = try parser.string(orientationNode, "display.orientation")
                guard let orientation = DisplaySettings.Orientation(rawValue: value) else {
                    throw parser.fail(
                        orientationNode, de: "display.orientation: portrait oder landscape.",
                        en: "display.orientation: portrait or landscape.")
                }
                display.orientation = orientation
            }
            if let deviceNode = map["device"] { display.device = try parser.string(deviceNode, "display.device") }
            if let outputNode = map["output"] { display.output = try parser.string(outputNode, "display.output") }
            if let dpiNode = map["dpi"] { display.dotsPerInch = Double(try parser.integer(dpiNode, "display.dpi", range: 40...600)) }
        }
        var touch: TouchSettings?
        if let node = top["touch"] {
            let map = try parser.mapping(node, "touch")
            var settings = TouchSettings(device: try parser.string(try parser.required(map, "device", in: node, "touch"), "touch.device"))
            if let rotationNode = map["rotation"] {
                let rotation = try parser.integer(rotationNode, "touch.rotation", range: 0...270)
                guard rotation % 90 == 0 else {
                    throw parser.fail(rotationNode, de: "touch.rotation: 0, 90, 180 oder 270.", en: "touch.rotation: 0, 90, 180 or 270.")
                }
                settings.rotation = rotation
            }
            if let calibrationNode = map["calibration"] {
                let calibration = try parser.mapping(calibrationNode, "touch.calibration")
                func bound(_ key: String, _ value: Int) throws(CatalogError) -> Int {
                    guard let node = calibration[key] else { return value }
                    return try parser.integer(node, "touch.calibration.\(key)", range: -1_000_000...1_000_000)
                }
                settings.minX = try bound("minX", settings.minX)
                settings.maxX = try bound("maxX", settings.maxX)
                settings.minY = try bound("minY", settings.minY)
                settings.maxY = try bound("maxY", settings.maxY)
                guard settings.maxX > settings.minX, settings.maxY > settings.minY else {
                    throw parser.fail(
                        calibrationNode, de: "touch.calibration: maxX/maxY müssen größer als minX/minY sein.",
                        en: "touch.calibration: maxX/maxY must be greater than minX/minY.")
                }
                if let matrixNode = calibration["matrix"] {
                    var numbers: [Double] = []
                    for item in try parser.sequence(matrixNode, "touch.calibration.matrix") {
                        guard let number = item.scalar.flatMap({ Double($0.string) }) else {
                            throw parser.fail(item, de: "touch.calibration.matrix: nur Zahlen.", en: "touch.calibration.matrix: numbers only.")
                        }
                        numbers.append(number)
                    }
                    guard numbers.count == 6 else {
                        throw parser.fail(
                            matrixNode, de: "touch.calibration.matrix braucht sechs Zahlen (a b c d e f).",
                            en: "touch.calibration.matrix needs six numbers (a b c d e f).")
                    }
                    settings.matrix = numbers
                }
            }
            touch = settings
        }
        var keypads: [String] = []
        if let node = top["keypad"] {
            let map = try parser.mapping(node, "keypad")
            if let deviceNode = map["device"] { keypads.append(try parser.string(deviceNode, "keypad.device")) }
            if let devicesNode = map["devices"] {
                for item in try parser.sequence(devicesNode, "keypad.devices") { keypads.append(try parser.string(item, "keypad.devices")) }
            }
        }
        var headphoneJack: String?
        if let node = top["headphones"] {
            let map = try parser.mapping(node, "headphones")
            headphoneJack = try parser.string(try parser.required(map, "device", in: node, "headphones"), "headphones.device")
        }
        return (display, touch, keypads, headphoneJack)
    }
}

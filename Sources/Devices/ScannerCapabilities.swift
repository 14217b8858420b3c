import KioskCore
import Yams

/// How a scanner model talks to the terminal, as its catalog entry says; the scanner factory picks the driver
/// from this, never from the model's name.
public struct ScannerCapabilities: Hashable, Sendable {
    /// The USB interface mode the scanner is configured for.
    public enum Mode: String, Hashable, Sendable {
        /// HID Point of Sale (usage page 8C): whole codes with their AIM id in vendor reports.
        case hidPOS = "hid-pos"
        /// HID boot keyboard: the code arrives as key presses, ended by Enter.
        case keyboardWedge = "keyboard-wedge"
    }

    /// The keyboard layout a keyboard-wedge scanner is set to; it decides which key means which character.
    public enum KeyboardLayout: String, Hashable, Sendable {
        /// German QWERTZ (Y/Z swapped, umlauts, AltGr characters).
        case german = "de-DE"
        /// US English QWERTY.
        case usEnglish = "en-US"
    }

    /// Interface mode.
    public var mode: Mode
    /// Keyboard layout; set exactly for keyboard-wedge scanners.
    public var layout: KeyboardLayout?
    /// A HID feature report to send after claiming (e.g. FE 01 enables HID POS on Honeywell); nil sends nothing.
    public var enableCommand: [UInt8]?
    /// USB interface number to claim.
    public var interface: Int
    /// Interrupt-IN endpoint address the reports arrive on (with the IN bit, e.g. 0x81).
    public var endpoint: UInt8

    /// Scanner capabilities.
    public init(
        mode: Mode, layout: KeyboardLayout? = nil, enableCommand: [UInt8]? = nil, interface: Int = 0,
        endpoint: UInt8 = 0x81
    ) {
        self.mode = mode
        self.layout = layout
        self.enableCommand = enableCommand
        self.interface = interface
        self.endpoint = endpoint
    }

    /// Reads the `scanner:` section of a catalog entry; errors name the line.
    static func parse(_ node: Node, _ parser: YAMLReader) throws(CatalogError) -> ScannerCapabilities {
        let map = try parser.mapping(node, "scanner")
        let modeNode = try parser.required(map, "mode", in: node, "scanner")
        let modeText = try parser.string(modeNode, "scanner.mode")
        guard let mode = Mode(rawValue: modeText) else {
            throw parser.fail(
                modeNode, de: "scanner.mode: hid-pos oder keyboard-wedge, nicht '\(modeText)'.",
                en: "scanner.mode: hid-pos or keyboard-wedge, not '\(modeText)'.")
        }
        var layout: KeyboardLayout?
        if let layoutNode = map["layout"] {
            let text = try parser.string(layoutNode, "scanner.layout")
            guard let value = KeyboardLayout(rawValue: text) else {
                throw parser.fail(
                    layoutNode, de: "scanner.layout: de-DE oder en-US, nicht '\(text)'.",
                    en: "scanner.layout: de-DE or en-US, not '\(text)'.")
            }
            guard mode == .keyboardWedge else {
                throw parser.fail(
                    layoutNode, de: "scanner.layout gilt nur für keyboard-wedge.", en: "scanner.layout applies to keyboard-wedge only.")
            }
            layout = value
        } else if mode == .keyboardWedge {
            // The layout decides every character; guessing it would turn Y into Z on half the terminals.
            throw parser.fail(
                modeNode, de: "keyboard-wedge braucht scanner.layout (de-DE oder en-US).",
                en: "keyboard-wedge needs scanner.layout (de-DE or en-US).")
        }
        var enableCommand: [UInt8]?
        if let commandNode = map["enableCommand"] {
            let text = try parser.string(commandNode, "scanner.enableCommand")
            guard let bytes = hexBytes(text) else {
                throw parser.fail(
                    commandNode, de: "scanner.enableCommand: Hex-Bytes, z. B. fe01.", en: "scanner.enableCommand: hex bytes, e.g. fe01.")
            }
            guard mode == .hidPOS else {
                throw parser.fail(
                    commandNode, de: "scanner.enableCommand gilt nur für hid-pos.", en: "scanner.enableCommand applies to hid-pos only.")
            }
            enableCommand = bytes
        }
        var interface = 0
        if let interfaceNode = map["interface"] {
            interface = try parser.integer(interfaceNode, "scanner.interface", range: 0...31)
        }
        var endpoint: UInt8 = 0x81
        if let endpointNode = map["endpoint"] {
            let text = try parser.string(endpointNode, "scanner.endpoint")
            guard let bytes = hexBytes(text), bytes.count == 1, bytes[0] & 0x80 != 0 else {
                throw parser.fail(
                    endpointNode, de: "scanner.endpoint: ein IN-Endpunkt in Hex, z. B. \"81\".",
                    en: "scanner.endpoint: an IN endpoint in hex, e.g. \"81\".")
            }
            endpoint = bytes[0]
        }
        return ScannerCapabilities(
            mode: mode, layout: layout, enableCommand: enableCommand, interface: interface, endpoint: endpoint)
    }

    /// "fe01" → [0xFE, 0x01]; nil for odd lengths, non-hex digits or nothing.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.lowercased())
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = digits[index].hexDigitValue, let low = digits[index + 1].hexDigitValue else { return nil }
            bytes.append(UInt8(high << 4 | low))
        }
        return bytes
    }
}

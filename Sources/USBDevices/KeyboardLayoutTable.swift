package import Devices

/// Which character each HID keyboard usage gives in one layout, plain, with Shift and with AltGr.
///
/// A keyboard-wedge scanner sends key positions, not characters; the layout the scanner is set to decides what
/// they mean. The tables are explicit so the host's keymap never matters.
package struct KeyboardLayoutTable: Sendable {
    private var plain = [Unicode.Scalar?](repeating: nil, count: 256)
    private var shifted = [Unicode.Scalar?](repeating: nil, count: 256)
    private var altGr = [Unicode.Scalar?](repeating: nil, count: 256)

    /// The character of `usage` with the boot-report modifier byte `modifiers`; nil when the layout has none
    /// (an unknown key, or Ctrl / Alt / GUI combinations a scanner does not send for printable characters).
    package func character(usage: UInt8, modifiers: UInt8) -> Unicode.Scalar? {
        // Bit 6 is right Alt (AltGr); Ctrl+Alt on the left is the same on German layouts.
        let isAltGr = modifiers & 0x40 != 0 || modifiers & 0x05 == 0x05
        if isAltGr { return altGr[Int(usage)] }
        // Ctrl, left Alt or GUI alone make no printable character.
        guard modifiers & 0x9D == 0 else { return nil }
        let isShift = modifiers & 0x22 != 0
        return isShift ? shifted[Int(usage)] : plain[Int(usage)]
    }

    /// The table for a catalog layout.
    package static func table(for layout: ScannerCapabilities.KeyboardLayout) -> KeyboardLayoutTable {
        switch layout {
        case .german: german
        case .usEnglish: usEnglish
        }
    }

    /// Usage of the Enter key (keyboard and keypad): it ends a scan.
    package static func isEnter(_ usage: UInt8) -> Bool { usage == 0x28 || usage == 0x58 }

    private mutating func set(_ usage: UInt8, _ plainText: String, _ shiftedText: String? = nil, altGr altGrText: String? = nil) {
        plain[Int(usage)] = plainText.unicodeScalars.first
        if let shiftedText { shifted[Int(usage)] = shiftedText.unicodeScalars.first }
        if let altGrText { altGr[Int(usage)] = altGrText.unicodeScalars.first }
    }

    /// Keys that are the same on both layouts: letters (apart from Y/Z), digits, space, tab, keypad.
    private static var common: KeyboardLayoutTable {
        var table = KeyboardLayoutTable()
        for (offset, letter) in "abcdefghijklmnopqrstuvwxyz".enumerated() {
            table.set(0x04 + UInt8(offset), String(letter), letter.uppercased())
        }
        for (offset, digit) in "1234567890".enumerated() { table.set(0x1E + UInt8(offset), String(digit)) }
        table.set(0x2C, " ", " ")
        table.set(0x2B, "\t", "\t")
        for (usage, text) in [(0x54, "/"), (0x55, "*"), (0x56, "-"), (0x57, "+")] as [(UInt8, String)] {
            table.set(usage, text, text)
        }
        for (offset, digit) in "1234567890".enumerated() { table.set(0x59 + UInt8(offset), String(digit), String(digit)) }
        return table
    }

    /// US English (QWERTY).
    package static let usEnglish: KeyboardLayoutTable = {
        var table = common
        for (offset, symbol) in "!@#$%^&*()".enumerated() { table.shifted[0x1E + offset] = symbol.unicodeScalars.first }
        let rows: [(UInt8, String, String)] = [
            (0x2D, "-", "_"), (0x2E, "=", "+"), (0x2F, "[", "{"), (0x30, "]", "}"), (0x31, "\\", "|"),
            (0x33, ";", ":"), (0x34, "'", "\""), (0x35, "`", "~"), (0x36, ",", "<"), (0x37, ".", ">"), (0x38, "/", "?"),
        ]
        for (usage, plain, shifted) in rows { table.set(usage, plain, shifted) }
        table.set(0x63, ".", ".")
        return table
    }()

    /// German (QWERTZ): Y and Z swapped, umlauts and ß on their own keys, AltGr for @ € { [ ] } \ ~ | µ ² ³.
    package static let german: KeyboardLayoutTable = {
        var table = common
        table.set(0x1C, "z", "Z")
        table.set(0x1D, "y", "Y")
        for (offset, symbol) in "!\"§$%&/()=".enumerated() { table.shifted[0x1E + offset] = symbol.unicodeScalars.first }
        let altGrDigits: [(UInt8, String)] = [(0x1F, "²"), (0x20, "³"), (0x24, "{"), (0x25, "["), (0x26, "]"), (0x27, "}")]
        for (usage, symbol) in altGrDigits { table.altGr[Int(usage)] = symbol.unicodeScalars.first }
        table.set(0x2D, "ß", "?", altGr: "\\")
        table.set(0x2E, "´", "`")
        table.set(0x2F, "ü", "Ü")
        table.set(0x30, "+", "*", altGr: "~")
        // Non-US # (0x32) is where ISO keyboards have # and '; some scanners send 0x31 for it.
        table.set(0x31, "#", "'")
        table.set(0x32, "#", "'")
        table.set(0x33, "ö", "Ö")
        table.set(0x34, "ä", "Ä")
        table.set(0x35, "^", "°")
        table.set(0x36, ",", ";")
        table.set(0x37, ".", ":")
        table.set(0x38, "-", "_")
        table.set(0x64, "<", ">", altGr: "|")
        table.altGr[0x14] = "@"  // Q
        table.altGr[0x08] = "€"  // E
        table.altGr[0x10] = "µ"  // M
        table.set(0x63, ",", ",")
        return table
    }()
}

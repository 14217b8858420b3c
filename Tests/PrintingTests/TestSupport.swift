import Printing

/// Bytes from hex pairs separated by spaces, so golden data reads like a protocol manual.
func hex(_ text: String) -> [UInt8] {
    text.split(whereSeparator: \.isWhitespace).map { pair in
        guard let byte = UInt8(pair, radix: 16) else { fatalError("not a hex byte: \(pair)") }
        return byte
    }
}

/// The job header every encoder output starts with: ESC @, ESC t n.
func header(_ codePage: CodePage) -> [UInt8] {
    [0x1B, 0x40, 0x1B, 0x74, codePage.escPosNumber]
}

/// A profile like `base` that offers only the given code tables.
func profile(_ base: PrinterProfile, codePages: [CodePage]) -> PrinterProfile {
    var copy = base
    copy.codePages = codePages
    copy.id += "-" + codePages.map(\.rawValue).joined(separator: "-")
    return copy
}

/// Hex for failure messages.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }.joined(separator: " ")
}

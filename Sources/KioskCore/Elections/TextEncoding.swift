/// The character encodings municipal CSV exports come in.
public enum TextEncoding: String, Hashable, Sendable, CaseIterable {
    /// UTF-8; a byte order mark is dropped.
    case utf8 = "utf-8"
    /// ISO 8859-1 (Latin-1): every byte is the code point of the same value.
    case latin1 = "iso-8859-1"
    /// Windows-1252: Latin-1 with printable characters (€, „, “, –) in 0x80-0x9F.
    case windows1252 = "windows-1252"

    /// Why bytes could not be decoded.
    public struct DecodingFailure: Error, Hashable, Sendable {
        /// 1-based line of the first bad byte.
        public var line: Int
    }

    /// The text of `bytes`; only UTF-8 can fail (an invalid sequence), the single-byte encodings map every byte.
    public func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> String {
        switch self {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if let text = String(validating: body, as: UTF8.self) { return text }
            throw DecodingFailure(line: Self.firstInvalidLine(body))
        case .latin1:
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .windows1252:
            return String(String.UnicodeScalarView(bytes.map { byte in
                guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
                return Self.windows1252High[Int(byte - 0x80)]
            }))
        }
    }

    /// Windows-1252 at 0x80-0x9F; the five unassigned bytes keep their Latin-1 value (as WHATWG decodes them).
    private static let windows1252High: [Unicode.Scalar] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ].map { Unicode.Scalar(UInt32($0))! }

    /// The line of the first byte where UTF-8 decoding goes wrong.
    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if String(validating: bytes[lineStart..<index], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = index + 1
        }
        return line
    }
}

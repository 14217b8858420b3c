/// A printer code page: the table that maps bytes 0x80-0xFF to characters (0x00-0x7F are ASCII).
public enum CodePage: String, Sendable, Codable, CaseIterable {
    /// PC858: PC850 (Western Europe) with € at 0xD5; the default for German tickets.
    case pc858
    /// Plain ASCII; everything else is transliterated.
    case ascii

    /// The argument of ESC t that selects this page.
    public var escPosNumber: UInt8 {
        switch self {
        case .pc858: 19
        case .ascii: 0
        }
    }

    /// The byte for a character, or nil when the page lacks it.
    public func byte(for character: Character) -> UInt8? {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return nil }
        if scalar.value < 0x80 { return UInt8(scalar.value) }
        guard self == .pc858 else { return nil }
        return CodePage.pc858Bytes[scalar]
    }

    /// The character of a byte (for decoding and previews).
    public func character(for byte: UInt8) -> Character? {
        if byte < 0x80 { return Character(Unicode.Scalar(byte)) }
        guard self == .pc858 else { return nil }
        return Character(CodePage.pc858Table[Int(byte) - 0x80])
    }

    /// Characters of bytes 0x80-0xFF in PC858 (generated from the PC850 table with € at 0xD5).
    static let pc858Table: [Unicode.Scalar] = [
        "\u{00C7}", "\u{00FC}", "\u{00E9}", "\u{00E2}", "\u{00E4}", "\u{00E0}", "\u{00E5}", "\u{00E7}", "\u{00EA}", "\u{00EB}", "\u{00E8}", "\u{00EF}", "\u{00EE}", "\u{00EC}", "\u{00C4}", "\u{00C5}",
        "\u{00C9}", "\u{00E6}", "\u{00C6}", "\u{00F4}", "\u{00F6}", "\u{00F2}", "\u{00FB}", "\u{00F9}", "\u{00FF}", "\u{00D6}", "\u{00DC}", "\u{00F8}", "\u{00A3}", "\u{00D8}", "\u{00D7}", "\u{0192}",
        "\u{00E1}", "\u{00ED}", "\u{00F3}", "\u{00FA}", "\u{00F1}", "\u{00D1}", "\u{00AA}", "\u{00BA}", "\u{00BF}", "\u{00AE}", "\u{00AC}", "\u{00BD}", "\u{00BC}", "\u{00A1}", "\u{00AB}", "\u{00BB}",
        "\u{2591}", "\u{2592}", "\u{2593}", "\u{2502}", "\u{2524}", "\u{00C1}", "\u{00C2}", "\u{00C0}", "\u{00A9}", "\u{2563}", "\u{2551}", "\u{2557}", "\u{255D}", "\u{00A2}", "\u{00A5}", "\u{2510}",
        "\u{2514}", "\u{2534}", "\u{252C}", "\u{251C}", "\u{2500}", "\u{253C}", "\u{00E3}", "\u{00C3}", "\u{255A}", "\u{2554}", "\u{2569}", "\u{2566}", "\u{2560}", "\u{2550}", "\u{256C}", "\u{00A4}",
        "\u{00F0}", "\u{00D0}", "\u{00CA}", "\u{00CB}", "\u{00C8}", "\u{20AC}", "\u{00CD}", "\u{00CE}", "\u{00CF}", "\u{2518}", "\u{250C}", "\u{2588}", "\u{2584}", "\u{00A6}", "\u{00CC}", "\u{2580}",
        "\u{00D3}", "\u{00DF}", "\u{00D4}", "\u{00D2}", "\u{00F5}", "\u{00D5}", "\u{00B5}", "\u{00FE}", "\u{00DE}", "\u{00DA}", "\u{00DB}", "\u{00D9}", "\u{00FD}", "\u{00DD}", "\u{00AF}", "\u{00B4}",
        "\u{00AD}", "\u{00B1}", "\u{2017}", "\u{00BE}", "\u{00B6}", "\u{00A7}", "\u{00F7}", "\u{00B8}", "\u{00B0}", "\u{00A8}", "\u{00B7}", "\u{00B9}", "\u{00B3}", "\u{00B2}", "\u{25A0}", "\u{00A0}",
    ]

    static let pc858Bytes: [Unicode.Scalar: UInt8] = Dictionary(
        uniqueKeysWithValues: pc858Table.enumerated().map { ($1, UInt8($0 + 0x80)) })
}

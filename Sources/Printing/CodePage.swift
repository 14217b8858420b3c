/// A character code table selectable with ESC t; only the tables German tickets and receipts need.
public enum CodePage: String, Sendable, Hashable, Codable, CaseIterable {
    /// IBM PC code page 437 (USA), the power-on default of most printers; no euro sign.
    case pc437
    /// IBM PC code page 850 (Multilingual Latin 1); no euro sign (D5 is the dotless i).
    case pc850
    /// IBM PC code page 858: code page 850 with the euro sign at D5.
    case pc858
    /// Windows code page 1252, called WPC1252 by Epson.
    case wpc1252

    /// Preference when a printer offers several tables: euro sign first, then the widest Latin coverage.
    public static let preferenceOrder: [CodePage] = [.pc858, .wpc1252, .pc850, .pc437]

    /// The n of ESC t n that selects this table on Epson-compatible printers.
    public var escPosNumber: UInt8 {
        switch self {
        case .pc437: 0
        case .pc850: 2
        case .pc858: 19
        case .wpc1252: 16
        }
    }

    /// The table that ESC t n selects, or nil for a table this module does not know.
    public init?(escPosNumber: UInt8) {
        guard let page = Self.allCases.first(where: { $0.escPosNumber == escPosNumber }) else { return nil }
        self = page
    }

    /// Whether the table has the euro sign.
    public var hasEuroSign: Bool { byte(for: "€") != nil }

    /// The byte that prints this scalar, or nil when the table lacks it (control characters included).
    public func byte(for scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value >= 0x20 && scalar.value < 0x7F {
            return UInt8(scalar.value)
        }
        return Self.reverseTables[self]?[scalar]
    }

    /// The scalar this byte prints, or nil for control bytes, DEL and unassigned positions.
    public func scalar(for byte: UInt8) -> Unicode.Scalar? {
        if byte >= 0x20 && byte < 0x7F {
            return Unicode.Scalar(byte)
        }
        guard byte >= 0x80 else { return nil }
        let value = upperHalf[Int(byte - 0x80)]
        guard value != 0 else { return nil }
        return Unicode.Scalar(value)
    }

    private var upperHalf: [UInt32] {
        switch self {
        case .pc437: Self.pc437UpperHalf
        case .pc850: Self.pc850UpperHalf
        case .pc858: Self.pc858UpperHalf
        case .wpc1252: Self.wpc1252UpperHalf
        }
    }

    private static let reverseTables: [CodePage: [Unicode.Scalar: UInt8]] = {
        var tables: [CodePage: [Unicode.Scalar: UInt8]] = [:]
        for page in CodePage.allCases {
            var table: [Unicode.Scalar: UInt8] = [:]
            for (offset, value) in page.upperHalf.enumerated() where value != 0 {
                guard let scalar = Unicode.Scalar(value) else { continue }
                // The first byte wins so that encoding is stable should a table list a character twice.
                if table[scalar] == nil {
                    table[scalar] = UInt8(0x80 + offset)
                }
            }
            tables[page] = table
        }
        return tables
    }()
}

/// A run of data in one encoding mode; a symbol holds one or more segments in order.
public struct QRSegment: Sendable, Hashable {
    /// How a segment's characters become bits.
    public enum Mode: Sendable, Hashable, CaseIterable {
        /// Digits 0-9, three in 10 bits.
        case numeric
        /// Digits, A-Z, space and $%*+-./: — two in 11 bits.
        case alphanumeric
        /// Any bytes, eight bits each; text goes in as UTF-8.
        case byte
        /// An Extended Channel Interpretation designator: how readers should interpret the bytes that follow.
        case eci

        /// The mode indicator.
        var indicator: Int {
            switch self {
            case .numeric: 0b0001
            case .alphanumeric: 0b0010
            case .byte: 0b0100
            case .eci: 0b0111
            }
        }

        /// Width of the character count field, which grows with the version (ISO/IEC 18004 table 3).
        func characterCountBits(version: Int) -> Int {
            let group = version <= 9 ? 0 : version <= 26 ? 1 : 2
            switch self {
            case .numeric: return [10, 12, 14][group]
            case .alphanumeric: return [9, 11, 13][group]
            case .byte: return [8, 16, 16][group]
            case .eci: return 0
            }
        }
    }

    /// The mode.
    public let mode: Mode
    /// Characters (numeric, alphanumeric) or bytes (byte mode) the segment holds.
    public let count: Int
    /// The data bits without mode indicator and count, as 0/1 values.
    let bits: [Bool]

    /// A numeric segment, or nil when `digits` holds anything but 0-9.
    public init?(numeric digits: String) {
        let values = digits.unicodeScalars.compactMap(Self.digitValue)
        guard values.count == digits.unicodeScalars.count else { return nil }
        var bits = BitBuffer()
        var index = 0
        while index < values.count {
            let group = values[index..<min(index + 3, values.count)]
            let number = group.reduce(0) { $0 * 10 + $1 }
            bits.append(number, width: [0, 4, 7, 10][group.count])
            index += 3
        }
        self.mode = .numeric
        self.count = values.count
        self.bits = bits.bits
    }

    /// An alphanumeric segment, or nil when `text` holds a character outside the 45 of the mode.
    public init?(alphanumeric text: String) {
        let values = text.unicodeScalars.compactMap(Self.alphanumericValue)
        guard values.count == text.unicodeScalars.count else { return nil }
        var bits = BitBuffer()
        var index = 0
        while index + 1 < values.count {
            bits.append(values[index] * 45 + values[index + 1], width: 11)
            index += 2
        }
        if index < values.count { bits.append(values[index], width: 6) }
        self.mode = .alphanumeric
        self.count = values.count
        self.bits = bits.bits
    }

    /// A byte segment.
    public init(bytes: [UInt8]) {
        var bits = BitBuffer()
        for byte in bytes { bits.append(Int(byte), width: 8) }
        self.mode = .byte
        self.count = bytes.count
        self.bits = bits.bits
    }

    /// An ECI designator, e.g. 26 for UTF-8; nil outside 0...999999.
    public init?(eci designator: Int) {
        var bits = BitBuffer()
        switch designator {
        case 0..<(1 << 7): bits.append(designator, width: 8)
        case (1 << 7)..<(1 << 14): bits.append(0b10 << 14 | designator, width: 16)
        case (1 << 14)...999_999: bits.append(0b110 << 21 | designator, width: 24)
        default: return nil
        }
        self.mode = .eci
        self.count = 0
        self.bits = bits.bits
    }

    /// ECI 26: the byte segments that follow are UTF-8.
    public static let utf8 = QRSegment(eci: 26)!

    /// Bits the segment takes in a symbol of `version`, or nil when its count does not fit the count field.
    func encodedBitCount(version: Int) -> Int? {
        let countBits = mode.characterCountBits(version: version)
        guard mode == .eci || count < 1 << countBits else { return nil }
        return 4 + countBits + bits.count
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        (0x30...0x39).contains(scalar.value) ? Int(scalar.value) - 0x30 : nil
    }

    static func alphanumericValue(_ scalar: Unicode.Scalar) -> Int? {
        if let digit = digitValue(scalar) { return digit }
        if (0x41...0x5A).contains(scalar.value) { return Int(scalar.value) - 0x41 + 10 }
        switch scalar {
        case " ": return 36
        case "$": return 37
        case "%": return 38
        case "*": return 39
        case "+": return 40
        case "-": return 41
        case ".": return 42
        case "/": return 43
        case ":": return 44
        default: return nil
        }
    }
}

extension QRSegment {
    /// The segments that encode `text` in the fewest bits for a symbol of `version`; text beyond ASCII
    /// starts with ECI 26 so that readers take its bytes as UTF-8 rather than guess (ISO-8859-1 is the
    /// default; zbar, for one, guesses Shift JIS for German words).
    ///
    /// Digits or capitals inside a URL or a reference are cheaper in numeric or alphanumeric mode, but a
    /// mode switch costs a header, so short runs stay in the surrounding mode. Found by dynamic programming
    /// over the characters with costs in sixths of a bit (numeric 10/3, alphanumeric 11/2, byte 8 per byte).
    static func optimal(for text: String, version: Int) -> [QRSegment] {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        let modes: [Mode] = [.numeric, .alphanumeric, .byte]
        let header = modes.map { (4 + $0.characterCountBits(version: version)) * 6 }
        func cost(_ mode: Mode, _ scalar: Unicode.Scalar) -> Int? {
            switch mode {
            case .numeric: digitValue(scalar) == nil ? nil : 20
            case .alphanumeric: alphanumericValue(scalar) == nil ? nil : 33
            case .byte: String(scalar).utf8.count * 48
            case .eci: nil
            }
        }
        // costs[m]: the cheapest encoding of the characters so far with the last one in mode m.
        var costs: [Int?] = modes.indices.map { index in cost(modes[index], scalars[0]).map { header[index] + $0 } }
        var previousMode: [[Int]] = [modes.indices.map { $0 }]
        for scalar in scalars.dropFirst() {
            var next: [Int?] = Array(repeating: nil, count: modes.count)
            var from = Array(modes.indices)
            for (index, mode) in modes.enumerated() {
                guard let step = cost(mode, scalar) else { continue }
                for (earlier, earlierCost) in costs.enumerated() {
                    guard let earlierCost else { continue }
                    // Closing a segment rounds its bits up to a whole number.
                    let total = earlier == index ? earlierCost + step : (earlierCost + 5) / 6 * 6 + header[index] + step
                    if next[index].map({ total < $0 }) ?? true {
                        next[index] = total
                        from[index] = earlier
                    }
                }
            }
            costs = next
            previousMode.append(from)
        }
        var mode = costs.indices.filter { costs[$0] != nil }.min { costs[$0]! < costs[$1]! }!
        var charModes = [Int](repeating: 0, count: scalars.count)
        for position in stride(from: scalars.count - 1, through: 0, by: -1) {
            charModes[position] = mode
            mode = previousMode[position][mode]
        }
        var segments: [QRSegment] = []
        var start = 0
        for position in 1...scalars.count where position == scalars.count || charModes[position] != charModes[start] {
            var run = String.UnicodeScalarView()
            run.append(contentsOf: scalars[start..<position])
            let text = String(run)
            switch modes[charModes[start]] {
            case .numeric: segments.append(QRSegment(numeric: text)!)
            case .alphanumeric: segments.append(QRSegment(alphanumeric: text)!)
            case .byte: segments.append(QRSegment(bytes: Array(text.utf8)))
            case .eci: break
            }
            start = position
        }
        return scalars.allSatisfy(\.isASCII) ? segments : [.utf8] + segments
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    var bits: [Bool] = []

    mutating func append(_ value: Int, width: Int) {
        for shift in stride(from: width - 1, through: 0, by: -1) {
            bits.append((value >> shift) & 1 == 1)
        }
    }

    /// The bits packed into bytes, most significant bit first; a partial last byte is padded with zeros.
    var bytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit {
            bytes[index / 8] |= 0x80 >> UInt8(index % 8)
        }
        return bytes
    }
}

/// A card's answer to reset (ATR), parsed after ISO/IEC 7816-3 §8: TS, T0, the interface byte groups
/// (TAi, TBi, TCi, TDi), the historical bytes and the check byte TCK.
///
/// Contactless cards get an ATR made up by the reader (PC/SC part 3: `3B 8n 80 01` + historical bytes + TCK),
/// so the same rules apply to both.
public struct AnswerToReset: Hashable, Sendable, CustomStringConvertible {
    /// How the card encodes bits (TS).
    public enum Convention: Hashable, Sendable {
        /// TS = 3B.
        case direct
        /// TS = 3F.
        case inverse
    }

    /// One group of interface bytes: TAi, TBi, TCi and TDi where present.
    public struct InterfaceGroup: Hashable, Sendable {
        /// TAi.
        public var ta: UInt8?
        /// TBi.
        public var tb: UInt8?
        /// TCi.
        public var tc: UInt8?
        /// TDi: its high nibble says which bytes follow in the next group, its low nibble names a protocol T.
        public var td: UInt8?

        /// A group with the given bytes; all absent by default.
        public init(ta: UInt8? = nil, tb: UInt8? = nil, tc: UInt8? = nil, td: UInt8? = nil) {
            self.ta = ta
            self.tb = tb
            self.tc = tc
            self.td = td
        }
    }

    /// The ATR exactly as received.
    public let bytes: [UInt8]
    /// TS.
    public let convention: Convention
    /// The interface byte groups in order: index 0 holds TA1, TB1, TC1, TD1.
    public let groups: [InterfaceGroup]
    /// The historical bytes (at most 15).
    public let historicalBytes: [UInt8]
    /// TCK, present when a protocol other than T=0 is offered.
    public let checkByte: UInt8?

    /// The longest ATR ISO/IEC 7816-3 allows.
    public static let maximumLength = 33

    /// The protocols the card offers (T values of the TD bytes, in order, without repeats); T=0 when none.
    public var protocols: [UInt8] {
        var result: [UInt8] = []
        for group in groups {
            if let td = group.td, !result.contains(td & 0x0F) { result.append(td & 0x0F) }
        }
        return result.isEmpty ? [0] : result
    }

    /// The ATR as hex bytes separated by spaces, as pcsc_scan and smartcard_list.txt print it.
    public var description: String { bytes.hexSpaced }

    /// Parses `bytes`; throws when the ATR is malformed (wrong TS, too short, too long, wrong TCK).
    public init(bytes: [UInt8]) throws(ATRError) {
        guard !bytes.isEmpty else { throw ATRError(.empty) }
        guard bytes.count <= Self.maximumLength else { throw ATRError(.tooLong(bytes.count)) }
        switch bytes[0] {
        case 0x3B: convention = .direct
        case 0x3F: convention = .inverse
        default: throw ATRError(.badInitialCharacter(bytes[0]))
        }
        guard bytes.count >= 2 else { throw ATRError(.truncated(at: "T0")) }
        let format = bytes[1]
        let historicalCount = Int(format & 0x0F)
        var presence = format >> 4
        var index = 2
        var groups: [InterfaceGroup] = []
        var needsCheckByte = false
        // Each TDi announces the next group; at most 15 groups fit into 33 bytes anyway, the count keeps a
        // malformed ATR from looping.
        while groups.count < 16 {
            var group = InterfaceGroup()
            let number = groups.count + 1
            func next(_ name: String) throws(ATRError) -> UInt8 {
                guard index < bytes.count else { throw ATRError(.truncated(at: "\(name)\(number)")) }
                defer { index += 1 }
                return bytes[index]
            }
            if presence & 0x1 != 0 { group.ta = try next("TA") }
            if presence & 0x2 != 0 { group.tb = try next("TB") }
            if presence & 0x4 != 0 { group.tc = try next("TC") }
            if presence & 0x8 != 0 { group.td = try next("TD") }
            groups.append(group)
            guard let td = group.td else { break }
            if td & 0x0F != 0 { needsCheckByte = true }
            presence = td >> 4
        }
        guard index + historicalCount <= bytes.count else { throw ATRError(.truncated(at: "historical bytes")) }
        historicalBytes = Array(bytes[index..<(index + historicalCount)])
        index += historicalCount
        if needsCheckByte {
            guard index < bytes.count else { throw ATRError(.truncated(at: "TCK")) }
            // TCK makes the exclusive-or of T0 up to and including TCK zero.
            let sum = bytes[1...index].reduce(0, ^)
            guard sum == 0 else { throw ATRError(.checkByteMismatch) }
            checkByte = bytes[index]
            index += 1
        } else {
            checkByte = nil
        }
        guard index == bytes.count else { throw ATRError(.trailingBytes(bytes.count - index)) }
        self.bytes = bytes
        self.groups = groups
    }

    /// Parses an ATR written as hex, with or without spaces or colons ("3B 8A 80 01 ...", "3b:8a:...").
    public init(hex: String) throws(ATRError) {
        let digits = hex.filter { !" :\t\n".contains($0) }
        guard digits.count % 2 == 0 else { throw ATRError(.notHex) }
        var result: [UInt8] = []
        var iterator = digits.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let value = UInt8(String([high, low]), radix: 16) else { throw ATRError(.notHex) }
            result.append(value)
        }
        try self.init(bytes: result)
    }
}

/// An ATR that does not follow ISO/IEC 7816-3: the card is reported as unreadable, with what was wrong.
public struct ATRError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case empty, notHex, tooLong(Int), badInitialCharacter(UInt8), truncated(at: String), checkByteMismatch
        case trailingBytes(Int)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// What was wrong, in German and English, for the technician.
    public var message: Message {
        let detail: (de: String, en: String) =
            switch kind {
            case .empty: ("leer", "empty")
            case .notHex: ("keine Hex-Zahl", "not hex")
            case .tooLong(let count): ("\(count) Bytes, höchstens 33", "\(count) bytes, at most 33")
            case .badInitialCharacter(let byte):
                ("TS ist \(byte.hex), erwartet 3B oder 3F", "TS is \(byte.hex), expected 3B or 3F")
            case .truncated(let field): ("endet vor \(field)", "ends before \(field)")
            case .checkByteMismatch: ("Prüfbyte TCK falsch", "check byte TCK wrong")
            case .trailingBytes(let count): ("\(count) Bytes zu viel", "\(count) bytes too many")
            }
        return Message(
            de: "Die Antwort der Karte (ATR) ist ungültig (\(detail.de)). Bitte die Karte neu auflegen.",
            en: "The card's answer to reset (ATR) is invalid (\(detail.en)). Put the card on the reader again.")
    }

    public var description: String { message.description }
}

extension UInt8 {
    /// Two upper-case hex digits.
    var hex: String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(self >> 4)], digits[Int(self & 0x0F)]])
    }
}

extension Sequence<UInt8> {
    /// Upper-case hex bytes separated by spaces.
    var hexSpaced: String { map(\.hex).joined(separator: " ") }
}

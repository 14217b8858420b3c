/// One BER-TLV data object (ISO/IEC 7816-4 §5.2, the DER subset that cards use): tag, value, and the
/// objects inside when the tag is constructed.
public struct TLV: Hashable, Sendable {
    /// The tag, one to three bytes as a number (e.g. 0x7C, 0x7F4C).
    public var tag: UInt32
    /// The value bytes.
    public var value: [UInt8]

    /// A data object.
    public init(tag: UInt32, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// True when bit 6 of the first tag byte marks the value as nested objects.
    public var isConstructed: Bool {
        var first = tag
        while first > 0xFF { first >>= 8 }
        return first & 0x20 != 0
    }

    /// The objects inside a constructed value; throws when they do not parse.
    public func children() throws(TLVError) -> [TLV] { try TLV.parseAll(value) }

    /// The first object inside with `tag`, nil when none.
    public func child(_ tag: UInt32) throws(TLVError) -> TLV? { try children().first { $0.tag == tag } }

    /// Tag, length and value as bytes (definite length, shortest form).
    public var encoded: [UInt8] {
        var tagBytes: [UInt8] = []
        var remaining = tag
        repeat {
            tagBytes.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        } while remaining > 0
        return tagBytes + TLV.encodeLength(value.count) + value
    }

    /// A length in the shortest definite form.
    public static func encodeLength(_ length: Int) -> [UInt8] {
        if length < 0x80 { return [UInt8(length)] }
        if length <= 0xFF { return [0x81, UInt8(length)] }
        return [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
    }

    /// All objects in `bytes`, back to back; throws on a truncated or malformed object.
    public static func parseAll(_ bytes: [UInt8]) throws(TLVError) -> [TLV] {
        var result: [TLV] = []
        var index = 0
        while index < bytes.count {
            // Padding between objects (00 or FF) is allowed by ISO/IEC 7816-4.
            if bytes[index] == 0x00 || bytes[index] == 0xFF {
                index += 1
                continue
            }
            result.append(try parse(bytes, at: &index))
        }
        return result
    }

    private static func parse(_ bytes: [UInt8], at index: inout Int) throws(TLVError) -> TLV {
        var tag = UInt32(bytes[index])
        index += 1
        if tag & 0x1F == 0x1F {
            // Subsequent tag bytes carry bit 8 while more follow; three tag bytes are the most cards use.
            var count = 0
            repeat {
                guard index < bytes.count, count < 2 else { throw TLVError.malformed }
                tag = tag << 8 | UInt32(bytes[index])
                index += 1
                count += 1
            } while bytes[index - 1] & 0x80 != 0
        }
        guard index < bytes.count else { throw TLVError.malformed }
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 3, index + count <= bytes.count else { throw TLVError.malformed }
            length = bytes[index..<(index + count)].reduce(0) { $0 << 8 | Int($1) }
            index += count
        }
        guard length <= bytes.count - index else { throw TLVError.malformed }
        defer { index += length }
        return TLV(tag: tag, value: Array(bytes[index..<(index + length)]))
    }
}

/// Bytes that do not form BER-TLV objects.
public enum TLVError: Error, Hashable, Sendable {
    /// A tag, length or value runs past the end, or a length form is not supported.
    case malformed
}

/// A key press decoded from terminal input.
public enum Key: Hashable, Sendable {
    /// A printable character other than an ASCII digit, e.g. "a", "L" or "ü".
    case character(Character)
    /// An ASCII digit key, including the keypad's in application mode.
    case digit(Int)
    /// Return or keypad Enter.
    case enter
    /// A lone Escape key.
    case escape
    /// Backspace (DEL or Ctrl-H).
    case backspace
    /// Tab.
    case tab
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Home (Pos1).
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// A function key, F1 to F12.
    case function(Int)
    /// Ctrl-C; with ISIG off it arrives as a key, and the application decides what it means.
    case interrupt
    /// Ctrl-D.
    case endOfInput
}

// Input may stop in the middle of a sequence or a UTF-8 character; such a tail waits for the next `feed`.
// When no more bytes come within a short time, `flush()` settles it: a lone ESC becomes `.escape`, a
// cut-off sequence is dropped. Unknown or malformed input is skipped, never trapped on.

/// Turns bytes read from a terminal in raw mode into keys, the way xterm and tmux encode them.
public struct KeyDecoder: Sendable {
    /// Longest control sequence taken seriously; anything longer is noise and is dropped.
    static let maximumSequenceLength = 32

    private var pending: [UInt8] = []

    /// Creates a decoder with nothing pending.
    public init() {}

    /// Whether bytes wait for more input, so the reader should call `flush()` after a short timeout.
    public var hasPending: Bool { !pending.isEmpty }

    /// How many bytes wait; tests use it to see that noise cannot pile up.
    var pendingCount: Int { pending.count }

    /// Keys in the bytes read so far; an incomplete tail is kept for the next call.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        return decode(final: false)
    }

    /// Keys from whatever is still pending, treating it as complete: a lone ESC becomes `.escape`.
    public mutating func flush() -> [Key] {
        decode(final: true)
    }

    private enum Step {
        case key(Key, length: Int)
        case skip(Int)
        case incomplete
    }

    private mutating func decode(final: Bool) -> [Key] {
        var keys: [Key] = []
        var index = 0
        let bytes = pending
        while index < bytes.count {
            switch step(bytes, at: index, final: final) {
            case .key(let key, let length):
                keys.append(key)
                index += length
            case .skip(let length):
                index += max(1, length)
            case .incomplete:
                pending = Array(bytes[index...])
                return keys
            }
        }
        pending = []
        return keys
    }

    private func step(_ bytes: [UInt8], at start: Int, final: Bool) -> Step {
        let byte = bytes[start]
        switch byte {
        case 0x1B:
            guard start + 1 < bytes.count else {
                return final ? .key(.escape, length: 1) : .incomplete
            }
            switch bytes[start + 1] {
            case UInt8(ascii: "["):
                return controlSequence(bytes, at: start, final: final)
            case UInt8(ascii: "O"):
                return singleShift(bytes, at: start, final: final)
            default:
                // ESC followed by an ordinary key is Escape, then that key (xterm's Alt sends this too).
                return .key(.escape, length: 1)
            }
        case 0x03: return .key(.interrupt, length: 1)
        case 0x04: return .key(.endOfInput, length: 1)
        case 0x0D, 0x0A: return .key(.enter, length: 1)
        case 0x09: return .key(.tab, length: 1)
        case 0x7F, 0x08: return .key(.backspace, length: 1)
        case 0x00..<0x20: return .skip(1)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .key(.digit(Int(byte - UInt8(ascii: "0"))), length: 1)
        case 0x20..<0x7F: return .key(.character(Character(Unicode.Scalar(byte))), length: 1)
        default: return utf8Character(bytes, at: start, final: final)
        }
    }

    /// CSI: ESC [ parameters intermediates final.
    private func controlSequence(_ bytes: [UInt8], at start: Int, final: Bool) -> Step {
        let body = start + 2
        guard body < bytes.count else { return final ? .skip(2) : .incomplete }
        if bytes[body] == UInt8(ascii: "[") {
            // The Linux console sends F1 to F5 as ESC [ [ A to ESC [ [ E.
            guard body + 1 < bytes.count else { return final ? .skip(3) : .incomplete }
            let letter = bytes[body + 1]
            if (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(letter) {
                return .key(.function(Int(letter - UInt8(ascii: "A")) + 1), length: 4)
            }
            return .skip((0x40...0x7E).contains(letter) ? 4 : 3)
        }
        var index = body
        var hasIntermediates = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x3F where !hasIntermediates:
                index += 1
            case 0x20...0x2F:
                hasIntermediates = true
                index += 1
            case 0x40...0x7E:
                let length = index - start + 1
                if hasIntermediates {
                    return .skip(length)
                }
                let parameters = Array(bytes[body..<index])
                guard let key = Self.csiKey(parameters: parameters, final: byte) else { return .skip(length) }
                return .key(key, length: length)
            default:
                // A byte that cannot be part of a sequence ends it; the byte itself is decoded afresh.
                return .skip(index - start)
            }
        }
        // An unfinished sequence may only wait for more input while it is short enough to be a real one.
        return final || index - start > Self.maximumSequenceLength ? .skip(index - start) : .incomplete
    }

    private static func csiKey(parameters: [UInt8], final: UInt8) -> Key? {
        // Private markers (<, =, >, ?) introduce mouse reports and terminal replies, never keys.
        if let first = parameters.first, first >= 0x3C {
            return nil
        }
        let fields = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard fields.count <= 3 else { return nil }
        let numbers = fields.map { field -> Int? in
            guard !field.isEmpty, field.count <= 4, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return field.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let first = numbers.first ?? nil
        // Letter keys carry "1;modifier" when Shift, Alt or Ctrl is held; a different first number is a reply.
        let plainLetter = parameters.isEmpty || first == 1
        switch final {
        case UInt8(ascii: "A"): return plainLetter ? .up : nil
        case UInt8(ascii: "B"): return plainLetter ? .down : nil
        case UInt8(ascii: "C"): return plainLetter ? .right : nil
        case UInt8(ascii: "D"): return plainLetter ? .left : nil
        case UInt8(ascii: "H"): return plainLetter ? .home : nil
        case UInt8(ascii: "F"): return plainLetter ? .end : nil
        case UInt8(ascii: "P"): return plainLetter ? .function(1) : nil
        case UInt8(ascii: "Q"): return plainLetter ? .function(2) : nil
        case UInt8(ascii: "R"): return plainLetter ? .function(3) : nil
        case UInt8(ascii: "S"): return plainLetter ? .function(4) : nil
        case UInt8(ascii: "~"):
            guard let first else { return nil }
            return tildeKeys[first]
        default:
            return nil
        }
    }

    /// The numbers of ESC [ n ~ as xterm, tmux and the Linux console send them.
    private static let tildeKeys: [Int: Key] = [
        1: .home, 7: .home, 4: .end, 8: .end, 5: .pageUp, 6: .pageDown,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// SS3: ESC O letter, sent for cursor keys in application mode, F1 to F4 and the keypad.
    private func singleShift(_ bytes: [UInt8], at start: Int, final: Bool) -> Step {
        var index = start + 2
        // Some terminals put a modifier digit between O and the letter, e.g. ESC O 5 P.
        while index < bytes.count && (0x30...0x3B).contains(bytes[index]) && index - start < 6 {
            index += 1
        }
        guard index < bytes.count else { return final ? .skip(index - start) : .incomplete }
        let letter = bytes[index]
        let length = index - start + 1
        switch letter {
        case UInt8(ascii: "A"): return .key(.up, length: length)
        case UInt8(ascii: "B"): return .key(.down, length: length)
        case UInt8(ascii: "C"): return .key(.right, length: length)
        case UInt8(ascii: "D"): return .key(.left, length: length)
        case UInt8(ascii: "H"): return .key(.home, length: length)
        case UInt8(ascii: "F"): return .key(.end, length: length)
        case UInt8(ascii: "P")...UInt8(ascii: "S"):
            return .key(.function(Int(letter - UInt8(ascii: "P")) + 1), length: length)
        case UInt8(ascii: "M"): return .key(.enter, length: length)
        case UInt8(ascii: "p")...UInt8(ascii: "y"):
            return .key(.digit(Int(letter - UInt8(ascii: "p"))), length: length)
        case 0x40...0x7E:
            return .skip(length)
        default:
            return .skip(index - start)
        }
    }

    /// One UTF-8 encoded scalar; invalid bytes are skipped one at a time so decoding resynchronises.
    private func utf8Character(_ bytes: [UInt8], at start: Int, final: Bool) -> Step {
        let lead = bytes[start]
        let length: Int
        let minimum: UInt32
        switch lead {
        case 0xC2...0xDF: (length, minimum) = (2, 0x80)
        case 0xE0...0xEF: (length, minimum) = (3, 0x800)
        case 0xF0...0xF4: (length, minimum) = (4, 0x10000)
        default: return .skip(1)
        }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            guard start + offset < bytes.count else { return final ? .skip(offset) : .incomplete }
            let byte = bytes[start + offset]
            guard byte & 0xC0 == 0x80 else { return .skip(offset) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return .skip(length) }
        if (0x80..<0xA0).contains(value) {
            return .skip(length)
        }
        return .key(.character(Character(scalar)), length: length)
    }
}

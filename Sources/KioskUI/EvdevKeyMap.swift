/// Linux key codes (`KEY_*` from linux/input-event-codes.h) as the kiosk's keys.
///
/// A tactile keypad is an evdev keyboard: its digits are `KEY_KP0`..`KEY_KP9`, its arrows and Enter the usual
/// codes, and its back key Backspace or Esc. The keypad's `*` and `/` switch high contrast and large text (F3 and
/// F4 on a keyboard). Letters follow the German layout (Y and Z swapped against the US codes); Shift gives capitals.
/// Umlauts and other dead-key input are not decoded: the text fields the kiosk asks for take plain letters and digits.
public struct EvdevKeyMap: Sendable {
    private var shift = false

    /// Creates a map with no modifier held.
    public init() {}

    static let digits: [UInt16: Int] = [
        11: 0, 2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7, 9: 8, 10: 9,
        82: 0, 79: 1, 80: 2, 81: 3, 75: 4, 76: 5, 77: 6, 71: 7, 72: 8, 73: 9,
    ]

    static let named: [UInt16: Key] = [
        28: .enter, 96: .enter, 1: .escape, 14: .backspace, 15: .tab,
        103: .up, 108: .down, 105: .left, 106: .right, 102: .home, 107: .end, 104: .pageUp, 109: .pageDown,
        59: .function(1), 60: .function(2), 61: .function(3), 62: .function(4), 63: .function(5),
        55: .function(3), 98: .function(4),
        57: .character(" "), 12: .character("-"), 52: .character("."), 51: .character(","), 74: .character("-"),
    ]

    static let letters: [UInt16: Character] = {
        var table: [UInt16: Character] = [:]
        for (row, start) in [("qwertzuiop", 16), ("asdfghjkl", 30), ("yxcvbnm", 44)] as [(String, UInt16)] {
            for (index, letter) in row.enumerated() { table[start + UInt16(index)] = letter }
        }
        return table
    }()

    /// The key for one `EV_KEY` event, nil for releases, modifiers and unknown codes.
    public mutating func key(for event: InputEvent) -> Key? {
        guard event.type == InputEvent.key else { return nil }
        if event.code == 42 || event.code == 54 {  // KEY_LEFTSHIFT, KEY_RIGHTSHIFT
            shift = event.value != 0
            return nil
        }
        guard event.value == 1 || event.value == 2 else { return nil }
        if let digit = Self.digits[event.code] { return .digit(digit) }
        if let key = Self.named[event.code] { return key }
        if let letter = Self.letters[event.code] {
            return .character(shift ? Character(letter.uppercased()) : letter)
        }
        return nil
    }
}

public import KioskUI

/// How the keypad drives a screen in headphone mode, as on bank ATMs: the spoken menu gives each choosable option
/// a digit, 5 repeats what was said (it has the bump a finger finds), 0 reads the next page of options.
///
/// 5 is never an option's digit, so a page holds eight options: 1-4 and 6-9. Options that cannot be chosen are
/// left out of the spoken menu altogether, so that every digit said leads somewhere.
public enum HeadphoneKeypad {
    /// Digits that choose options, in the order options get them.
    public static let optionDigits = [1, 2, 3, 4, 6, 7, 8, 9]
    /// Repeats the screen's spoken text.
    public static let repeatDigit = 5
    /// Reads the next page of options.
    public static let moreDigit = 0

    /// The choosable options of a screen, as indices into `screen.options`.
    static func choosable(_ screen: Screen) -> [Int] {
        screen.options.indices.filter { screen.options[$0].enabled }
    }

    /// How many pages of options the screen has (at least one).
    public static func pageCount(_ screen: Screen) -> Int {
        max(1, (choosable(screen).count + optionDigits.count - 1) / optionDigits.count)
    }

    /// The digits and options on one page; pages wrap around.
    public static func page(_ screen: Screen, number: Int) -> [(digit: Int, option: Option)] {
        let indices = choosable(screen)
        guard !indices.isEmpty else { return [] }
        let page = number % pageCount(screen)
        let slice = indices.dropFirst(page * optionDigits.count).prefix(optionDigits.count)
        return zip(optionDigits, slice).map { ($0, screen.options[$1]) }
    }

    /// The input that chooses an option, as if its own key had been pressed.
    static func input(choosing option: Option) -> KioskInput? {
        if let digit = Int(option.key), (0...9).contains(digit) { return .digit(digit) }
        switch option.key {
        case "Enter": return .confirm
        case "Esc": return .back
        default: return option.key.count == 1 ? .character(Character(option.key)) : nil
        }
    }
}

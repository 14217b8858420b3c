public import KioskUI

/// What a citizen did, whichever device it came from (keyboard, keypad, touch).
public enum KioskInput: Hashable, Sendable {
    /// A digit key: on a menu 1-9 choose the option with that number; in a text field it is typed.
    case digit(Int)
    /// A printable character: typed into a text field, or the key of a lettered option.
    case character(Character)
    /// Delete the last character typed; on screens without a text field, go back.
    case deleteBackward
    /// Move the focus up.
    case up
    /// Move the focus down.
    case down
    /// Confirm the focused option.
    case confirm
    /// Go back (to the home screen).
    case back
    /// Switch between German and English.
    case toggleLanguage
    /// Switch a display mode (high contrast, large text) on or off; offered on every screen.
    case toggle(DisplayMode)
    /// The technician menu's hidden key (F9 on a keyboard): asks for the technician PIN on the home screen.
    case technician
    /// Any other key: counts as activity, so the idle timeout restarts.
    case other
}

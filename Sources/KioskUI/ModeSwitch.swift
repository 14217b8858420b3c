/// A display mode a citizen may switch on and off on every screen.
public enum DisplayMode: String, CaseIterable, Hashable, Sendable {
    /// White and yellow on black.
    case highContrast
    /// Every font larger.
    case largeText
}

/// One display mode's button on a screen: what it says and whether the mode is on.
public struct ModeSwitch: Hashable, Sendable {
    /// Which mode it switches.
    public var mode: DisplayMode
    /// What the button says, in the citizen's language.
    public var label: String
    /// Whether the mode is on now.
    public var isOn: Bool

    /// Creates a switch.
    public init(mode: DisplayMode, label: String, isOn: Bool) {
        self.mode = mode
        self.label = label
        self.isOn = isOn
    }
}

extension Screen {
    /// Whether the switch for `mode` is on (false when the screen has none).
    public func isOn(_ mode: DisplayMode) -> Bool {
        switches.contains { $0.mode == mode && $0.isOn }
    }
}

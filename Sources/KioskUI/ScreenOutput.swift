/// What a touch on a shown screen hit.
public enum ScreenTarget: Hashable, Sendable {
    /// The option at this index of `Screen.options`.
    case option(Int)
    /// The footer hint at this index of `Screen.footer`.
    case footer(Int)
    /// A display mode's switch.
    case mode(DisplayMode)
    /// A key of the on-screen keyboard, named as `KioskLoop.input(forLabel:)` reads it ("Ä", "7", " ", "⌫", "Enter").
    case key(String)
    /// The button that turns the options to this page; the output turns it itself, the session never sees it.
    case page(Int)
}

/// Where the kiosk loop shows its screens: a terminal, or a pixel display (framebuffer or PNG files).
///
/// The flows only build `Screen` values; which output shows them is kioskd's choice from its configuration.
public protocol ScreenOutput: Sendable {
    /// Shows the screen; problems are shown or logged by the output itself, the loop goes on.
    func show(_ screen: Screen) async
    /// What a touch at pixel (`x`, `y`) of the screen shown last hits; nil for outputs without touch.
    func target(atX x: Int, y: Int) async -> ScreenTarget?
}

extension TerminalSession: ScreenOutput {
    /// Draws the screen, or says what is wrong with the terminal (too small) instead.
    public func show(_ screen: Screen) async {
        do {
            try checkSize()
            render(screen)
        } catch {
            showMessage(error.description)
        }
    }

    /// A terminal has no touch.
    public func target(atX x: Int, y: Int) async -> ScreenTarget? { nil }
}

public import KioskUI

/// A text colour on the background it stands on: the unit the contrast check works with.
public struct ColorPair: Hashable, Sendable, CustomStringConvertible {
    /// The text.
    public var foreground: PixelColor
    /// What the text stands on.
    public var background: PixelColor

    /// Creates a pair.
    public init(foreground: PixelColor, background: PixelColor) {
        self.foreground = foreground
        self.background = background
    }

    /// WCAG contrast ratio of the pair.
    public var contrastRatio: Double { foreground.contrastRatio(with: background) }

    /// "fg on bg", for test messages.
    public var description: String { "\(foreground) on \(background)" }
}

/// The colours of the pixel layout, in one place so that the layout never names a colour itself.
///
/// Every text colour is given as a pair with its background; the contrast test renders every screen and checks
/// each pair used against 7:1 (WCAG AAA for normal text).
public struct PixelTheme: Hashable, Sendable {
    /// The page behind everything.
    public var page: ColorPair
    /// Title bar.
    public var titleBar: ColorPair
    /// Subtitle and running text.
    public var subtitle: ColorPair
    /// The big highlight, e.g. a ticket number.
    public var highlight: ColorPair
    /// Notice boxes by kind.
    public var info: ColorPair
    /// Notice boxes by kind.
    public var warning: ColorPair
    /// Notice boxes by kind.
    public var error: ColorPair
    /// An option button.
    public var option: ColorPair
    /// The option with keyboard focus.
    public var selectedOption: ColorPair
    /// An option that cannot be chosen now.
    public var disabledOption: ColorPair
    /// The key badge on an option button.
    public var optionKey: ColorPair
    /// The text entry field.
    public var entry: ColorPair
    /// The aside (print preview) box.
    public var aside: ColorPair
    /// The idle countdown band.
    public var countdown: ColorPair
    /// The footer bar.
    public var footer: ColorPair
    /// Frames of buttons and fields; not text, but kept visible (3:1 is enough for non-text, WCAG 1.4.11).
    public var frame: PixelColor

    /// The colours of a notice of that kind.
    public func notice(_ kind: Notice.Kind) -> ColorPair {
        switch kind {
        case .info: info
        case .warning: warning
        case .error: error
        }
    }

    /// The default look: dark text on light surfaces, the town's dark blue for bars and focus.
    public static let standard = PixelTheme(
        page: ColorPair(foreground: PixelColor(hex: 0x1A1A1A), background: PixelColor(hex: 0xFFFFFF)),
        titleBar: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x00305E)),
        subtitle: ColorPair(foreground: PixelColor(hex: 0x1A1A1A), background: PixelColor(hex: 0xFFFFFF)),
        highlight: ColorPair(foreground: PixelColor(hex: 0x00305E), background: PixelColor(hex: 0xFFFFFF)),
        info: ColorPair(foreground: PixelColor(hex: 0x002B55), background: PixelColor(hex: 0xE3EEF9)),
        warning: ColorPair(foreground: PixelColor(hex: 0x4A3300), background: PixelColor(hex: 0xFFF1C2)),
        error: ColorPair(foreground: PixelColor(hex: 0x7A0000), background: PixelColor(hex: 0xFDE7E7)),
        option: ColorPair(foreground: PixelColor(hex: 0x1A1A1A), background: PixelColor(hex: 0xECF1F6)),
        selectedOption: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x00305E)),
        disabledOption: ColorPair(foreground: PixelColor(hex: 0x474747), background: PixelColor(hex: 0xF2F2F2)),
        optionKey: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x1A1A1A)),
        entry: ColorPair(foreground: PixelColor(hex: 0x1A1A1A), background: PixelColor(hex: 0xFFFFFF)),
        aside: ColorPair(foreground: PixelColor(hex: 0x1A1A1A), background: PixelColor(hex: 0xF4F4F4)),
        countdown: ColorPair(foreground: PixelColor(hex: 0x4A3300), background: PixelColor(hex: 0xFFF1C2)),
        footer: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x1A1A1A)),
        frame: PixelColor(hex: 0x5A6B7C)
    )

    /// High contrast: white and yellow on black, focus in yellow, as many people with low vision prefer.
    public static let highContrast = PixelTheme(
        page: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x000000)),
        titleBar: ColorPair(foreground: PixelColor(hex: 0xFFFF00), background: PixelColor(hex: 0x000000)),
        subtitle: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x000000)),
        highlight: ColorPair(foreground: PixelColor(hex: 0xFFFF00), background: PixelColor(hex: 0x000000)),
        info: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x000000)),
        warning: ColorPair(foreground: PixelColor(hex: 0xFFFF00), background: PixelColor(hex: 0x000000)),
        error: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x8B0000)),
        option: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x000000)),
        selectedOption: ColorPair(foreground: PixelColor(hex: 0x000000), background: PixelColor(hex: 0xFFFF00)),
        disabledOption: ColorPair(foreground: PixelColor(hex: 0xC8C8C8), background: PixelColor(hex: 0x000000)),
        optionKey: ColorPair(foreground: PixelColor(hex: 0x000000), background: PixelColor(hex: 0xFFFFFF)),
        entry: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x000000)),
        aside: ColorPair(foreground: PixelColor(hex: 0xFFFFFF), background: PixelColor(hex: 0x1A1A1A)),
        countdown: ColorPair(foreground: PixelColor(hex: 0x000000), background: PixelColor(hex: 0xFFFF00)),
        footer: ColorPair(foreground: PixelColor(hex: 0x000000), background: PixelColor(hex: 0xFFFFFF)),
        frame: PixelColor(hex: 0xFFFFFF)
    )
}

/// One line of text as the layout placed it: what the tests check for contrast and overflow.
public struct PlacedText: Hashable, Sendable {
    /// The text as drawn (already cut with "…" when it did not fit).
    public var text: String
    /// The box the line must stay inside.
    public var box: PixelRect
    /// The drawn width in pixels.
    public var width: Int
    /// Left end of the line.
    public var x: Int
    /// Baseline.
    public var baseline: Int
    /// Text colour and the background under it.
    public var colors: ColorPair
    /// Which font.
    public var role: FontRole
    /// Pixel size.
    public var size: Int
    /// Whether the line follows a right-to-left screen's mirror; false for lines that line up in columns.
    public var mirrored: Bool = true
}

/// One painting step; a frame is a list of them, and partial redraws compare lists.
enum DrawItem: Hashable {
    /// A solid rectangle.
    case fill(PixelRect, PixelColor)
    /// A line of text, clipped to its box.
    case text(PlacedText)

    /// The pixels the item can touch.
    var bounds: PixelRect {
        switch self {
        case .fill(let rect, _): rect
        case .text(let text): text.box
        }
    }
}

/// How a text element prints: emphasis, underline, character size and alignment.
public struct TextStyle: Sendable, Hashable {
    /// Character size as multiples of the normal font.
    public enum Size: Sendable, Hashable, CaseIterable {
        /// Normal width and height.
        case normal
        /// Twice as high, normal width.
        case doubleHeight
        /// Twice as wide, normal height; halves the characters per line.
        case doubleWidth
        /// Twice as wide and twice as high.
        case double

        /// How many normal character columns one character takes.
        public var widthMultiplier: Int {
            switch self {
            case .normal, .doubleHeight: 1
            case .doubleWidth, .double: 2
            }
        }

        /// How many normal line heights one character takes.
        public var heightMultiplier: Int {
            switch self {
            case .normal, .doubleWidth: 1
            case .doubleHeight, .double: 2
            }
        }
    }

    /// Horizontal placement of each line on the paper.
    public enum Alignment: Sendable, Hashable, CaseIterable {
        /// Flush left.
        case left
        /// Centred.
        case center
        /// Flush right.
        case right
    }

    /// Emphasised (bold) print.
    public var bold: Bool
    /// Underlined print.
    public var underline: Bool
    /// Character size.
    public var size: Size
    /// Line alignment.
    public var alignment: Alignment

    /// A style; the defaults give plain left-aligned text.
    public init(bold: Bool = false, underline: Bool = false, size: Size = .normal, alignment: Alignment = .left) {
        self.bold = bold
        self.underline = underline
        self.size = size
        self.alignment = alignment
    }

    /// Plain left-aligned text.
    public static let body = TextStyle()
    /// Plain centred text, e.g. the office name or opening hours.
    public static let centered = TextStyle(alignment: .center)
    /// Bold left-aligned text.
    public static let emphasized = TextStyle(bold: true)
    /// Bold, double-size, centred: the title of a ticket or receipt.
    public static let heading = TextStyle(bold: true, size: .double, alignment: .center)
    /// Bold, double-height, left-aligned: a section title.
    public static let subheading = TextStyle(bold: true, size: .doubleHeight)
    /// Plain right-aligned text, e.g. an amount.
    public static let rightAligned = TextStyle(alignment: .right)

    /// This style with another alignment.
    public func aligned(_ alignment: Alignment) -> TextStyle {
        var copy = self
        copy.alignment = alignment
        return copy
    }
}

/// Which font file each text role uses.
public struct FontFiles: Hashable, Sendable {
    /// Running text, options, notices.
    public var regular: String
    /// Title, highlight, keys.
    public var bold: String
    /// The aside (print preview), which lines up in columns.
    public var monospaced: String

    /// Creates a set of font files.
    public init(regular: String, bold: String, monospaced: String) {
        self.regular = regular
        self.bold = bold
        self.monospaced = monospaced
    }

    // DejaVu rather than Noto: one family covers Latin with Turkish, Cyrillic and Arabic (with OpenType joining
    // tables) in a few files, so the screens look alike in every language and the golden images depend on
    // one package (fonts-dejavu-core).
    /// DejaVu Sans as Debian installs it (fonts-dejavu-core).
    public static let debian = FontFiles(
        regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        monospaced: "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
    )
}

/// The kinds of text a screen draws, each with its own font file.
public enum FontRole: Int, Hashable, Sendable, CaseIterable {
    /// Running text.
    case regular
    /// Emphasis.
    case bold
    /// Columns.
    case monospaced
}

public import Devices

/// How a line of text looks on paper.
public struct TextStyle: Hashable, Sendable {
    /// Horizontal placement.
    public enum Alignment: UInt8, Sendable { case left = 0, center = 1, right = 2 }

    /// Emphasised.
    public var bold = false
    /// Double width and height.
    public var large = false
    /// Placement.
    public var alignment: Alignment = .left

    /// Creates a style.
    public init(bold: Bool = false, large: Bool = false, alignment: Alignment = .left) {
        self.bold = bold
        self.large = large
        self.alignment = alignment
    }

    /// Plain left-aligned text.
    public static let body = TextStyle()
    /// Centred bold text.
    public static let heading = TextStyle(bold: true, alignment: .center)
    /// Centred plain text.
    public static let centered = TextStyle(alignment: .center)
}

/// One element of a printout.
public enum PrintElement: Hashable, Sendable {
    /// Text, word-wrapped to the paper width.
    case text(String, TextStyle)
    /// The big ticket number, centred.
    case ticketNumber(String)
    /// A QR code holding the text.
    case qrCode(String)
    /// A full-width line.
    case rule
    /// Empty lines.
    case feed(Int)
    /// Cut the paper (partial cut leaves a hinge so tickets do not fall).
    case cut
}

/// A printout as a list of elements, independent of the printer's language.
public struct PrintDocument: Hashable, Sendable {
    /// The elements in order.
    public var elements: [PrintElement]

    /// Creates a document.
    public init(_ elements: [PrintElement]) { self.elements = elements }
}

/// What the encoder and the preview need to know of a printer model.
public struct PrinterProfile: Hashable, Sendable {
    /// Catalog id, e.g. "epson-tm-t20".
    public var id: String
    /// Characters per line in the normal font.
    public var columns: Int
    /// The code page used.
    public var codePage: CodePage

    /// Creates a profile.
    public init(id: String, columns: Int, codePage: CodePage) {
        self.id = id
        self.columns = columns
        self.codePage = codePage
    }

    /// The profile of a catalog model; nil when the model is no printer or shares no code page with us.
    public init?(model: DeviceModel) {
        guard let printer = model.printer,
            let codePage = printer.codePages.lazy.compactMap({ CodePage(rawValue: $0) }).first
        else { return nil }
        self.init(id: model.id, columns: printer.columns, codePage: codePage)
    }
}

/// Splits text into lines of at most `width` characters at spaces; longer words are split.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [text] }
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
        var word = Substring(word)
        while word.count > width {
            if !line.isEmpty {
                lines.append(line)
                line = ""
            }
            lines.append(String(word.prefix(width)))
            word = word.dropFirst(width)
        }
        if line.isEmpty {
            line = String(word)
        } else if line.count + 1 + word.count <= width {
            line += " " + word
        } else {
            lines.append(line)
            line = String(word)
        }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
}

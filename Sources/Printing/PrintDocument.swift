/// One printed piece: a ticket, a receipt, a confirmation; an ordered list of elements.
public struct PrintDocument: Sendable, Hashable {
    /// The elements in print order.
    public var elements: [PrintElement]

    /// A document with the given elements.
    public init(_ elements: [PrintElement] = []) {
        self.elements = elements
    }

    /// A document built with `if`, `for` and plain element lines.
    public init(@PrintDocumentBuilder _ build: () -> [PrintElement]) {
        self.elements = build()
    }

    /// Adds an element at the end.
    public mutating func append(_ element: PrintElement) {
        elements.append(element)
    }

    /// Whether the document cuts the paper anywhere.
    public var containsCut: Bool {
        elements.contains { if case .cut = $0 { true } else { false } }
    }
}

extension PrintDocument: ExpressibleByArrayLiteral {
    /// A document from an array literal of elements.
    public init(arrayLiteral elements: PrintElement...) {
        self.init(elements)
    }
}

/// One element of a document, in the order it prints.
public enum PrintElement: Sendable, Hashable {
    /// A line or paragraph, word-wrapped to the paper; "\n" starts a new line.
    case text(String, TextStyle = .body)
    /// The big number of a queue ticket (e.g. "A 017"), centred, as large as the paper allows up to 4x4.
    case ticketNumber(String)
    /// A QR code (model 2, error correction M) of the UTF-8 bytes of the payload; module size 1...16 dots.
    case qrCode(String, moduleSize: Int = 6)
    /// A one-dimensional barcode with the data printed below it.
    case barcode(String, BarcodeSymbology)
    /// A raster image such as the town's logo, centred.
    case image(MonochromeBitmap)
    /// A full-width line of '-'.
    case rule
    /// Blank paper of the given number of text lines.
    case feed(lines: Int)
    /// Feeds the printed part past the cutter and cuts; without a cutter only feeds to the tear bar.
    case cut(partial: Bool)
}

/// The barcode symbologies tickets and receipts use.
public enum BarcodeSymbology: String, Sendable, Hashable, Codable, CaseIterable {
    /// EAN-13 of 12 digits (the printer adds the check digit) or 13 digits with a correct check digit.
    case ean13
    /// Code 128, code set B: printable ASCII.
    case code128
}

/// Builds the element list of a `PrintDocument` from statements, conditions and loops.
@resultBuilder
public enum PrintDocumentBuilder {
    /// One element.
    public static func buildExpression(_ element: PrintElement) -> [PrintElement] { [element] }
    /// Several elements at once.
    public static func buildExpression(_ elements: [PrintElement]) -> [PrintElement] { elements }
    /// The statements of a block in order.
    public static func buildBlock(_ parts: [PrintElement]...) -> [PrintElement] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [PrintElement]?) -> [PrintElement] { part ?? [] }
    /// The first branch of an `if`/`else` or `switch`.
    public static func buildEither(first part: [PrintElement]) -> [PrintElement] { part }
    /// The second branch of an `if`/`else` or `switch`.
    public static func buildEither(second part: [PrintElement]) -> [PrintElement] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[PrintElement]]) -> [PrintElement] { parts.flatMap { $0 } }
}

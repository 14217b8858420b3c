public import Printing

/// Character attributes in force when a character was printed.
public struct DecodedStyle: Sendable, Hashable, CustomStringConvertible {
    /// Emphasised (ESC E, ESC ! bit 3).
    public var bold: Bool
    /// Underlined with one or two dots (ESC -, ESC ! bit 7).
    public var underline: Bool
    /// Character width multiplier, 1...8 (GS !, ESC ! bit 5).
    public var widthMultiplier: Int
    /// Character height multiplier, 1...8 (GS !, ESC ! bit 4).
    public var heightMultiplier: Int

    /// A style; the defaults are the printer's power-on state.
    public init(bold: Bool = false, underline: Bool = false, widthMultiplier: Int = 1, heightMultiplier: Int = 1) {
        self.bold = bold
        self.underline = underline
        self.widthMultiplier = widthMultiplier
        self.heightMultiplier = heightMultiplier
    }

    /// The attributes a `TextStyle` asks for.
    public init(_ style: TextStyle) {
        self.init(
            bold: style.bold,
            underline: style.underline,
            widthMultiplier: style.size.widthMultiplier,
            heightMultiplier: style.size.heightMultiplier
        )
    }

    /// The `TextStyle.Size` with these multipliers, or nil for sizes beyond double.
    public var size: TextStyle.Size? {
        TextStyle.Size.allCases.first {
            $0.widthMultiplier == widthMultiplier && $0.heightMultiplier == heightMultiplier
        }
    }

    /// A compact form for test failure messages.
    public var description: String {
        "\(bold ? "bold " : "")\(underline ? "underline " : "")\(widthMultiplier)x\(heightMultiplier)"
    }
}

/// Consecutive characters of a line with the same attributes.
public struct TextRun: Sendable, Hashable {
    /// The characters, decoded from the active code table.
    public var text: String
    /// Their attributes.
    public var style: DecodedStyle

    /// A run.
    public init(text: String, style: DecodedStyle) {
        self.text = text
        self.style = style
    }
}

/// One printed line of text.
public struct DecodedLine: Sendable, Hashable, CustomStringConvertible {
    /// The runs in order; empty for a blank line.
    public var runs: [TextRun]
    /// The alignment in force at the start of the line, which is where ESC a takes effect.
    public var alignment: TextStyle.Alignment
    /// Attributes of the first character, or those in force at the line feed of a blank line.
    public var style: DecodedStyle
    /// False when the line was not ended by a print command (LF, ESC d, ESC J) but by other output or the end.
    public var isTerminated: Bool

    /// A line.
    public init(runs: [TextRun], alignment: TextStyle.Alignment, style: DecodedStyle, isTerminated: Bool) {
        self.runs = runs
        self.alignment = alignment
        self.style = style
        self.isTerminated = isTerminated
    }

    /// The characters of all runs.
    public var text: String { runs.map(\.text).joined() }

    /// Whether every run has the same attributes.
    public var isUniform: Bool { runs.allSatisfy { $0.style == style } }

    /// The text with its alignment and style, for test failure messages.
    public var description: String { "\"\(text)\" \(alignment) \(style)\(isTerminated ? "" : " (unterminated)")" }
}

/// A QR code printed by GS ( k function 181 from the data stored with function 180.
public struct DecodedQRCode: Sendable, Hashable {
    /// The stored bytes.
    public var data: [UInt8]
    /// Module size in dots, 1...16.
    public var moduleSize: Int
    /// Error correction: 48 L, 49 M, 50 Q, 51 H.
    public var errorCorrection: UInt8
    /// Model: 49 model 1, 50 model 2, 51 micro QR.
    public var model: UInt8

    /// A QR code.
    public init(data: [UInt8], moduleSize: Int, errorCorrection: UInt8, model: UInt8) {
        self.data = data
        self.moduleSize = moduleSize
        self.errorCorrection = errorCorrection
        self.model = model
    }

    /// The data as UTF-8 text, or nil when it is not valid UTF-8.
    public var payload: String? {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }
}

/// A barcode printed by GS k.
public struct DecodedBarcode: Sendable, Hashable {
    /// The m of GS k (0...6 NUL-terminated form, 65...79 counted form).
    public var command: UInt8
    /// The data bytes as sent, with code set prefix and escapes.
    public var data: [UInt8]
    /// The symbology when it is one the encoder uses.
    public var symbology: BarcodeSymbology?
    /// The encoded characters (Code 128 code set B unescaped), or nil when the data uses other code sets.
    public var text: String?
    /// Bar height in dots (GS h).
    public var height: Int
    /// Module width in dots (GS w).
    public var moduleWidth: Int
    /// Human-readable text position (GS H): 0 none, 1 above, 2 below, 3 both.
    public var hriPosition: Int

    /// A barcode.
    public init(
        command: UInt8,
        data: [UInt8],
        symbology: BarcodeSymbology?,
        text: String?,
        height: Int,
        moduleWidth: Int,
        hriPosition: Int
    ) {
        self.command = command
        self.data = data
        self.symbology = symbology
        self.text = text
        self.height = height
        self.moduleWidth = moduleWidth
        self.hriPosition = hriPosition
    }
}

/// A raster image printed by GS v 0.
public struct DecodedImage: Sendable, Hashable {
    /// The image; its width is the byte width times eight, padding included.
    public var bitmap: MonochromeBitmap
    /// Printed at double width.
    public var doubleWidth: Bool
    /// Printed at double height.
    public var doubleHeight: Bool

    /// An image.
    public init(bitmap: MonochromeBitmap, doubleWidth: Bool = false, doubleHeight: Bool = false) {
        self.bitmap = bitmap
        self.doubleWidth = doubleWidth
        self.doubleHeight = doubleHeight
    }
}

/// A paper cut by GS V.
public struct DecodedCut: Sendable, Hashable {
    /// Partial (one point left uncut) rather than full.
    public var partial: Bool
    /// The feed the command itself asks for before cutting (GS V 65/66/97/98/103/104 n), nil for GS V 0/1.
    public var feed: Int?

    /// A cut.
    public init(partial: Bool, feed: Int? = nil) {
        self.partial = partial
        self.feed = feed
    }
}

/// One thing an ESC/POS stream does, in stream order.
public enum DecodedItem: Sendable, Hashable {
    /// ESC @.
    case initialize
    /// ESC t selecting a known table.
    case codePage(CodePage)
    /// A line of text.
    case text(DecodedLine)
    /// A printed QR code.
    case qrCode(DecodedQRCode)
    /// A printed barcode.
    case barcode(DecodedBarcode)
    /// A printed raster image.
    case image(DecodedImage)
    /// ESC d n: n lines fed.
    case feed(lines: Int)
    /// ESC J n: n dots fed.
    case feedDots(Int)
    /// A cut.
    case cut(DecodedCut)
    /// DLE EOT n: a real-time status request.
    case statusRequest(UInt8)
    /// A command or byte the decoder does not model, with all of its bytes where its length is known.
    case unknown([UInt8])
}

extension Array where Element == DecodedItem {
    /// The text lines.
    public var lines: [DecodedLine] {
        compactMap { if case .text(let line) = $0 { line } else { nil } }
    }

    /// The text of the text lines.
    public var textLines: [String] { lines.map(\.text) }

    /// The QR codes.
    public var qrCodes: [DecodedQRCode] {
        compactMap { if case .qrCode(let code) = $0 { code } else { nil } }
    }

    /// The barcodes.
    public var barcodes: [DecodedBarcode] {
        compactMap { if case .barcode(let code) = $0 { code } else { nil } }
    }

    /// The raster images.
    public var images: [DecodedImage] {
        compactMap { if case .image(let image) = $0 { image } else { nil } }
    }

    /// The cuts.
    public var cuts: [DecodedCut] {
        compactMap { if case .cut(let cut) = $0 { cut } else { nil } }
    }

    /// The bytes of every unknown item.
    public var unknownCommands: [[UInt8]] {
        compactMap { if case .unknown(let bytes) = $0 { bytes } else { nil } }
    }
}

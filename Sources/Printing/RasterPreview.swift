public import Foundation
import QRCode

/// Renders a document dot for dot as the printer will put it on paper: for the technician, and for
/// golden-image tests. It follows the encoder's layout, so preview and paper wrap and shrink alike.
public struct RasterPreview: Sendable {
    /// The encoder whose layout the preview draws.
    public let encoder: ESCPOSEncoder

    /// Dots from one text line to the next: the ESC/POS default line spacing (ESC 2), 30 dots.
    public static let lineSpacing = 30
    /// Gap between the bars of a barcode and its human-readable text.
    static let humanReadableGap = 4

    /// A preview for the printer.
    public init(profile: PrinterProfile, transliterator: Transliterator = Transliterator()) {
        self.encoder = ESCPOSEncoder(profile: profile, transliterator: transliterator)
    }

    /// The document as a PNG as wide as the printer's dots per line.
    public static func png(document: PrintDocument, profile: PrinterProfile) -> Data {
        PNGCodec.encode(RasterPreview(profile: profile).render(document))
    }

    /// The document as dots, `profile.dotsPerLine` wide, as long as the paper it takes.
    public func render(_ document: PrintDocument) -> MonochromeBitmap {
        var paper = Paper(width: encoder.profile.dotsPerLine)
        for element in document.elements {
            draw(encoder.layout(element), on: &paper)
        }
        return paper.bitmap
    }

    private func draw(_ layout: ElementLayout, on paper: inout Paper) {
        switch layout {
        case .text(let lines, let style, _):
            for line in lines {
                drawLine(CodePageEncoder.plainSpaces(line), style: style, on: &paper)
            }
        case .ticketNumber(let lines, let scale, _):
            for line in lines {
                drawLine(
                    CodePageEncoder.plainSpaces(line), scale: (scale, scale), bold: true, underline: false,
                    alignment: .center, on: &paper)
            }
        case .qrCode(let data, _, let moduleSize):
            // GS ( k as the encoder sends it: model 2, level M, the printer's choice of version for the bytes.
            guard let code = try? QRCode(bytes: data, errorCorrection: .medium) else { return }
            let side = code.size * moduleSize
            let left = max(0, (paper.width - side) / 2)
            paper.grow(by: side)
            for y in 0..<side {
                for x in 0..<side where code[x: x / moduleSize, y: y / moduleSize] {
                    paper.set(left + x, paper.top + y)
                }
            }
            paper.top += side
        case .barcode(let barcode):
            drawBarcode(barcode, on: &paper)
        case .image(let bitmap, _):
            // GS v 0 prints whole bytes, so the image is centred on its byte width.
            let left = max(0, (paper.width - bitmap.bytesPerRow * 8) / 2)
            paper.grow(by: bitmap.height)
            for y in 0..<bitmap.height {
                for x in 0..<bitmap.width where bitmap[x: x, y: y] {
                    paper.set(left + x, paper.top + y)
                }
            }
            paper.top += bitmap.height
        case .rule(let line):
            drawLine(line, style: .body, on: &paper)
        case .feed(let lines):
            paper.feed(lines * Self.lineSpacing)
        case .cut(_, let feedLines, let hasCutter):
            paper.feed(feedLines * Self.lineSpacing)
            // Not ink: where the cutter cuts (long dashes) or where to tear (short ones).
            paper.grow(by: 1)
            let dash = hasCutter ? 8 : 2
            for x in 0..<paper.width where (x / dash) % 2 == 0 {
                paper.set(x, paper.top)
            }
            paper.top += 1
        case .omitted:
            break
        }
    }

    private func drawLine(_ text: String, style: TextStyle, on paper: inout Paper) {
        drawLine(
            text, scale: (style.size.widthMultiplier, style.size.heightMultiplier), bold: style.bold,
            underline: style.underline, alignment: style.alignment, on: &paper)
    }

    /// One line of font A characters; the line is as high as its tallest character or the line spacing.
    private func drawLine(
        _ text: String, scale: (width: Int, height: Int), bold: Bool, underline: Bool,
        alignment: TextStyle.Alignment, on paper: inout Paper
    ) {
        let scalars = Array(text.unicodeScalars)
        let cell = FontA.width * scale.width
        let lineWidth = scalars.count * cell
        let left = Self.offset(of: lineWidth, in: paper.width, alignment)
        let glyphHeight = FontA.height * scale.height
        paper.grow(by: max(Self.lineSpacing, glyphHeight))
        for (index, scalar) in scalars.enumerated() {
            let rows = FontA.rows(for: scalar)
            for y in 0..<glyphHeight {
                let bits = rows[y / scale.height]
                guard bits != 0 else { continue }
                for x in 0..<cell where bits & (0x800 >> UInt16(x / scale.width)) != 0 {
                    let dotX = left + index * cell + x
                    paper.set(dotX, paper.top + y)
                    // Emphasised print strikes each dot again one dot to the right.
                    if bold { paper.set(dotX + 1, paper.top + y) }
                }
            }
        }
        if underline {
            for x in left..<(left + lineWidth) { paper.set(x, paper.top + glyphHeight - 1) }
        }
        paper.top += max(Self.lineSpacing, glyphHeight)
    }

    private func drawBarcode(_ barcode: BarcodeLayout, on paper: inout Paper) {
        guard let modules = BarcodePattern.modules(for: barcode.symbology, text: barcode.text) else { return }
        let width = modules.count * barcode.moduleWidth
        let left = Self.offset(of: width, in: paper.width, .center)
        let height = Int(ESCPOSEncoder.barcodeHeight)
        paper.grow(by: height)
        for (index, bar) in modules.enumerated() where bar {
            for x in 0..<barcode.moduleWidth {
                for y in 0..<height { paper.set(left + index * barcode.moduleWidth + x, paper.top + y) }
            }
        }
        paper.top += height
        paper.feed(Self.humanReadableGap)
        // GS H 2: the data in font A below the bars.
        let text = barcode.symbology == .ean13 ? BarcodePattern.ean13HumanReadable(barcode.text) : barcode.text
        drawLine(text, style: .centered, on: &paper)
    }

    private static func offset(of width: Int, in paperWidth: Int, _ alignment: TextStyle.Alignment) -> Int {
        switch alignment {
        case .left: 0
        case .center: max(0, (paperWidth - width) / 2)
        case .right: max(0, paperWidth - width)
        }
    }
}

/// The paper while it is printed: rows added as the print position moves down.
private struct Paper {
    let width: Int
    /// Where the next element starts.
    var top = 0
    private var dots: [Bool] = []

    init(width: Int) {
        self.width = max(1, width)
    }

    var height: Int { dots.count / width }

    mutating func grow(by rows: Int) {
        let needed = (top + rows) * width
        if dots.count < needed { dots += Array(repeating: false, count: needed - dots.count) }
    }

    mutating func feed(_ rows: Int) {
        grow(by: rows)
        top += rows
    }

    /// Blackens a dot; dots beside the paper are lost, as on the printer.
    mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        dots[y * width + x] = true
    }

    var bitmap: MonochromeBitmap {
        MonochromeBitmap(width: width, height: height) { x, y in dots[y * width + x] }
    }
}

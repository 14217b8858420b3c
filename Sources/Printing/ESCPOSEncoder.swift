/// Encodes documents as ESC/POS bytes for one printer profile; the same input always gives the same bytes.
public struct ESCPOSEncoder: Sendable {
    /// The printer the bytes are for.
    public let profile: PrinterProfile
    /// The code table selected at the start of every job.
    public let codePage: CodePage
    /// Text to bytes in `codePage`.
    public let textEncoder: CodePageEncoder

    /// Rows of one raster band; printers with small receive buffers reject taller GS v 0 images.
    public static let maximumRasterBandHeight = 960
    /// Barcode bar height in dots (10 mm at 203 dpi).
    public static let barcodeHeight: UInt8 = 80

    /// An encoder for the printer; the code table is `profile.preferredCodePage`.
    public init(profile: PrinterProfile, transliterator: Transliterator = Transliterator()) {
        self.profile = profile
        self.codePage = profile.preferredCodePage
        self.textEncoder = CodePageEncoder(codePage: codePage, transliterator: transliterator)
    }

    /// Characters per line for text of the given size.
    public func columns(for size: TextStyle.Size) -> Int {
        max(1, profile.charactersPerLine / size.widthMultiplier)
    }

    /// The printed lines of a text element, transliterated and wrapped, as the paper shows them.
    public func lines(for text: String, style: TextStyle) -> [String] {
        TextWrapper.wrap(textEncoder.transliterate(text).text, width: columns(for: style.size))
            .map(CodePageEncoder.plainSpaces)
    }

    /// The character scale (1...4) a ticket number prints at on this paper.
    public func ticketNumberScale(for number: String) -> Int {
        if case .ticketNumber(_, let scale, _) = layout(.ticketNumber(number)) {
            return scale
        }
        return 1
    }

    /// What will not print as written; empty for a clean document.
    public func problems(in document: PrintDocument) -> [EncodingProblem] {
        var problems: [EncodingProblem] = []
        for (index, element) in document.elements.enumerated() {
            switch layout(element) {
            case .text(_, _, let count) where count > 0, .ticketNumber(_, _, let count) where count > 0:
                problems.append(EncodingProblem(elementIndex: index, kind: .unrepresentableCharacters(count: count)))
            case .image(let bitmap, let originalWidth) where bitmap.width < originalWidth:
                problems.append(
                    EncodingProblem(
                        elementIndex: index,
                        kind: .imageCropped(width: originalWidth, printedWidth: bitmap.width)
                    )
                )
            case .omitted(let kind):
                problems.append(EncodingProblem(elementIndex: index, kind: kind))
            default:
                break
            }
        }
        return problems
    }

    /// The print job: ESC @, ESC t, then every element, each leaving the default style behind it.
    public func encode(_ document: PrintDocument) -> [UInt8] {
        var bytes: [UInt8] = [0x1B, 0x40, 0x1B, 0x74, codePage.escPosNumber]
        for element in document.elements {
            append(layout(element), to: &bytes)
        }
        return bytes
    }

    private func append(_ layout: ElementLayout, to bytes: inout [UInt8]) {
        switch layout {
        case .text(let lines, let style, _):
            appendText(lines, style: style, to: &bytes)
        case .ticketNumber(let lines, let scale, _):
            let size = UInt8((scale - 1) << 4 | (scale - 1))
            bytes += [0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01, 0x1D, 0x21, size]
            for line in lines {
                bytes += textEncoder.bytes(forTransliterated: line) + [0x0A]
            }
            bytes += [0x1D, 0x21, 0x00, 0x1B, 0x45, 0x00, 0x1B, 0x61, 0x00]
        case .qrCode(let data, _, let moduleSize):
            let length = data.count + 3
            bytes += [0x1B, 0x61, 0x01]
            bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
            bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, UInt8(moduleSize)]
            bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]
            bytes += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30] + data
            bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
            bytes += [0x1B, 0x61, 0x00]
        case .barcode(let barcode):
            bytes += [0x1B, 0x61, 0x01]
            bytes += [0x1D, 0x68, Self.barcodeHeight, 0x1D, 0x77, UInt8(barcode.moduleWidth), 0x1D, 0x48, 0x02]
            bytes += [0x1D, 0x6B, barcode.command, UInt8(barcode.data.count)] + barcode.data
            bytes += [0x1B, 0x61, 0x00]
        case .image(let bitmap, _):
            appendImage(bitmap, to: &bytes)
        case .rule(let line):
            bytes += textEncoder.bytes(forTransliterated: line) + [0x0A]
        case .feed(let lines):
            appendFeed(lines, to: &bytes)
        case .cut(let partial, let feedLines, let hasCutter):
            appendFeed(feedLines, to: &bytes)
            if hasCutter {
                bytes += [0x1D, 0x56, partial ? 0x01 : 0x00]
            }
        case .omitted:
            break
        }
    }

    private func appendText(_ lines: [String], style: TextStyle, to bytes: inout [UInt8]) {
        let alignment = style.alignment.escPosValue
        let mode = style.printMode
        if alignment != 0 {
            bytes += [0x1B, 0x61, alignment]
        }
        if mode != 0 {
            bytes += [0x1B, 0x21, mode]
        }
        for line in lines {
            bytes += textEncoder.bytes(forTransliterated: line) + [0x0A]
        }
        if mode != 0 {
            bytes += [0x1B, 0x21, 0x00]
        }
        if alignment != 0 {
            bytes += [0x1B, 0x61, 0x00]
        }
    }

    private func appendImage(_ bitmap: MonochromeBitmap, to bytes: inout [UInt8]) {
        guard bitmap.width > 0, bitmap.height > 0 else { return }
        bytes += [0x1B, 0x61, 0x01]
        var top = 0
        while top < bitmap.height {
            let band = bitmap.rows(top..<min(bitmap.height, top + Self.maximumRasterBandHeight))
            let x = band.bytesPerRow
            let y = band.height
            bytes += [0x1D, 0x76, 0x30, 0x00, UInt8(x & 0xFF), UInt8(x >> 8), UInt8(y & 0xFF), UInt8(y >> 8)]
            bytes += band.packedRows
            top += band.height
        }
        bytes += [0x1B, 0x61, 0x00]
    }

    private func appendFeed(_ lines: Int, to bytes: inout [UInt8]) {
        var remaining = lines
        while remaining > 0 {
            let chunk = min(remaining, 255)
            bytes += [0x1B, 0x64, UInt8(chunk)]
            remaining -= chunk
        }
    }
}

extension TextStyle {
    /// The n of ESC ! n: bit 3 emphasised, bit 4 double height, bit 5 double width, bit 7 underline.
    var printMode: UInt8 {
        var mode: UInt8 = 0
        if bold { mode |= 0x08 }
        if size.heightMultiplier == 2 { mode |= 0x10 }
        if size.widthMultiplier == 2 { mode |= 0x20 }
        if underline { mode |= 0x80 }
        return mode
    }
}

extension TextStyle.Alignment {
    /// The n of ESC a n.
    var escPosValue: UInt8 {
        switch self {
        case .left: 0
        case .center: 1
        case .right: 2
        }
    }
}

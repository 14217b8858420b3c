/// What one element becomes on a given printer; shared by the encoder, its problem report and the preview.
enum ElementLayout {
    case text(lines: [String], style: TextStyle, unrepresentable: Int)
    case ticketNumber(lines: [String], scale: Int, unrepresentable: Int)
    case qrCode(data: [UInt8], payload: String, moduleSize: Int)
    case barcode(BarcodeLayout)
    case image(MonochromeBitmap, originalWidth: Int)
    case rule(String)
    case feed(lines: Int)
    case cut(partial: Bool, feedLines: Int, hasCutter: Bool)
    case omitted(EncodingProblem.Kind)
}

/// A barcode ready for GS k.
struct BarcodeLayout {
    var symbology: BarcodeSymbology
    /// The m of GS k m n.
    var command: UInt8
    /// The bytes after n, with the code set prefix and escapes.
    var data: [UInt8]
    /// The data as given, for the preview.
    var text: String
    var moduleWidth: Int
}

extension ESCPOSEncoder {
    func layout(_ element: PrintElement) -> ElementLayout {
        switch element {
        case .text(let text, let style):
            let transliteration = textEncoder.transliterate(text)
            let lines = TextWrapper.wrap(transliteration.text, width: columns(for: style.size))
            return .text(lines: lines, style: style, unrepresentable: transliteration.unrepresentableCount)
        case .ticketNumber(let number):
            return ticketLayout(number)
        case .qrCode(let payload, let moduleSize):
            return qrLayout(payload, moduleSize: moduleSize)
        case .barcode(let data, let symbology):
            return barcodeLayout(data, symbology)
        case .image(let bitmap):
            return .image(bitmap.cropped(toWidth: profile.dotsPerLine / 8 * 8), originalWidth: bitmap.width)
        case .rule:
            return .rule(String(repeating: "-", count: profile.charactersPerLine))
        case .feed(let lines):
            return .feed(lines: max(0, lines))
        case .cut(let partial):
            return .cut(partial: partial, feedLines: max(0, profile.feedLinesBeforeCut), hasCutter: profile.hasCutter)
        }
    }

    private func ticketLayout(_ number: String) -> ElementLayout {
        let transliteration = textEncoder.transliterate(number)
        let paragraphs = TextWrapper.wrap(transliteration.text, width: Int.max)
        let longest = paragraphs.map(\.count).max() ?? 0
        // 4x4 where the paper allows it: on 58 mm that is 8 characters, enough for "A 017".
        let scale = [4, 3, 2].first { longest <= profile.charactersPerLine / $0 } ?? 1
        let lines = TextWrapper.wrap(transliteration.text, width: profile.charactersPerLine / scale)
        return .ticketNumber(lines: lines, scale: scale, unrepresentable: transliteration.unrepresentableCount)
    }

    private func qrLayout(_ payload: String, moduleSize: Int) -> ElementLayout {
        let data = Array(payload.utf8)
        guard !data.isEmpty else { return .omitted(.qrPayloadEmpty) }
        guard let version = Self.qrByteCapacityLevelM.firstIndex(where: { $0 >= data.count }) else {
            return .omitted(.qrPayloadTooLong(byteCount: data.count))
        }
        // The printer prints nothing when the symbol is wider than the paper, so shrink the modules instead.
        let modules = 17 + 4 * (version + 1)
        let size = min(min(max(moduleSize, 1), 16), max(1, profile.dotsPerLine / modules))
        return .qrCode(data: data, payload: payload, moduleSize: size)
    }

    /// Bytes a QR code of version 1...40 holds in byte mode at error correction level M (ISO/IEC 18004).
    static let qrByteCapacityLevelM = [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
        711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099,
        2213, 2331,
    ]

    private func barcodeLayout(_ text: String, _ symbology: BarcodeSymbology) -> ElementLayout {
        let command: UInt8
        let data: [UInt8]
        let modules: Int
        switch symbology {
        case .ean13:
            guard Self.isValidEAN13(text) else { return .omitted(.invalidBarcodeData(symbology)) }
            command = 67
            data = Array(text.utf8)
            modules = 95
        case .code128:
            let scalars = text.unicodeScalars
            guard !scalars.isEmpty, scalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
                return .omitted(.invalidBarcodeData(symbology))
            }
            command = 73
            // "{" starts a code set or function code in Epson's Code 128 data, so a literal one is doubled.
            data = Array("{B".utf8) + scalars.flatMap { $0 == "{" ? [0x7B, 0x7B] : [UInt8($0.value)] }
            // Start, data, check symbol of 11 modules each, and a stop pattern of 13.
            modules = 11 * (scalars.count + 2) + 13
            guard data.count <= 255 else { return .omitted(.barcodeTooWide(symbology)) }
        }
        let moduleWidth = min(3, profile.dotsPerLine / modules)
        guard moduleWidth >= 2 else { return .omitted(.barcodeTooWide(symbology)) }
        return .barcode(
            BarcodeLayout(symbology: symbology, command: command, data: data, text: text, moduleWidth: moduleWidth)
        )
    }

    static func isValidEAN13(_ text: String) -> Bool {
        let digits = text.unicodeScalars.compactMap { (0x30...0x39).contains($0.value) ? Int($0.value) - 0x30 : nil }
        guard digits.count == text.unicodeScalars.count, digits.count == 12 || digits.count == 13 else {
            return false
        }
        guard digits.count == 13 else { return true }
        let sum = digits.prefix(12).enumerated().reduce(0) { sum, pair in
            sum + pair.element * (pair.offset % 2 == 0 ? 1 : 3)
        }
        return (10 - sum % 10) % 10 == digits[12]
    }
}

import Printing
import PrintingTesting
import Testing

/// Encoder → decoder for seeded random documents: what comes back is what the document asked for.
@Suite struct RoundTripTests {
    static let profiles: [PrinterProfile] =
        PrinterProfile.examples + [
            profile(.epsonTMT20, codePages: [.pc437]), profile(.generic58mm, codePages: [.wpc1252]),
        ]

    @Test(arguments: profiles)
    func randomDocumentsRoundTrip(profile: PrinterProfile) throws {
        let encoder = ESCPOSEncoder(profile: profile)
        var generator = RandomDocumentGenerator(seed: UInt64(profile.id.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for _ in 0..<150 {
            let document = generator.document()
            let bytes = encoder.encode(document)
            let items = try ESCPOSDecoder().decode(bytes)
            try check(document, items, encoder)
        }
    }

    @Test func namesRoundTripAsTheirTransliteration() throws {
        let names = ["Ахмед Шевченко", "Jürgen Weiß", "Zoë Ødegård", "محمد علي", "Łukasz Żółć", "Ayşe Yılmaz", "Ελένη"]
        for profile in Self.profiles {
            let encoder = ESCPOSEncoder(profile: profile)
            let items = try ESCPOSDecoder().decode(encoder.encode(PrintDocument(names.map { .text($0) })))
            #expect(items.textLines == names.map(encoder.textEncoder.printable), "\(profile.id)")
            #expect(!items.textLines.joined().contains("?"))
        }
    }

    /// Walks the elements and the decoded items side by side.
    private func check(_ document: PrintDocument, _ items: [DecodedItem], _ encoder: ESCPOSEncoder) throws {
        let profile = encoder.profile
        try #require(items.count >= 2)
        #expect(items[0] == .initialize)
        #expect(items[1] == .codePage(encoder.codePage))
        #expect(items.unknownCommands.isEmpty)
        var rest = items.dropFirst(2)

        func next() -> DecodedItem? {
            rest.popFirst()
        }

        func nextLines(_ count: Int) -> [DecodedLine] {
            (0..<count).compactMap { _ in
                if case .text(let line) = next() { line } else { nil }
            }
        }

        for element in document.elements {
            let omitted = !encoder.problems(in: [element]).filter(\.isOmission).isEmpty
            switch element {
            case .text(let text, let style):
                let printable = encoder.textEncoder.printable(text)
                let expected = encoder.lines(for: text, style: style)
                let lines = nextLines(expected.count)
                #expect(lines.map(\.text) == expected)
                for line in lines {
                    #expect(line.style == DecodedStyle(style) && line.isUniform && line.isTerminated)
                    #expect(line.alignment == style.alignment)
                    #expect(line.text.count <= encoder.columns(for: style.size))
                }
                // Nothing but the spaces at line breaks may differ from the transliterated input.
                let width = encoder.columns(for: style.size)
                if printable.split(separator: " ").allSatisfy({ $0.count <= width }) {
                    #expect(lines.map(\.text).joined(separator: " ") == printable)
                } else {
                    #expect(lines.map(\.text).joined().filter { $0 != " " } == printable.filter { $0 != " " })
                }
            case .ticketNumber(let number):
                let scale = encoder.ticketNumberScale(for: number)
                let printable = encoder.textEncoder.printable(number)
                let lines = nextLines(TextWrapper.wrap(printable, width: profile.charactersPerLine / scale).count)
                #expect(lines.map(\.text).joined(separator: " ") == printable)
                for line in lines {
                    #expect(line.style == DecodedStyle(bold: true, widthMultiplier: scale, heightMultiplier: scale))
                    #expect(line.alignment == .center)
                }
            case .qrCode(let payload, let moduleSize):
                guard !omitted else { continue }
                guard case .qrCode(let code) = next() else {
                    Issue.record("expected a QR code")
                    return
                }
                #expect(code.payload == payload)
                #expect(code.moduleSize <= min(max(moduleSize, 1), 16) && code.moduleSize >= 1)
                #expect(code.errorCorrection == 0x31 && code.model == 0x32)
            case .barcode(let data, let symbology):
                guard !omitted else { continue }
                guard case .barcode(let barcode) = next() else {
                    Issue.record("expected a barcode")
                    return
                }
                #expect(barcode.text == data && barcode.symbology == symbology && barcode.hriPosition == 2)
            case .image(let bitmap):
                guard case .image(let image) = next() else {
                    Issue.record("expected an image")
                    return
                }
                let printedWidth = min(bitmap.width, profile.dotsPerLine)
                let padded = MonochromeBitmap(width: (printedWidth + 7) / 8 * 8, height: bitmap.height) { x, y in
                    x < printedWidth && bitmap[x: x, y: y]
                }
                #expect(image.bitmap == padded)
            case .rule:
                #expect(nextLines(1).map(\.text) == [String(repeating: "-", count: profile.charactersPerLine)])
            case .feed(let lines):
                var fed = 0
                while fed < lines, case .feed(let count) = next() {
                    fed += count
                }
                #expect(fed == max(0, lines))
            case .cut(let partial):
                #expect(next() == .feed(lines: profile.feedLinesBeforeCut))
                if profile.hasCutter {
                    #expect(next() == .cut(DecodedCut(partial: partial)))
                }
            }
        }
        #expect(rest.isEmpty, "left over: \(Array(rest))")
    }
}

extension EncodingProblem {
    /// Whether the element prints nothing at all.
    var isOmission: Bool {
        switch kind {
        case .qrPayloadEmpty, .qrPayloadTooLong, .invalidBarcodeData, .barcodeTooWide: true
        case .unrepresentableCharacters, .imageCropped: false
        }
    }
}

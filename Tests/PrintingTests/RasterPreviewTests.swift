import KioskCore
import KioskTesting
import PrintingTesting
import QRCode
import Testing

@testable import Printing

/// The PNG preview draws what the encoder sends: checked dot by dot against the font, the layout and the codes.
@Suite struct RasterPreviewTests {
    /// The dots of a rectangle of the bitmap, row by row.
    static func dots(_ bitmap: MonochromeBitmap, x: Int, y: Int, width: Int, height: Int) -> [[Bool]] {
        (y..<(y + height)).map { row in (x..<(x + width)).map { bitmap[x: $0, y: row] } }
    }

    /// The glyph of a character as rows of dots.
    static func glyph(_ character: Unicode.Scalar) -> [[Bool]] {
        FontA.rows(for: character).map { bits in (0..<FontA.width).map { bits & (0x800 >> UInt16($0)) != 0 } }
    }

    static func blackCount(_ bitmap: MonochromeBitmap) -> Int {
        (0..<bitmap.height).reduce(0) { sum, y in sum + (0..<bitmap.width).filter { bitmap[x: $0, y: y] }.count }
    }

    @Test func fontCoversEveryCharacterOfEveryCodePage() {
        for page in CodePage.allCases {
            for byte in UInt8(0x20)...0xFF {
                guard let scalar = page.scalar(for: byte) else { continue }
                #expect(FontA.glyphs[scalar] != nil, "\(page) \(byte): U+\(String(scalar.value, radix: 16))")
            }
        }
        #expect(FontA.glyphs["€"] != nil && FontA.glyphs["ß"] != nil && FontA.glyphs["ÿ"] != nil)
        // Glyphs differ: a table that loaded as all blanks would pass the check above.
        #expect(Set(["A", "B", "Ä", "€"].map { FontA.rows(for: $0) }).count == 4)
    }

    @Test(arguments: PrinterProfile.examples)
    func previewIsAsWideAsThePrinterPrints(profile: PrinterProfile) {
        let bitmap = RasterPreview(profile: profile).render(TicketLayout.document(TicketLayoutTests.printout))
        #expect(bitmap.width == profile.dotsPerLine)
        #expect(bitmap.height > 400)
    }

    @Test func textLinesAreGlyphsInTwelveDotCellsThirtyDotsApart() {
        let preview = RasterPreview(profile: .epsonTMT20)
        let bitmap = preview.render([.text("Hä\n€"), .text("X", .rightAligned), .text("Ok", .centered)])
        #expect(bitmap.height == 4 * RasterPreview.lineSpacing)
        #expect(Self.dots(bitmap, x: 0, y: 0, width: 12, height: 24) == Self.glyph("H"))
        #expect(Self.dots(bitmap, x: 12, y: 0, width: 12, height: 24) == Self.glyph("ä"))
        #expect(Self.dots(bitmap, x: 0, y: 30, width: 12, height: 24) == Self.glyph("€"))
        #expect(Self.dots(bitmap, x: 576 - 12, y: 60, width: 12, height: 24) == Self.glyph("X"))
        #expect(Self.dots(bitmap, x: 288 - 12, y: 90, width: 12, height: 24) == Self.glyph("O"))
        #expect(Self.dots(bitmap, x: 288, y: 90, width: 12, height: 24) == Self.glyph("k"))
        // The gap between lines stays white.
        #expect(Self.dots(bitmap, x: 0, y: 24, width: 576, height: 6).allSatisfy { !$0.contains(true) })
    }

    @Test func euroSignFollowsTheCodePage() {
        // The 58 mm clone has no table with "€": the paper shows "EUR", and so does the preview.
        let bitmap = RasterPreview(profile: .generic58mm).render([.text("€")])
        #expect(Self.dots(bitmap, x: 0, y: 0, width: 12, height: 24) == Self.glyph("E"))
        #expect(Self.dots(bitmap, x: 24, y: 0, width: 12, height: 24) == Self.glyph("R"))
    }

    @Test func doubleSizeBoldAndUnderline() {
        let preview = RasterPreview(profile: .epsonTMT20)
        let plain = preview.render([.text("W")])
        let double = preview.render([.text("W", TextStyle(size: .double))])
        #expect(double.height == 48)
        for y in 0..<48 {
            for x in 0..<24 {
                #expect(double[x: x, y: y] == plain[x: x / 2, y: y / 2])
            }
        }
        let wide = preview.render([.text("W", TextStyle(size: .doubleWidth))])
        #expect(wide.height == 30 && wide[x: 23, y: 10] == plain[x: 11, y: 10])
        let bold = preview.render([.text("W", .emphasized)])
        for y in 0..<24 {
            for x in 0..<13 {
                #expect(bold[x: x, y: y] == (plain[x: x, y: y] || plain[x: x - 1, y: y]))
            }
        }
        let underlined = preview.render([.text("W W", TextStyle(underline: true))])
        #expect((0..<36).allSatisfy { underlined[x: $0, y: 23] })
        #expect(!underlined[x: 36, y: 23])
    }

    @Test func ticketNumberIsBoldAtTheEncodersScale() {
        for profile in [PrinterProfile.epsonTMT20, .generic58mm] {
            let encoder = ESCPOSEncoder(profile: profile)
            let scale = encoder.ticketNumberScale(for: "A 017")
            let bitmap = RasterPreview(profile: profile).render([.ticketNumber("A 017")])
            #expect(bitmap.height == 24 * scale)
            let left = (profile.dotsPerLine - 5 * 12 * scale) / 2
            let zero = Self.glyph("0")
            for y in 0..<(24 * scale) {
                for x in 0..<(12 * scale) {
                    let dot = zero[y / scale][x / scale] || (x > 0 && zero[y / scale][(x - 1) / scale])
                    #expect(bitmap[x: left + 2 * 12 * scale + x, y: y] == dot)
                }
            }
        }
    }

    @Test func qrCodeIsTheSymbolAtTheLayoutsModuleSizeCentred() throws {
        let payload = "https://kiosk.example/q/1f0e"
        for profile in PrinterProfile.examples {
            let bitmap = RasterPreview(profile: profile).render([.qrCode(payload, moduleSize: 6)])
            guard
                case .qrCode(_, _, let moduleSize) = ESCPOSEncoder(profile: profile).layout(
                    .qrCode(payload, moduleSize: 6))
            else {
                Issue.record("no QR layout")
                continue
            }
            // The printer encodes the bytes itself at level M; our encoder is the stand-in for it.
            let code = try QRCodeSymbol.symbol(payload)
            #expect(bitmap.height == code.size * moduleSize)
            let left = (profile.dotsPerLine - code.size * moduleSize) / 2
            for y in 0..<bitmap.height {
                for x in 0..<profile.dotsPerLine {
                    let inside = x >= left && x < left + code.size * moduleSize
                    #expect(bitmap[x: x, y: y] == (inside && code[x: (x - left) / moduleSize, y: y / moduleSize]))
                }
            }
        }
    }

    @Test func imageIsCentredOnItsByteWidthAndCutIsMarked() {
        let logo = MonochromeBitmap(width: 20, height: 10) { x, y in (x + y) % 3 == 0 }
        let bitmap = RasterPreview(profile: .generic58mm).render([.image(logo), .feed(lines: 2), .cut(partial: false)])
        let left = (384 - 24) / 2
        #expect(
            Self.dots(bitmap, x: left, y: 0, width: 20, height: 10)
                == Self.dots(logo, x: 0, y: 0, width: 20, height: 10))
        #expect(Self.blackCount(bitmap) == Self.blackCount(logo) + 384 / 2)
        // Two feed lines, the profile's feed before the cut, then the tear mark of a printer without cutter.
        let markRow = 10 + (2 + PrinterProfile.generic58mm.feedLinesBeforeCut) * 30
        #expect(bitmap.height == markRow + 1)
        #expect(bitmap[x: 0, y: markRow] && !bitmap[x: 2, y: markRow])
    }

    @Test func barcodesAreBarsWithTheirTextBelow() throws {
        let document: PrintDocument = [.barcode("400638133393", .ean13), .barcode("Bürgerbüro-17", .code128)]
        let withValidCode128: PrintDocument = [.barcode("400638133393", .ean13), .barcode("KZ-4711/2026", .code128)]
        // Code 128 B has no umlauts, so the encoder leaves that barcode out, and the preview too.
        #expect(RasterPreview(profile: .epsonTMT20).render(document).height == 80 + 4 + 30)
        let bitmap = RasterPreview(profile: .epsonTMT20).render(withValidCode128)
        #expect(bitmap.height == 2 * (80 + 4 + 30))
        // EAN-13 at 3 dots a module: 95 modules, start guard bar-space-bar.
        let left = (576 - 95 * 3) / 2
        #expect(
            (0..<3).allSatisfy { bitmap[x: left + $0, y: 40] } && !bitmap[x: left + 3, y: 40]
                && bitmap[x: left + 6, y: 40])
        #expect(!bitmap[x: left - 1, y: 40] && !bitmap[x: left + 95 * 3, y: 40])
    }
}

/// The QR symbol the printer makes of a payload: byte mode, level M (what GS ( k 45 49 selects).
enum QRCodeSymbol {
    static func symbol(_ payload: String) throws -> QRCode {
        try QRCode(bytes: Array(payload.utf8), errorCorrection: .medium)
    }
}

/// Readers need four light modules around a QR code; the layouts leave room for them on paper.
@Suite struct QuietZoneTests {
    static let documents: [(String, PrintDocument)] = [
        ("ticket", TicketLayout.document(TicketLayoutTests.printout)),
        ("slip", LayoutFixtures.slipDocument(.german)),
    ]

    @Test(arguments: PrinterProfile.examples)
    func qrCodesHaveFourLightModulesAround(profile: PrinterProfile) throws {
        let preview = RasterPreview(profile: profile)
        for (name, document) in Self.documents {
            let index = try #require(document.elements.firstIndex { if case .qrCode = $0 { true } else { false } })
            guard case .qrCode(let data, _, let moduleSize) = preview.encoder.layout(document.elements[index]) else {
                Issue.record("\(name): QR omitted")
                continue
            }
            let side = try QRCode(bytes: data, errorCorrection: .medium).size * moduleSize
            let top = preview.render(PrintDocument(Array(document.elements[..<index]))).height
            let bitmap = preview.render(document)
            let left = (profile.dotsPerLine - side) / 2
            let margin = 4 * moduleSize
            for y in (top - margin)..<(top + side + margin) where y < top || y >= top + side {
                for x in (left - margin)..<(left + side + margin) {
                    #expect(!bitmap[x: x, y: y], "\(name) on \(profile.id): dot at \(x),\(y) in the quiet zone")
                }
            }
            #expect(top >= margin)
        }
    }
}

extension RasterPreviewTests {
    @Test func encodersVersionTableAgreesWithTheQREncoder() {
        // The encoder shrinks modules by the version it expects the printer to choose; the preview draws the
        // symbol our encoder makes. Both must pick the same version for every payload length.
        #expect(ESCPOSEncoder.qrByteCapacityLevelM == (1...40).map { QRCode.capacity(version: $0, .medium, mode: .byte) })
    }
}

import Printing
import PrintingTesting
import Testing

/// Byte-exact output for small documents, written by hand from the ESC/POS command descriptions.
@Suite struct GoldenBytesTests {
    let tmT20 = ESCPOSEncoder(profile: .epsonTMT20)
    let small = ESCPOSEncoder(profile: .generic58mm)

    @Test func emptyDocumentIsInitialiseAndCodeTable() {
        #expect(tmT20.encode([]) == hex("1B 40 1B 74 13"))
        #expect(small.encode([]) == hex("1B 40 1B 74 02"))
    }

    @Test func umlautsAndEuroInPC858() {
        let bytes = tmT20.encode([.text("Grüße €5 ÄÖÜ äöü")])
        let expected = hex("1B 40 1B 74 13  47 72 81 E1 65 20 D5 35 20 8E 99 9A 20 84 94 81 0A")
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func euroBecomesEURWithoutEuroSign() {
        let bytes = small.encode([.text("12,00 €")])
        #expect(bytes == hex("1B 40 1B 74 02  31 32 2C 30 30 20 45 55 52 0A"), "\(hexString(bytes))")
    }

    @Test func headingSetsAlignmentAndPrintModeAndResetsBoth() {
        let bytes = tmT20.encode([.text("Hallo", .heading)])
        let expected = hex("1B 40 1B 74 13  1B 61 01 1B 21 38 48 61 6C 6C 6F 0A 1B 21 00 1B 61 00")
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func underlinedRightAlignedDoubleHeight() {
        let style = TextStyle(underline: true, size: .doubleHeight, alignment: .right)
        let bytes = tmT20.encode([.text("5,00", style)])
        #expect(bytes == hex("1B 40 1B 74 13  1B 61 02 1B 21 90 35 2C 30 30 0A 1B 21 00 1B 61 00"))
    }

    @Test func plainTextEmitsNoStyleCommands() {
        #expect(tmT20.encode([.text("A"), .text("")]) == hex("1B 40 1B 74 13  41 0A 0A"))
    }

    @Test func ticketNumberAtFourTimesSize() {
        let expected = hex(
            "1B 40 1B 74 13  1B 61 01 1B 45 01 1D 21 33 41 20 30 31 37 0A 1D 21 00 1B 45 00 1B 61 00"
        )
        #expect(tmT20.encode([.ticketNumber("A 017")]) == expected)
        #expect(small.encode([.ticketNumber("A 017")]) == expected.replacing([0x74, 0x13], with: [0x74, 0x02]))
    }

    @Test func longTicketNumberShrinksToFit() {
        // 14 characters: 80 mm allows 48 / 3 = 16 at 3x3; 58 mm only 32 / 2 = 16 at 2x2.
        #expect(tmT20.ticketNumberScale(for: "B 042 Raum 1.2") == 3)
        #expect(small.ticketNumberScale(for: "B 042 Raum 1.2") == 2)
        let bytes = small.encode([.ticketNumber("B 042 Raum 1.2")])
        #expect(Array(bytes[5..<14]) == hex("1B 61 01 1B 45 01 1D 21 11"))
    }

    @Test func qrCodeCommandSequence() {
        let bytes = tmT20.encode([.qrCode("ABC", moduleSize: 6)])
        let expected = hex(
            """
            1B 40 1B 74 13  1B 61 01
            1D 28 6B 04 00 31 41 32 00
            1D 28 6B 03 00 31 43 06
            1D 28 6B 03 00 31 45 31
            1D 28 6B 06 00 31 50 30 41 42 43
            1D 28 6B 03 00 31 51 30
            1B 61 00
            """
        )
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func qrStoreLengthIsLittleEndianWithThreeExtraBytes() {
        let payload = String(repeating: "x", count: 300)
        let bytes = tmT20.encode([.qrCode(payload, moduleSize: 4)])
        // 300 + 3 = 303 = 0x012F.
        let store = hex("1D 28 6B 2F 01 31 50 30")
        let index = bytes.firstRange(of: store)
        #expect(index != nil)
        #expect(bytes.firstRange(of: hex("1D 28 6B 03 00 31 43 04")) != nil)
    }

    @Test func qrModuleSizeIsClampedToOneThroughSixteen() {
        #expect(tmT20.encode([.qrCode("A", moduleSize: 40)]).firstRange(of: hex("31 43 10")) != nil)
        #expect(tmT20.encode([.qrCode("A", moduleSize: 0)]).firstRange(of: hex("31 43 01")) != nil)
    }

    @Test func qrModulesShrinkWhenTheSymbolWouldBeWiderThanThePaper() {
        // 1000 bytes need version 25 (117 modules); 384 dots / 117 = 3 dots per module at most.
        let bytes = small.encode([.qrCode(String(repeating: "y", count: 1000), moduleSize: 8)])
        #expect(bytes.firstRange(of: hex("1D 28 6B 03 00 31 43 03")) != nil)
    }

    @Test func ean13WithTwelveDigits() {
        let bytes = tmT20.encode([.barcode("400638133393", .ean13)])
        let expected = hex(
            """
            1B 40 1B 74 13  1B 61 01 1D 68 50 1D 77 03 1D 48 02
            1D 6B 43 0C 34 30 30 36 33 38 31 33 33 33 39 33 1B 61 00
            """
        )
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func ean13WithCheckDigit() {
        let bytes = tmT20.encode([.barcode("4006381333931", .ean13)])
        #expect(bytes.firstRange(of: hex("1D 6B 43 0D 34 30 30 36 33 38 31 33 33 33 39 33 31")) != nil)
    }

    @Test func code128UsesCodeSetBAndDoublesBraces() {
        let bytes = tmT20.encode([.barcode("A{1", .code128)])
        let expected = hex(
            "1B 40 1B 74 13  1B 61 01 1D 68 50 1D 77 03 1D 48 02 1D 6B 49 06 7B 42 41 7B 7B 31 1B 61 00"
        )
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func code128NarrowsModulesOnSmallPaper() {
        // 20 characters: 11 * 22 + 13 = 255 modules; 384 / 255 = 1 is too narrow, 576 / 255 = 2 fits.
        let data = "KASSENZEICHEN-123456"
        #expect(small.encode([.barcode(data, .code128)]) == header(.pc850))
        #expect(tmT20.encode([.barcode(data, .code128)]).firstRange(of: hex("1D 77 02")) != nil)
    }

    @Test func rasterImagePacksRowsMostSignificantBitFirst() {
        // Row 0: dots 0 and 9; row 1: dots 1 and 8. Ten dots wide → two bytes per row.
        let bitmap = MonochromeBitmap(rows: [
            [true, false, false, false, false, false, false, false, false, true],
            [false, true, false, false, false, false, false, false, true, false],
        ])
        let bytes = tmT20.encode([.image(bitmap)])
        let expected = hex("1B 40 1B 74 13  1B 61 01 1D 76 30 00 02 00 02 00 80 40 40 80 1B 61 00")
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func tallImagesAreSentInBands() {
        let bitmap = MonochromeBitmap(width: 8, height: 1000) { _, y in y % 2 == 0 }
        let bytes = tmT20.encode([.image(bitmap)])
        #expect(bytes.firstRange(of: hex("1D 76 30 00 01 00 C0 03")) != nil)  // 960 rows
        #expect(bytes.firstRange(of: hex("1D 76 30 00 01 00 28 00")) != nil)  // 40 rows
    }

    @Test func ruleIsAFullLineOfDashes() {
        let bytes = small.encode([.rule])
        #expect(bytes == header(.pc850) + Array(repeating: 0x2D, count: 32) + [0x0A])
        #expect(tmT20.encode([.rule]).count == 5 + 48 + 1)
    }

    @Test func feedUsesESCdInChunksOf255() {
        #expect(tmT20.encode([.feed(lines: 3)]) == header(.pc858) + hex("1B 64 03"))
        #expect(tmT20.encode([.feed(lines: 300)]) == header(.pc858) + hex("1B 64 FF 1B 64 2D"))
        #expect(tmT20.encode([.feed(lines: 0), .feed(lines: -2)]) == header(.pc858))
    }

    @Test func cutFeedsPastTheCutterFirst() {
        #expect(tmT20.encode([.cut(partial: false)]) == header(.pc858) + hex("1B 64 04 1D 56 00"))
        #expect(tmT20.encode([.cut(partial: true)]) == header(.pc858) + hex("1B 64 04 1D 56 01"))
    }

    @Test func withoutCutterACutOnlyFeedsToTheTearBar() {
        #expect(small.encode([.cut(partial: false)]) == header(.pc850) + hex("1B 64 04"))
    }

    @Test func smallTicketEndToEnd() {
        let document = PrintDocument {
            PrintElement.text("Bürgerbüro", .centered)
            PrintElement.ticketNumber("A 017")
            PrintElement.feed(lines: 1)
            PrintElement.cut(partial: true)
        }
        let expected = hex(
            """
            1B 40 1B 74 13
            1B 61 01 42 81 72 67 65 72 62 81 72 6F 0A 1B 61 00
            1B 61 01 1B 45 01 1D 21 33 41 20 30 31 37 0A 1D 21 00 1B 45 00 1B 61 00
            1B 64 01
            1B 64 04 1D 56 01
            """
        )
        let bytes = tmT20.encode(document)
        #expect(bytes == expected, "\(hexString(bytes))")
    }

    @Test func outputIsDeterministic() {
        var generator = DocumentSource(seed: 7)
        for _ in 0..<20 {
            let document = generator.next()
            #expect(tmT20.encode(document) == tmT20.encode(document))
        }
    }

    @Test func controlCharactersInTextNeverReachThePrinter() {
        // A name with an embedded ESC @ or GS V must not reset or cut the printer.
        let bytes = tmT20.encode([.text("Evil\u{1B}@Name\u{1D}V\u{0}\u{7F}\u{9B}x")])
        #expect(bytes == header(.pc858) + Array("Evil@NameVx".utf8) + [0x0A], "\(hexString(bytes))")
    }
}

/// A few fixed documents without the test support library, for tests of the encoder alone.
struct DocumentSource {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> PrintDocument {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let words = ["Bürgerbüro", "Ахмед", "€", "Ελένη", "Termin", "محمد"]
        let word = words[Int(state >> 33) % words.count]
        return [.text("\(word) \(state % 1000)", .heading), .qrCode(word), .rule, .cut(partial: state % 2 == 0)]
    }
}

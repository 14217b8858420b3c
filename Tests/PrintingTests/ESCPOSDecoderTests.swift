import Printing
import KioskTesting
import PrintingTesting
import Testing

@Suite struct ESCPOSDecoderTests {
    let decoder = ESCPOSDecoder()

    @Test func decodesTextInTheActiveCodePage() throws {
        let items = try decoder.decode(hex("1B 40 1B 74 13 47 72 81 E1 65 20 D5 0A"))
        #expect(items.first == .initialize)
        #expect(items[1] == .codePage(.pc858))
        #expect(items.textLines == ["Grüße €"])
        // Without ESC t the power-on table PC437 applies: D5 is a box drawing character there.
        #expect(try decoder.decode(hex("D5 0A")).textLines == ["╒"])
        #expect(try ESCPOSDecoder(initialCodePage: .wpc1252).decode(hex("80 0A")).textLines == ["€"])
    }

    @Test func tracksStylesAndAlignment() throws {
        let items = try decoder.decode(
            hex("1B 61 01 1B 21 38 41 0A 1B 21 00 1B 61 00 1B 45 01 1D 21 33 42 0A 1D 21 00 1B 45 00 1B 2D 01 43 0A")
        )
        let lines = items.lines
        #expect(lines.count == 3)
        #expect(lines[0].alignment == .center)
        #expect(lines[0].style == DecodedStyle(TextStyle.heading))
        #expect(lines[0].style.size == .double)
        #expect(lines[1].style == DecodedStyle(bold: true, widthMultiplier: 4, heightMultiplier: 4))
        #expect(lines[1].style.size == nil)
        #expect(lines[1].alignment == .left)
        #expect(lines[2].style == DecodedStyle(underline: true))
    }

    @Test func styleChangesInsideALineMakeRuns() throws {
        let line = try #require(try decoder.decode(hex("41 1B 45 01 42 1B 45 00 43 0A")).lines.first)
        #expect(line.text == "ABC")
        #expect(line.runs.map(\.text) == ["A", "B", "C"])
        #expect(line.runs[1].style.bold)
        #expect(!line.isUniform)
    }

    @Test func alignmentOnlyActsAtTheStartOfALine() throws {
        let lines = try decoder.decode(hex("41 1B 61 02 42 0A 43 0A")).lines
        #expect(lines.map(\.alignment) == [.left, .left])
    }

    @Test func blankLinesFeedsAndUnterminatedText() throws {
        let items = try decoder.decode(hex("0A 41 1B 64 03 42 1B 4A 18 43"))
        #expect(items.textLines == ["", "A", "B", "C"])
        #expect(items.contains(.feed(lines: 3)))
        #expect(items.contains(.feedDots(24)))
        #expect(items.lines.map(\.isTerminated) == [true, true, true, false])
    }

    @Test func carriageReturnsAreIgnored() throws {
        #expect(try decoder.decode(hex("41 0D 0A")).textLines == ["A"])
    }

    @Test func decodesQRCodes() throws {
        let bytes = ESCPOSEncoder(profile: .epsonTMT20).encode([.qrCode("https://rathaus.example/ä", moduleSize: 5)])
        let code = try #require(try decoder.decode(bytes).qrCodes.first)
        #expect(code.payload == "https://rathaus.example/ä")
        #expect(code.moduleSize == 5)
        #expect(code.errorCorrection == 0x31)
        #expect(code.model == 0x32)
    }

    @Test func qrPrintWithoutStoredDataIsUnknown() throws {
        let items = try decoder.decode(hex("1D 28 6B 03 00 31 51 30"))
        #expect(items == [.unknown(hex("1D 28 6B 03 00 31 51 30"))])
    }

    @Test func decodesBarcodes() throws {
        let encoder = ESCPOSEncoder(profile: .epsonTMT20)
        let items = try decoder.decode(encoder.encode([.barcode("4006381333931", .ean13), .barcode("{x}", .code128)]))
        let barcodes = items.barcodes
        #expect(barcodes.count == 2)
        #expect(barcodes[0].symbology == .ean13 && barcodes[0].text == "4006381333931")
        #expect(barcodes[0].height == 80 && barcodes[0].moduleWidth == 3 && barcodes[0].hriPosition == 2)
        #expect(barcodes[1].symbology == .code128 && barcodes[1].text == "{x}")
        #expect(barcodes[1].data == Array("{B{{x}".utf8))
    }

    @Test func nulTerminatedBarcodeForm() throws {
        let barcode = try #require(try decoder.decode(hex("1D 6B 04 41 42 00 43 0A")).barcodes.first)
        #expect(barcode.command == 4 && barcode.text == "AB" && barcode.symbology == nil)
    }

    @Test func code128InOtherCodeSetsHasNoText() throws {
        let barcode = try #require(try decoder.decode(hex("1D 6B 49 04 7B 43 0C 22")).barcodes.first)
        #expect(barcode.symbology == .code128 && barcode.text == nil)
    }

    @Test func decodesRasterImages() throws {
        let image = try #require(try decoder.decode(hex("1D 76 30 00 02 00 02 00 80 40 40 80")).images.first)
        #expect(image.bitmap.width == 16 && image.bitmap.height == 2)
        #expect(image.bitmap[x: 0, y: 0] && image.bitmap[x: 9, y: 0] && image.bitmap[x: 1, y: 1])
        #expect(!image.doubleWidth && !image.doubleHeight)
        let scaled = try #require(try decoder.decode(hex("1D 76 30 33 01 00 01 00 FF")).images.first)
        #expect(scaled.doubleWidth && scaled.doubleHeight)
    }

    @Test func decodesCutsAndStatusRequests() throws {
        let items = try decoder.decode(hex("1D 56 00 1D 56 01 1D 56 41 05 1D 56 42 00 1D 56 31 10 04 01"))
        #expect(
            items.cuts == [
                DecodedCut(partial: false), DecodedCut(partial: true), DecodedCut(partial: false, feed: 5),
                DecodedCut(partial: true, feed: 0), DecodedCut(partial: true),
            ]
        )
        #expect(items.last == .statusRequest(1))
    }

    @Test func unmodelledCommandsAreConsumedWithTheirParameters() throws {
        // ESC p 0 25 250 opens a cash drawer; its parameters must not be read as text.
        let items = try decoder.decode(
            hex("1B 70 00 19 FA 41 0A 1D 28 4C 02 00 30 31 42 0A 1B 26 03 41 41 02 01 02 03 04 05 06 0A")
        )
        #expect(
            items.unknownCommands == [
                hex("1B 70 00 19 FA"), hex("1D 28 4C 02 00 30 31"), hex("1B 26 03 41 41 02 01 02 03 04 05 06"),
            ]
        )
        #expect(items.textLines == ["A", "B", ""])
    }

    @Test func unknownCommandsAndBytes() throws {
        let items = try decoder.decode(hex("1B 7E 41 00 09 7F 0A"))
        #expect(items.unknownCommands == [hex("1B 7E"), [0x00], [0x09], [0x7F]])
        #expect(items.textLines == ["A", ""])
    }

    @Test func unknownCodeTableDecodesUpperHalfAsReplacement() throws {
        let items = try decoder.decode(hex("1B 74 11 41 D5 0A"))
        #expect(items.unknownCommands == [hex("1B 74 11")])
        #expect(items.textLines == ["A\u{FFFD}"])
    }

    @Test func initialiseResetsState() throws {
        let lines = try decoder.decode(hex("1B 74 13 1B 45 01 1B 61 01 1B 40 D5 0A")).lines
        #expect(lines.first?.text == "╒")
        #expect(lines.first?.style == DecodedStyle())
        #expect(lines.first?.alignment == .left)
    }

    static let truncatedStreams: [String] = [
        "1B", "1D", "10", "1C", "1B 74", "1B 21", "1D 21", "1D 28 6B", "1D 28 6B 06", "1D 28 6B 06 00 31 50 30 41",
        "1D 28 6B FF FF 31 50 30", "1D 6B 43 0D 34 30", "1D 6B 02 34 30", "1D 76 30 00 02 00 02 00 80 40 40",
        "1D 76 30 00 FF FF FF FF 00", "1D 56 41", "1B 2A 21 02 00 01 02 03", "1B 44 01 02", "10 04", "10 14 08 01",
        "1D 38 4C 10 00 00 00 30", "1B 26 03 41 42 02 01",
    ]

    @Test(arguments: truncatedStreams)
    func truncatedCommandsThrow(stream: String) {
        let bytes = hex("41 0A") + hex(stream)
        #expect {
            try decoder.decode(bytes)
        } throws: { error in
            guard let error = error as? DecodeError else { return false }
            return error.reason == .truncated && error.offset == 2 && error.command == Array(bytes[2...].prefix(3))
        }
    }

    static let invalidStreams: [String] = [
        "1B 61 05", "1B 2D 07", "1D 21 88", "1D 68 00", "1D 77 09", "1D 48 04", "1D 6B 43 05 31 32 33 34 35",
        "1D 6B 43 0C 41 42 43 44 45 46 47 48 49 50 51 52", "1D 6B 49 02 41 42", "1D 6B 49 03 7B 42 7B", "1D 6B 20",
        "1D 56 07", "1D 76 30 07 01 00 01 00 00", "1D 76 30 00 00 00 01 00", "1D 28 6B 03 00 31 43 11",
        "1D 28 6B 03 00 31 45 34", "1D 28 6B 01 00 31", "1D 28 6B 04 00 31 41 35 00", "10 04 09",
    ]

    @Test(arguments: invalidStreams)
    func parametersOutOfRangeThrow(stream: String) {
        #expect {
            try decoder.decode(hex(stream))
        } throws: { error in
            (error as? DecodeError)?.reason == .invalidParameter
        }
    }

    @Test func errorDescriptionNamesTheCommand() {
        let error = DecodeError(reason: .truncated, offset: 17, command: [0x1D, 0x28, 0x6B])
        #expect(error.description == "truncated command 1D 28 6B at offset 17")
    }

    @Test func everyPrefixOfAValidStreamDecodesOrIsTruncated() throws {
        var generator = RandomDocumentGenerator(seed: 99)
        for _ in 0..<8 {
            let bytes = ESCPOSEncoder(profile: .epsonTMT20).encode(generator.document())
            _ = try decoder.decode(bytes)
            for length in 0..<bytes.count {
                do {
                    _ = try decoder.decode(Array(bytes[..<length]))
                } catch {
                    #expect(error.reason == .truncated)
                    #expect(error.offset < length)
                }
            }
        }
    }

    @Test func randomGarbageNeverTraps() {
        var random = SeededRandomNumberGenerator(seed: 0x5EED)
        // Bytes that start or steer commands, so that the garbage reaches deep into the parser.
        let interesting: [UInt8] = [
            0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0D, 0x10, 0x14, 0x1B, 0x1C, 0x1D, 0x21, 0x26, 0x28, 0x2A, 0x30,
            0x31, 0x33, 0x38, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x49, 0x4C, 0x50, 0x51, 0x56, 0x61, 0x64, 0x6B,
            0x74, 0x76, 0x7B, 0xFF,
        ]
        var outcomes = (decoded: 0, truncated: 0, invalid: 0)
        for _ in 0..<10_000 {
            let length = Int.random(in: 0...48, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)!
                    : UInt8.random(in: 0...255, using: &random)
            }
            do {
                _ = try decoder.decode(bytes)
                outcomes.decoded += 1
            } catch {
                #expect(error.offset >= 0 && error.offset < bytes.count)
                if error.reason == .truncated { outcomes.truncated += 1 } else { outcomes.invalid += 1 }
            }
        }
        // All three outcomes occur, so the garbage exercised the parser rather than one path.
        #expect(outcomes.decoded > 1000 && outcomes.truncated > 500 && outcomes.invalid > 100)
    }
}

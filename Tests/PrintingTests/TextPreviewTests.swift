import Printing
import PrintingTesting
import Testing

@Suite struct TextPreviewTests {
    @Test(arguments: PrinterProfile.examples)
    func everyLineHasExactlyTheProfileWidth(profile: PrinterProfile) {
        let preview = TextPreview(profile: profile)
        var generator = RandomDocumentGenerator(seed: 3)
        for _ in 0..<100 {
            for line in preview.render(generator.document()) {
                #expect(line.count == profile.charactersPerLine, "\(line)")
            }
        }
    }

    @Test func ticketPreview() {
        let preview = TextPreview(profile: .generic58mm)
        let lines = preview.render([
            .text("Bürgerbüro", .heading), .ticketNumber("A 017"), .text("Gebühr 12,00 €", .rightAligned), .rule,
            .cut(partial: false),
        ])
        let expected = [
            "      B ü r g e r b ü r o       ",
            "    █        ███    █   █████   ",
            "   █ █      █  ██  ██      █    ",
            "  █   █     █ █ █   █     █     ",
            "  █████     ██  █   █    █      ",
            "  █   █      ███   ███   █      ",
            "                Gebühr 12,00 EUR",
            "--------------------------------",
            "                                ",
            "                                ",
            "                                ",
            "                                ",
            "✂ - - - - - - - - - - - - - - - ",
        ]
        #expect(lines == expected)
    }

    @Test func placeholdersForCodesAndImages() {
        let preview = TextPreview(profile: .epsonTMT20)
        let lines = preview.render([
            .qrCode("https://rathaus.example/t/A017"), .barcode("4006381333931", .ean13),
            .image(MonochromeBitmap(width: 120, height: 40) { _, _ in true }), .feed(lines: 2),
        ])
        #expect(
            lines.map { $0.trimmingCharacters(in: " ") } == [
                "[QR: https://rathaus.example/t/A017]", "|||| 4006381333931", "[Logo 120x40]", "", "",
            ]
        )
        #expect(lines[0].hasPrefix("      ") && lines[0].hasSuffix("      "))
    }

    @Test func longQRPayloadsWrap() {
        let lines = TextPreview(profile: .generic58mm).render([.qrCode(String(repeating: "q", count: 40))])
        #expect(lines.count == 2)
        #expect(lines[0] == "[QR: " + String(repeating: "q", count: 27))
    }

    @Test func previewShowsTheTransliteratedText() {
        let lines = TextPreview(profile: .epsonTMT20).render([.text("Ахмед Шевченко", .centered)])
        #expect(
            lines == [String(repeating: " ", count: 14) + "Achmed Schewtschenko" + String(repeating: " ", count: 14)]
        )
    }

    @Test func doubleWidthTextTakesTwoColumnsPerCharacter() {
        let lines = TextPreview(profile: .generic58mm).render([
            .text("ABCDEFGHIJKLMNOPQRS", TextStyle(size: .doubleWidth))
        ])
        #expect(lines == ["A B C D E F G H I J K L M N O P ", "Q R S                           "])
    }

    @Test func ticketNumbersWithoutGlyphsFallBackToSpacedText() {
        let lines = TextPreview(profile: .generic58mm).render([.ticketNumber("Ä/1")])
        #expect(lines == ["             Ä / 1              "])
    }

    @Test func elementsTheEncoderLeavesOutAreNotShown() {
        let lines = TextPreview(profile: .epsonTMT20).render([.barcode("12", .ean13), .qrCode("")])
        #expect(lines.isEmpty)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}

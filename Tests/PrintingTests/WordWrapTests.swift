import Printing
import PrintingTesting
import Testing

@Suite struct WordWrapTests {
    let sentence = "Bitte warten Sie, bis Ihre Nummer aufgerufen wird. Die Wartezeit beträgt etwa 15 Minuten."

    @Test func wrapsAt32Columns() {
        #expect(
            TextWrapper.wrap(sentence, width: 32) == [
                "Bitte warten Sie, bis Ihre",
                "Nummer aufgerufen wird. Die",
                "Wartezeit beträgt etwa 15",
                "Minuten.",
            ]
        )
    }

    @Test func wrapsAt48Columns() {
        #expect(
            TextWrapper.wrap(sentence, width: 48) == [
                "Bitte warten Sie, bis Ihre Nummer aufgerufen",
                "wird. Die Wartezeit beträgt etwa 15 Minuten.",
            ]
        )
    }

    @Test func aWordThatFitsExactlyStaysOnTheLine() {
        #expect(TextWrapper.wrap("abcd efgh", width: 9) == ["abcd efgh"])
        #expect(TextWrapper.wrap("abcd efghi", width: 9) == ["abcd", "efghi"])
    }

    @Test func onlyWordsLongerThanALineAreSplit() {
        let long = String(repeating: "x", count: 40)
        #expect(
            TextWrapper.wrap("ab \(long) cd", width: 10) == [
                "ab", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx", "cd",
            ]
        )
        #expect(TextWrapper.wrap("Kassenzeichen", width: 5) == ["Kasse", "nzeic", "hen"])
    }

    @Test func noBreakSpacesHoldWordsTogether() {
        #expect(TextWrapper.wrap("Gebühr 12,00\u{00A0}€", width: 10) == ["Gebühr", "12,00\u{00A0}€"])
    }

    @Test func lineBreaksIndentsAndInnerSpacesAreKept() {
        #expect(TextWrapper.wrap("a\n\nb", width: 10) == ["a", "", "b"])
        #expect(TextWrapper.wrap("  indented", width: 20) == ["  indented"])
        #expect(TextWrapper.wrap("Gebühr      5,00", width: 20) == ["Gebühr      5,00"])
        #expect(TextWrapper.wrap("trailing   ", width: 20) == ["trailing"])
        #expect(TextWrapper.wrap("", width: 20) == [""])
        #expect(TextWrapper.wrap("   ", width: 20) == [""])
    }

    @Test func spacesAtABreakAreDropped() {
        #expect(TextWrapper.wrap("aaaa     bbbb", width: 6) == ["aaaa", "bbbb"])
    }

    @Test func degenerateWidths() {
        #expect(TextWrapper.wrap("ab c", width: 1) == ["a", "b", "c"])
        #expect(TextWrapper.wrap("ab c", width: 0) == ["a", "b", "c"])
    }

    @Test(arguments: [1, 2, 5, 16, 21, 24, 32, 42, 48])
    func noLineIsLongerThanTheWidthAndNoLetterIsLost(width: Int) {
        var generator = RandomDocumentGenerator(seed: UInt64(width))
        for _ in 0..<100 {
            let text = generator.text()
            let lines = TextWrapper.wrap(text, width: width)
            #expect(lines.allSatisfy { $0.count <= width })
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }

    @Test func encoderWrapsToTheProfileAndStyle() throws {
        let text = "Bitte warten Sie, bis Ihre Nummer aufgerufen wird."
        let small = ESCPOSEncoder(profile: .generic58mm)
        let wide = ESCPOSEncoder(profile: .epsonTMT20)
        #expect(small.lines(for: text, style: .body) == ["Bitte warten Sie, bis Ihre", "Nummer aufgerufen wird."])
        #expect(wide.lines(for: text, style: .body) == ["Bitte warten Sie, bis Ihre Nummer aufgerufen", "wird."])
        #expect(small.columns(for: .double) == 16)
        #expect(wide.columns(for: .doubleWidth) == 24)
        #expect(small.lines(for: text, style: .heading).allSatisfy { $0.count <= 16 })

        let decoded = try ESCPOSDecoder().decode(small.encode([.text(text, .heading)]))
        #expect(decoded.textLines == ["Bitte warten", "Sie, bis Ihre", "Nummer", "aufgerufen wird."])
    }

    @Test func wrappingHappensAfterTransliteration() {
        // "Шевченко" is 8 letters but 13 when printed: it has to be measured after transliteration.
        let encoder = ESCPOSEncoder(profile: .generic58mm)
        let lines = encoder.lines(for: "Щука Шевченко Щербаков", style: TextStyle(size: .double))
        #expect(lines == ["Schtschuka", "Schewtschenko", "Schtscherbakow"])
    }
}

import Printing
import PrintingTesting
import Testing

@Suite struct CodePageTests {
    @Test func escPosNumbers() {
        #expect(CodePage.pc437.escPosNumber == 0)
        #expect(CodePage.pc850.escPosNumber == 2)
        #expect(CodePage.wpc1252.escPosNumber == 16)
        #expect(CodePage.pc858.escPosNumber == 19)
        for page in CodePage.allCases {
            #expect(CodePage(escPosNumber: page.escPosNumber) == page)
        }
        #expect(CodePage(escPosNumber: 17) == nil)
    }

    @Test func germanCharactersInPC858() {
        let expected: [(Unicode.Scalar, UInt8)] = [
            ("€", 0xD5), ("Ä", 0x8E), ("Ö", 0x99), ("Ü", 0x9A), ("ä", 0x84), ("ö", 0x94), ("ü", 0x81), ("ß", 0xE1),
        ]
        for (scalar, byte) in expected {
            #expect(CodePage.pc858.byte(for: scalar) == byte, "\(scalar)")
            #expect(CodePage.pc858.scalar(for: byte) == scalar, "\(scalar)")
        }
    }

    @Test func pc850IsPC858WithTheDotlessIInsteadOfTheEuro() {
        for byte in UInt8(0x80)...UInt8(0xFF) where byte != 0xD5 {
            #expect(CodePage.pc850.scalar(for: byte) == CodePage.pc858.scalar(for: byte))
        }
        #expect(CodePage.pc850.scalar(for: 0xD5) == "ı")
        #expect(!CodePage.pc850.hasEuroSign)
        #expect(CodePage.pc858.hasEuroSign)
    }

    @Test func pc437HasUmlautsButNoEuro() {
        #expect(CodePage.pc437.byte(for: "ä") == 0x84)
        #expect(CodePage.pc437.byte(for: "ß") == 0xE1)
        #expect(CodePage.pc437.byte(for: "Ø") == nil)
        #expect(!CodePage.pc437.hasEuroSign)
    }

    @Test func windows1252() {
        #expect(CodePage.wpc1252.byte(for: "€") == 0x80)
        #expect(CodePage.wpc1252.byte(for: "ä") == 0xE4)
        #expect(CodePage.wpc1252.byte(for: "„") == 0x84)
        for unassigned: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(CodePage.wpc1252.scalar(for: unassigned) == nil)
        }
    }

    @Test(arguments: CodePage.allCases)
    func everyPrintableByteRoundTrips(page: CodePage) {
        var assigned = 0
        for byte in UInt8(0x20)...UInt8(0xFF) {
            guard let scalar = page.scalar(for: byte) else { continue }
            assigned += 1
            #expect(page.byte(for: scalar) == byte, "\(page) \(byte)")
        }
        #expect(assigned >= 95 + 123)
    }

    @Test(arguments: CodePage.allCases)
    func controlBytesAreNeverCharacters(page: CodePage) {
        for byte in UInt8(0)..<UInt8(0x20) {
            #expect(page.scalar(for: byte) == nil)
        }
        #expect(page.scalar(for: 0x7F) == nil)
        #expect(page.byte(for: "\u{1B}") == nil)
        #expect(page.byte(for: "\n") == nil)
    }

    @Test func profilesPreferPC858() {
        #expect(PrinterProfile.epsonTMT20.preferredCodePage == .pc858)
        #expect(PrinterProfile.generic58mm.preferredCodePage == .pc850)
        #expect(profile(.epsonTMT20, codePages: [.pc437, .wpc1252]).preferredCodePage == .wpc1252)
        #expect(profile(.epsonTMT20, codePages: []).preferredCodePage == .pc437)
    }

    @Test func encoderMapsLineBreaksAndNoBreakSpaces() {
        let encoder = CodePageEncoder(codePage: .pc858)
        #expect(encoder.encode("a\nb") == [0x61, 0x0A, 0x62])
        #expect(encoder.encode("a\r\nb") == [0x61, 0x0A, 0x62])
        #expect(encoder.encode("12\u{00A0}€") == [0x31, 0x32, 0x20, 0xD5])
        #expect(encoder.printable("12\u{00A0}€") == "12 €")
    }

    @Test(arguments: CodePage.allCases)
    func encodedTextContainsNoControlBytesButLineFeeds(page: CodePage) {
        let encoder = CodePageEncoder(codePage: page)
        var text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        text += "\u{7F}\u{80}\u{9B}\u{85}\u{2028}Ärger € Ахмед محمد 漢"
        for byte in encoder.encode(text) {
            #expect(byte >= 0x20 || byte == 0x0A, "\(page) produced \(byte)")
            #expect(byte != 0x7F)
        }
    }
}

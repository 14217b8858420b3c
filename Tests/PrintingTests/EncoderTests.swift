import KioskCore
import Testing
@testable import Printing

@Suite struct EncoderTests {
    let encoder = ESCPOSEncoder(profile: .eighty)

    @Test func startsWithInitAndPC858AndEncodesUmlautsAndEuro() {
        let bytes = encoder.encode(PrintDocument([.text("Gebühr 37,00 € – Größe Ä", .body)]))
        #expect(Array(bytes.prefix(5)) == [0x1B, 0x40, 0x1B, 0x74, 19])
        let expected: [UInt8] = Array("Geb".utf8) + [0x81] + Array("hr 37,00 ".utf8) + [0xD5] + Array(" - Gr".utf8) + [0x94, 0xE1]
            + Array("e ".utf8) + [0x8E, 0x0A]
        #expect(bytes.contains(expected))
    }

    @Test(arguments: [
        ("Jürgen Weiß", "Jürgen Weiß"),
        ("Zoë Ødegård", "Zoë Ødegård"),
        ("Łukasz Żółć", "Lukasz Zólc"),
        ("Ayşe Yılmaz", "Ayse Yilmaz"),
        ("Ахмед Шевченко", "Achmed Schewtschenko"),
        ("Олександр Їжак", "Oleksandr Jischak"),
        ("Ελένη", "Eleni"),
        ("محمد علي", "mhmd 'ly"),
        ("e\u{301}cole", "école"),
    ])
    func namesAreTransliteratedNeverDropped(input: String, expected: String) {
        let output = Transliterator(codePage: .pc858).transliterate(input)
        #expect(output == expected)
        #expect(!output.contains("?"))
        #expect(output.allSatisfy { CodePage.pc858.byte(for: $0) != nil })
    }

    @Test func qrCodeCommandCarriesThePayloadWithItsLength() {
        let payload = "https://kiosk.example/q/abc"
        let bytes = encoder.encode(PrintDocument([.qrCode(payload)]))
        let length = payload.utf8.count + 3
        #expect(bytes.contains([0x1D, 0x28, 0x6B, UInt8(length), 0x00, 0x31, 0x50, 0x30] + Array(payload.utf8)))
        #expect(bytes.contains([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]))
    }

    @Test func textIsWrappedAtTheProfileWidth() {
        #expect(wrap("Bitte warten Sie, bis Ihre Nummer aufgerufen wird.", width: 32) == ["Bitte warten Sie, bis Ihre", "Nummer aufgerufen wird."])
        #expect(wrap("Donaudampfschifffahrtsgesellschaft", width: 10).allSatisfy { $0.count <= 10 })
    }

    @Test func ticketLayoutHasNumberQRInstructionsAndCut() {
        let printout = TicketPrintout(
            siteName: "Bürgerbüro", serviceName: "Meldebescheinigung", number: "M 017", issued: "23.11.2026, 09:15 Uhr",
            estimate: "ca. 15 Min.", instructions: ["Bitte warten Sie, bis Ihre Nummer aufgerufen wird.", "Please wait until your number is called."],
            followLink: "https://kiosk.example/q/1", terminal: "t1")
        let document = TicketLayout.document(printout)
        let bytes = encoder.encode(document)
        #expect(bytes.suffix(4) == [0x1D, 0x56, 0x41, 0x03])
        #expect(bytes.contains([0x1D, 0x21, 0x33] + Array("M 017".utf8)))
        let preview = TextPreview(profile: .eighty).render(document)
        #expect(preview.allSatisfy { $0.count == 48 })
        #expect(preview.contains { $0.contains("Meldebescheinigung") })
        #expect(preview.contains { $0.contains("Please wait until your number is called.") })
    }
}

extension Array where Element == UInt8 {
    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}

extension PrinterProfile {
    /// An 80 mm profile as the catalog's Epson entries describe it.
    static let eighty = PrinterProfile(id: "test-80mm", columns: 48, codePage: .pc858)
}

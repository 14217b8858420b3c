import Foundation
import Printing
import PrintingTesting
import Testing

@Suite struct PrinterProfileTests {
    @Test func examplesMatchTheRealModels() {
        #expect(PrinterProfile.epsonTMT20.dotsPerLine == 576 && PrinterProfile.epsonTMT20.charactersPerLine == 48)
        #expect(PrinterProfile.epsonTMT88.dotsPerLine == 512 && PrinterProfile.epsonTMT88.charactersPerLine == 42)
        #expect(PrinterProfile.bixolonSRP350.dotsPerLine == 512 && PrinterProfile.bixolonSRP350.charactersPerLine == 42)
        #expect(PrinterProfile.generic58mm.dotsPerLine == 384 && PrinterProfile.generic58mm.charactersPerLine == 32)
        #expect(PrinterProfile.generic58mm.paperWidthMillimetres == 58 && !PrinterProfile.generic58mm.hasCutter)
        // Font A is 12 dots wide: the columns must fit the dots.
        for profile in PrinterProfile.examples {
            #expect(profile.charactersPerLine * 12 <= profile.dotsPerLine, "\(profile.id)")
        }
        #expect(Set(PrinterProfile.examples.map(\.id)).count == PrinterProfile.examples.count)
    }

    @Test(arguments: PrinterProfile.examples)
    func codableRoundTrip(profile: PrinterProfile) throws {
        let data = try JSONEncoder().encode(profile)
        #expect(try JSONDecoder().decode(PrinterProfile.self, from: data) == profile)
    }

    @Test func catalogKeysAreReadable() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(PrinterProfile.generic58mm), as: UTF8.self)
        #expect(
            json == """
                {"charactersPerLine":32,"codePages":["pc437","pc850"],"dotsPerLine":384,"feedLinesBeforeCut":4,\
                "hasCutter":false,"id":"generic-58mm","name":"Generic 58 mm ESC\\/POS (POS-5890 class)",\
                "paperWidthMillimetres":58,"supportsRealTimeStatus":false}
                """
        )
    }

    @Test func feedBeforeCutMayBeLeftOut() throws {
        let json = """
            {"id": "x", "name": "X", "paperWidthMillimetres": 80, "dotsPerLine": 576, "charactersPerLine": 48,
             "codePages": ["pc858"], "hasCutter": true, "supportsRealTimeStatus": true}
            """
        let profile = try JSONDecoder().decode(PrinterProfile.self, from: Data(json.utf8))
        #expect(profile.feedLinesBeforeCut == PrinterProfile.defaultFeedLinesBeforeCut)
        #expect(profile.preferredCodePage == .pc858)
    }

    @Test(arguments: [
        #""dotsPerLine": 0"#, #""charactersPerLine": 0"#, #""paperWidthMillimetres": -58"#,
        #""feedLinesBeforeCut": 999"#, #""codePages": ["pc866"]"#,
    ])
    func impossibleValuesAreRejected(field: String) {
        var values = [
            #""id": "x""#, #""name": "X""#, #""paperWidthMillimetres": 80"#, #""dotsPerLine": 576"#,
            #""charactersPerLine": 48"#, #""codePages": ["pc858"]"#, #""hasCutter": true"#,
            #""supportsRealTimeStatus": true"#,
        ]
        let key = field.prefix { $0 != ":" }
        values.removeAll { $0.hasPrefix(key) }
        values.append(field)
        let json = "{" + values.joined(separator: ",") + "}"
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PrinterProfile.self, from: Data(json.utf8))
        }
    }
}

import Foundation
import KioskCore
import Testing

/// Worked examples for the example site's `codes.yaml`.
@Suite struct PayloadRulesTests {
    static let exampleURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Kiosk/example/codes.yaml").standardized
    static let rules: PayloadRules = {
        let text = try! String(contentsOf: exampleURL, encoding: .utf8)
        return try! PayloadRules.parse(yaml: text, source: "codes.yaml")
    }()

    static func classify(_ text: String, _ symbology: Symbology = .qrCode) -> Result<ScannedPayload, PayloadRejection> {
        rules.classify(ScannedCode(symbology: symbology, data: Array(text.utf8)))
    }

    @Test func appointmentLinkAndCompactCodeAndBookingReference() throws {
        let link = "https://service.example.de/terminvereinbarung/termin/bestaetigung?process=123456&authKey=ab12"
        #expect(try Self.classify(link).get() == .appointment(.process(number: "123456", authKey: "ab12")))
        // Host in capitals, a port, a fragment and extra parameters change nothing; "+" and %-escapes decode.
        let variant = "HTTPS://Service.Example.DE:443/terminvereinbarung/x?lang=de&authKey=a%62-1&process=99&x=a+b#top"
        #expect(try Self.classify(variant).get() == .appointment(.process(number: "99", authKey: "ab-1")))
        #expect(try Self.classify("T:123456:ab12\r\n", .unknown).get() == .appointment(.process(number: "123456", authKey: "ab12")))
        #expect(try Self.classify("BK-7XQ2M9KA", .code128).get() == .appointment(.booking(reference: "BK-7XQ2M9KA")))
    }

    @Test func electionNoticeNormalisesTheDistrictAndKeepsTheVoterNumberOnlyInThePayload() throws {
        let link = "https://wahlschein.example.de/antrag/start?wbz=01101&wvz=4711"
        let payload = try Self.classify(link).get()
        #expect(payload == .electionNotice(ElectionNoticeCode(district: "1101", voterNumber: "4711")))
        #expect(try Self.classify("WBN:42:17").get() == .electionNotice(ElectionNoticeCode(district: "0042", voterNumber: "17")))
        // Without a voter number the district still answers the question.
        #expect(try Self.classify("https://wahlschein.example.de/antrag?wbz=1101").get()
            == .electionNotice(ElectionNoticeCode(district: "1101", voterNumber: nil)))
        #expect(!"\(payload)".contains("4711"), "the payload's description is redacted")
    }

    @Test func collectionReceipt() throws {
        #expect(try Self.classify("AS-2024001234", .code128).get() == .collectionReceipt(applicationNumber: "2024001234"))
    }

    @Test func unknownCodesAreUnrecognisedAndOursButBrokenAreMalformed() throws {
        for text in ["hello", "https://evil.example/terminvereinbarung/?process=1&authKey=a", "https://service.example.de/other?process=1&authKey=a",
                     "https://service.example.de@evil.example/terminvereinbarung/?process=1&authKey=a", "4006381333931"] {
            let rejection = Self.classify(text).failure
            #expect(rejection?.isUnrecognised == true, "\(text)")
            #expect(rejection?.looksLike == nil)
            #expect(rejection?.message[.german] == "Dieser Code wird hier nicht erkannt. Bitte wenden Sie sich an den Empfang.")
        }
        let cases: [(String, PayloadKind)] = [
            ("https://service.example.de/terminvereinbarung/?process=123456", .appointment),  // key missing
            ("https://service.example.de/terminvereinbarung/?process=12%G4&authKey=ab", .appointment),  // bad escape
            ("https://service.example.de/terminvereinbarung/?process=1&process=2&authKey=ab", .appointment),  // twice
            ("https://service.example.de/terminvereinbarung/?process=12%C3&authKey=ab", .appointment),  // not UTF-8
            ("https://service.example.de/terminvereinbarung/?process=12 34&authKey=ab", .appointment),  // bad form
            ("T:123456", .appointment),
            ("BK-123", .appointment),
            ("https://wahlschein.example.de/antrag?wvz=4711", .electionNotice),  // district missing
            ("https://wahlschein.example.de/antrag?wbz=123456&wvz=1", .electionNotice),  // too wide for 4 digits
            ("https://wahlschein.example.de/antrag?wbz=11a1&wvz=1", .electionNotice),  // not digits
            ("WBN:1101", .electionNotice),
            ("AS-12", .collectionReceipt),
        ]
        for (text, kind) in cases {
            let rejection = Self.classify(text).failure
            #expect(rejection?.looksLike == kind, "\(text)")
            #expect(rejection?.isUnrecognised == false)
            #expect(rejection?.message[.english].isEmpty == false)
        }
    }

    @Test func limitsControlCharactersAndRedaction() throws {
        let huge = "https://service.example.de/terminvereinbarung/?process=1&authKey=" + String(repeating: "a", count: 5000)
        #expect(Self.classify(huge).failure?.isUnrecognised == true)
        let control = Self.classify("T:123456:ab\u{07}12").failure
        #expect(control?.isRetryable == true)
        #expect(control?.message[.german].contains("noch einmal") == true)
        #expect(Self.classify("").failure?.isUnrecognised == true)
        // Bytes that are not UTF-8 are read as Latin-1 and still refused cleanly.
        #expect(Self.rules.classify(ScannedCode(symbology: .unknown, data: [0x54, 0x3A, 0xFF, 0x80])).failure != nil)
        let secret = "https://service.example.de/terminvereinbarung/?process=987654&authKey=SECRETKEY%ZZ"
        let rejection = Self.classify(secret).failure
        #expect(rejection != nil)
        #expect(!"\(rejection!)".contains("987654") && !"\(rejection!)".contains("SECRET"), "\(rejection!)")
    }

    @Test func symbologyRestriction() throws {
        let rules = try PayloadRules.parse(
            yaml: """
                collectionReceipts:
                  - { name: r, pattern: '^AS(?<application>[0-9]{4})$', symbologies: [code128] }
                """, source: "c.yaml")
        let code128 = rules.classify(ScannedCode(symbology: .code128, data: Array("AS1234".utf8)))
        #expect(try code128.get() == .collectionReceipt(applicationNumber: "1234"))
        #expect(rules.classify(ScannedCode(symbology: .qrCode, data: Array("AS1234".utf8))).failure?.isUnrecognised == true)
        #expect(try rules.classify(ScannedCode(symbology: .unknown, data: Array("AS1234".utf8))).get() == .collectionReceipt(applicationNumber: "1234"))
    }

    @Test(arguments: [
        ("appointments:\n  - { name: a, pattern: '^(?<process>[0-9]+)$' }\n", 2, "key"),
        ("appointments:\n  - { name: a, pattern: '^(?<process' }\n", 2, "pattern"),
        ("electionNotices:\n  - { name: e, link: { host: h, voter: v } }\n", 2, "district"),
        ("electionNotices:\n  - { name: e, link: { host: h, path: x, district: d } }\n", 2, "path"),
        ("electionNotices:\n  - { name: e, link: { host: h, district: d }, district: { width: 40 } }\n", 2, "width"),
        ("collectionReceipts:\n  - { name: c, booking: '^x$' }\n", 2, "booking"),
        ("appointments:\n  - { name: a, booking: '^x$' }\n  - { name: a, booking: '^y$' }\n", 3, "twice"),
        ("appointments:\n  - { name: a, booking: '^x$', colour: red }\n", 2, "colour"),
        ("tickets: []\n", 1, "tickets"),
        ("appointments: [\n", 2, "YAML"),
    ])
    func brokenFilesNameTheLine(yaml: String, line: Int, mention: String) {
        do {
            _ = try PayloadRules.parse(yaml: yaml, source: "codes.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(mention), "\(error)")
            #expect(error.description.hasPrefix("codes.yaml:"))
        }
    }
}

extension Result {
    /// The error, nil on success.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// `terminal.codes` names the rules file; without it the terminal reads no codes.
@Suite struct TerminalCodesSettingTests {
    @Test func codesPathIsOptionalAndKeptAsWritten() throws {
        #expect(try TerminalConfiguration.parse(yaml: "terminal: { id: t1 }\n", source: "terminal.yaml").codesPath == nil)
        let configured = try TerminalConfiguration.parse(yaml: "terminal: { id: t1, codes: site/codes.yaml }\n", source: "terminal.yaml")
        #expect(configured.codesPath == "site/codes.yaml")
        #expect(throws: CatalogError.self) { try TerminalConfiguration.parse(yaml: "terminal: { id: t1, codes: '' }\n", source: "terminal.yaml") }
    }
}

import Foundation
import KioskCore
import KioskTesting
import Testing

/// Seeded random and mutated inputs against the parsers that read outside data: scanned codes, CSV files,
/// house-number rules. Every run uses the same seeds, so a failure replays; the seed is in the message.
@Suite struct PayloadFuzzTests {
    static let rules = PayloadRulesTests.rules

    /// A valid code of each kind with the payload it must give.
    static func validCode(_ random: inout SeededRandomNumberGenerator) -> (String, ScannedPayload) {
        func token(_ alphabet: String, _ range: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: range, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        }
        let digits = "0123456789"
        let alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let (process, key) = (token(digits, 1...12), token(alphanumeric, 1...32))
            let extra = Bool.random(using: &random) ? "&lang=de" : ""
            return ("https://service.example.de/terminvereinbarung/t?authKey=\(key)\(extra)&process=\(process)",
                    .appointment(.process(number: process, authKey: key)))
        case 1:
            let (process, key) = (token(digits, 4...12), token(alphanumeric, 2...32))
            return ("T:\(process):\(key)", .appointment(.process(number: process, authKey: key)))
        case 2:
            let reference = "BK-" + token("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8...8)
            return (reference, .appointment(.booking(reference: reference)))
        case 3:
            let district = Int.random(in: 1...9999, using: &random)
            let zeros = String(repeating: "0", count: Int.random(in: 0...3, using: &random))
            let voter = token(digits, 1...8)
            let padded = String(repeating: "0", count: 4 - String(district).count) + String(district)
            return ("https://wahlschein.example.de/antrag?wvz=\(voter)&wbz=\(zeros)\(district)",
                    .electionNotice(ElectionNoticeCode(district: padded, voterNumber: voter)))
        case 4:
            let district = Int.random(in: 1...9999, using: &random)
            let voter = token(digits, 1...8)
            let padded = String(repeating: "0", count: 4 - String(district).count) + String(district)
            return ("WBN:\(district):\(voter)", .electionNotice(ElectionNoticeCode(district: padded, voterNumber: voter)))
        default:
            let application = token(digits, 10...10)
            return ("AS-\(application)", .collectionReceipt(applicationNumber: application))
        }
    }

    /// Checks what every answer must satisfy, whatever the input.
    static func checkAnswer(_ result: Result<ScannedPayload, PayloadRejection>, input: [UInt8], seed: UInt64) {
        switch result {
        case .success(let payload):
            #expect(input.count <= PayloadRules.maximumLength, "seed \(seed)")
            _ = payload
        case .failure(let rejection):
            #expect(!rejection.message[.german].isEmpty && !rejection.message[.english].isEmpty, "seed \(seed)")
            let description = rejection.description
            #expect(description.hasPrefix("PayloadRejection(") && description.count < 160, "seed \(seed): \(description)")
            // Exactly one of: unknown, ours but broken, garbled read.
            let categories = [rejection.isUnrecognised, rejection.looksLike != nil, rejection.isRetryable].filter { $0 }.count
            #expect(categories == 1, "seed \(seed): \(description)")
        }
    }

    @Test func validCodesRoundTripAndMutationsGetAClearAnswer() throws {
        let seed: UInt64 = 0x5EED_C0DE
        var random = SeededRandomNumberGenerator(seed: seed)
        var accepted = 0
        var rejected = 0
        for iteration in 0..<40_000 {
            let (text, expected) = Self.validCode(&random)
            let bytes = Array(text.utf8)
            #expect(try Self.rules.classify(ScannedCode(symbology: .qrCode, data: bytes)).get() == expected, "seed \(seed) #\(iteration): \(text)")
            var mutated = bytes
            switch iteration % 4 {
            case 0: mutated = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
            case 1:
                for _ in 0...Int.random(in: 0..<3, using: &random) {
                    mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            case 2: mutated.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...mutated.count, using: &random))
            default: mutated.remove(at: Int.random(in: 0..<mutated.count, using: &random))
            }
            let result = Self.rules.classify(ScannedCode(symbology: .unknown, data: mutated))
            Self.checkAnswer(result, input: mutated, seed: seed)
            if case .success = result { accepted += 1 } else { rejected += 1 }
        }
        // Mutations must both survive (a truncated key is still a key) and fail: a parser that accepts or
        // refuses everything would pass the loop above.
        #expect(accepted > 1_000 && rejected > 10_000, "accepted \(accepted), rejected \(rejected)")
    }

    @Test func randomBytesAndHugeInputs() throws {
        let seed: UInt64 = 0xBAD_B17E5
        var random = SeededRandomNumberGenerator(seed: seed)
        let alphabet = Array("https://service.example.de/terminvereinbarung/?process=&authKey=%+T:WBN:AS-BK-0123456789abcdef".utf8)
        for iteration in 0..<30_000 {
            let count = Int.random(in: 0...200, using: &random)
            let bytes: [UInt8] = (0..<count).map { _ in
                iteration % 2 == 0 ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random)!
            }
            let symbology = [Symbology.qrCode, .code128, .unknown, .dataMatrix].randomElement(using: &random)!
            Self.checkAnswer(Self.rules.classify(ScannedCode(symbology: symbology, data: bytes)), input: bytes, seed: seed)
        }
        for size in [4097, 10_000, 1 << 20] {
            let bytes = Array(repeating: UInt8(ascii: "a"), count: size)
            #expect(Self.rules.classify(ScannedCode(symbology: .qrCode, data: bytes)).failure?.isUnrecognised == true)
        }
        // Just under the limit: a link with a 4 KiB query still gets an answer, quickly.
        let long = "https://service.example.de/terminvereinbarung/?process=1&authKey=a&pad=" + String(repeating: "%41", count: 1300)
        #expect(Self.rules.classify(ScannedCode(symbology: .qrCode, data: Array(long.utf8))).failure == nil)
    }

    @Test func csvRoundTripsAndRandomBytesNeverCrash() throws {
        let seed: UInt64 = 0xC5F
        var random = SeededRandomNumberGenerator(seed: seed)
        let pieces = ["a", "Straße", ";", ",", "\"", "\n", "\r\n", " ", "ung. 1-9", "x\"y", "€"]
        for iteration in 0..<5_000 {
            let delimiter: Character = iteration % 2 == 0 ? "," : ";"
            let columns = Int.random(in: 1...4, using: &random)
            let rows: [[String]] = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<columns).map { _ in (0..<Int.random(in: 1...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
            }
            let text = rows.map { row in
                row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: String(delimiter))
            }.joined(separator: "\r\n")
            let table = try CSVReader.read(Array(text.utf8), encoding: .utf8, delimiter: delimiter)
            #expect([table.header.map { $0 }] + table.rows.map(\.fields) == [rows[0].map { Self.trim($0) }] + rows.dropFirst(), "seed \(seed) #\(iteration)")
        }
        for _ in 0..<10_000 {
            let bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                [UInt8(ascii: "\""), UInt8(ascii: ","), 0x0A, 0x0D, 0xC3, 0xA4, 0xFF, UInt8(ascii: "a")].randomElement(using: &random)!
            }
            for encoding in TextEncoding.allCases {
                do {
                    let table = try CSVReader.read(bytes, encoding: encoding)
                    #expect(table.rows.allSatisfy { $0.line >= 2 })
                } catch {
                    #expect(error.line >= 1 && !error.problem[.english].isEmpty)
                }
            }
        }
    }

    static func trim(_ text: String) -> String {
        let spaces: Set<Character> = [" ", "\t"]
        return String(text.drop { spaces.contains($0) }.reversed().drop { spaces.contains($0) }.reversed())
    }

    @Test func houseNumberRulesAgreeWithAModel() throws {
        let seed: UInt64 = 0x4A05
        var random = SeededRandomNumberGenerator(seed: seed)
        for iteration in 0..<20_000 {
            // A generated rule and the model of what it contains.
            let from = Int.random(in: 1...60, using: &random)
            let through = from + Int.random(in: 0...40, using: &random)
            let parity = Int.random(in: 0..<3, using: &random)
            let prefix = ["", "ung. ", "ger. "][parity]
            let single = Int.random(in: 1...120, using: &random)
            let text = "\(prefix)\(from)-\(through), \(single)\(Bool.random(using: &random) ? "a" : "")"
            let parsed = HouseNumberRule.parse(text)
            #expect(parsed.unreadable.isEmpty, "seed \(seed) #\(iteration): \(text)")
            let singleNumber = HouseNumber(String(text.split(separator: ",")[1]))!
            for _ in 0..<5 {
                let number = HouseNumber(number: Int.random(in: 1...130, using: &random), suffix: Bool.random(using: &random) ? "" : "A")
                let inRange = HouseNumber(number: from) <= number && number <= HouseNumber(number: through)
                    && (parity == 0 || (number.number % 2 == 1) == (parity == 1))
                #expect(parsed.rule.contains(houseNumber: number) == (inRange || number == singleNumber), "seed \(seed): \(text) \(number)")
            }
            #expect(HouseNumberRule.parse(parsed.rule.description).rule == parsed.rule)
        }
        // Random text from the rules' alphabet: never a crash, and whatever is understood reads back the same.
        let alphabet = Array("0123456789aAbB -,.ungerUGalle")
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...30, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let parsed = HouseNumberRule.parse(text)
            #expect(HouseNumberRule.parse(parsed.rule.description).rule == parsed.rule, "\(text)")
            _ = parsed.rule.contains(houseNumber: HouseNumber(number: 7))
        }
    }
}

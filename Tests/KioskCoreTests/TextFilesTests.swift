import Foundation
import KioskCore
import Testing

/// The shipped text files in Kiosk/texts/: one per language, the same keys and placeholders in each.
@Suite struct TextFilesTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Kiosk/texts").standardized

    static func catalog() throws -> TextCatalog {
        var texts: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent("\(language.rawValue).yaml")
            texts[language] = try TextCatalog.parseLanguage(yaml: try String(contentsOf: file, encoding: .utf8), source: file.lastPathComponent)
        }
        return TextCatalog(texts: texts)
    }

    @Test func thereIsOneFilePerLanguageAndNoOther() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(Set(files) == Set(Language.allCases.map { "\($0.rawValue).yaml" }))
    }

    @Test(arguments: Language.allCases)
    func everyKeyExistsInEveryLanguageAndNoOther(language: Language) throws {
        let catalog = try Self.catalog()
        #expect(catalog.missingKeys(in: language) == [])
        #expect(catalog.extraKeys(in: language) == [])
        #expect(catalog.texts[language]?.values.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == true)
    }

    @Test(arguments: Language.allCases)
    func placeholdersAreTheSameInEveryLanguage(language: Language) throws {
        #expect(try Self.catalog().placeholderMismatches(in: language) == [])
    }

    @Test func theCheckCatchesAMissingAnExtraKeyAndALostPlaceholder() {
        let catalog = TextCatalog(texts: [
            .german: ["a": "Wartezeit {estimate}", "b": "Zurück"],
            .turkish: ["a": "bekleme süresi", "c": "Geri"],
        ])
        #expect(catalog.missingKeys(in: .turkish) == ["b"])
        #expect(catalog.extraKeys(in: .turkish) == ["c"])
        #expect(catalog.placeholderMismatches(in: .turkish) == ["a"])
        #expect(TextCatalog.placeholders(in: "{count} x {amount}, {count}") == ["count", "amount"])
    }

    @Test func translatedTextsAreNotGermanLeftOvers() throws {
        let catalog = try Self.catalog()
        let german = try #require(catalog.texts[.german])
        for language in [Language.english, .turkish, .arabic, .ukrainian] {
            let same = german.keys.filter { key in
                // Names and codes that read the same in every language.
                german[key] == catalog.texts[language]?[key] && german[key]!.count > 6
                    && !["receipt.quantity", "receipt.terminal", "payment.method.girocard", "receipt.iban", "card.kind.girocard"].contains(key)
                    // Turkish borrowed the word.
                    && !(language == .turkish && key == "mode.highContrast")
            }
            #expect(same.isEmpty, "\(language.rawValue) still has the German text for \(same.sorted())")
        }
    }

    /// Leichte Sprache's rules that a program can check: no abbreviations, short sentences.
    @Test func leichteSpracheHasNoAbbreviationsAndShortSentences() throws {
        let easy = try #require(try Self.catalog().texts[.easyGerman])
        let abbreviations = ["ca.", "z. B.", "z.B.", "bzw.", "ggf.", "usw.", "u. a.", "Nr.", "Min.", "evtl.", "inkl.", " s ", " s –"]
        for (key, text) in easy {
            for abbreviation in abbreviations {
                #expect(!text.contains(abbreviation), "\(key) uses \"\(abbreviation)\"")
            }
            for sentence in text.split(whereSeparator: { ".?!:".contains($0) }) {
                let words = sentence.split(separator: " ").count
                #expect(words <= 14, "\(key): a sentence of \(words) words is too long for Leichte Sprache")
            }
        }
    }
}

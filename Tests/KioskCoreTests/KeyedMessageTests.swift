import Foundation
import KioskCore
import Testing

/// Messages with a key are shown from the text files in every language; messages without stay German and English.
@Suite struct KeyedMessageTests {
    static let catalog = TextCatalog(texts: [
        .german: ["refused.x": "Ab {time} Uhr.", "when": "Am {date}."],
        .english: ["refused.x": "From {time}.", "when": "On {date}."],
        .turkish: ["refused.x": "Saat {time} itibarıyla.", "when": "{date} tarihinde."],
        .arabic: ["when": "في {date}."],
    ])

    @Test func aKeyedMessageIsShownFromTheLanguagesFileWithItsValues() {
        let message = Message(key: "refused.x", de: "Ab 07:30 Uhr.", en: "From 07:30.", values: ["time": "07:30"])
        #expect(Self.catalog.text(message, .turkish) == "Saat 07:30 itibarıyla.")
        #expect(Self.catalog.text(message, .german) == "Ab 07:30 Uhr.")
        #expect(Self.catalog.text(message, .english) == "From 07:30.")
        // Arabic's file lacks the key: the code's text, German as for any missing translation.
        #expect(Self.catalog.text(message, .arabic) == "Ab 07:30 Uhr.")
        #expect(message.description == "Ab 07:30 Uhr. / From 07:30.")
    }

    @Test func valuesMayDifferByLanguage() {
        let date = LocalizedText(german: "24.11.2026", english: "2026-11-24", others: [.arabic: "2026-11-24"])
        let message = Message(key: "when", de: "Am 24.11.2026.", en: "On 2026-11-24.", localizedValues: ["date": date])
        #expect(Self.catalog.text(message, .turkish) == "24.11.2026 tarihinde.")
        #expect(Self.catalog.text(message, .arabic) == "في 2026-11-24.")
        #expect(Self.catalog.text(message, .english) == "On 2026-11-24.")
    }

    @Test func aMessageWithoutKeyIsTheCodesGermanAndEnglish() {
        let message = Message(de: "Drucker prüfen.", en: "Check the printer.")
        #expect(message.key == nil)
        #expect(Self.catalog.text(message, .turkish) == "Drucker prüfen.")
        #expect(Self.catalog.text(message, .english) == "Check the printer.")
    }

    /// Every `Message(key: "…"` in the sources names a text that every language file has, with the placeholders
    /// the German text has: a key added in code without its texts fails here, not on a citizen's screen.
    @Test func everyKeyUsedInCodeIsInEveryLanguageFile() throws {
        let keys = try Self.keysInSources()
        // The scan must see the keys (a changed spelling of the initialiser would otherwise pass silently).
        #expect(keys.count >= 100, "only \(keys.count) keys found")
        let catalog = try TextFilesTests.catalog()
        for language in Language.allCases {
            let missing = keys.filter { catalog.texts[language]?[$0] == nil }.sorted()
            #expect(missing.isEmpty, "\(language.rawValue).yaml lacks \(missing)")
        }
    }

    /// The citizen's flows build no message without a key; only the technician menu and its diagnostics, which
    /// technicians read in German or English, may.
    @Test func theCitizenFlowsBuildNoMessageWithoutKey() throws {
        let app = TextFilesTests.directory.appendingPathComponent("../../Sources/KioskApp").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: app.path).filter {
            ($0.hasPrefix("KioskSession") || $0 == "IDCardService.swift") && $0 != "KioskSession+Technician.swift"
        }
        #expect(files.count >= 10)
        let unkeyed = try Regex(#"Message\(\s*de:"#)
        for file in files {
            let text = try String(contentsOf: app.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(unkeyed), "\(file) builds a message without a key")
        }
    }

    /// The keys of `Message(key: "…"` in Sources/, found by reading the files.
    static func keysInSources() throws -> Set<String> {
        let sources = TextFilesTests.directory.appendingPathComponent("../../Sources").standardized
        let pattern = try Regex(#"Message\(\s*key:\s*"([^"\\]+)""#)
        var keys: Set<String> = []
        let files = FileManager.default.enumerator(atPath: sources.path)
        while let file = files?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { keys.insert(String(key)) }
            }
        }
        return keys
    }

    @Test func theSourceScanFindsKeysOnOneOrSeveralLines() throws {
        let keys = try Self.keysInSources()
        #expect(keys.isSuperset(of: ["refused.notYetOpen", "card.kind.girocard", "pin.digits.either", "store.noNumbers"]))
    }
}

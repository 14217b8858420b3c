import Yams
import Foundation

/// Screen and printout texts, one file per language under `Kiosk/texts/`, keyed by dotted names.
///
/// Texts may contain placeholders `{name}` filled by `text(_:_:)`.
public struct TextCatalog: Sendable {
    /// Texts per language per key.
    public private(set) var texts: [Language: [String: String]]

    /// Creates a catalog from already-parsed tables.
    public init(texts: [Language: [String: String]]) { self.texts = texts }

    /// Parses one language's file: a flat YAML mapping of keys to strings.
    public static func parseLanguage(yaml: String, source: String) throws(CatalogError) -> [String: String] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLReader.syntaxError(error, source: source)
        }
        guard let root else { return [:] }
        let parser = YAMLReader(source: source)
        var table: [String: String] = [:]
        for (key, value) in try parser.mapping(root, "Die Datei") {
            table[try parser.string(key, "Schlüssel")] = try parser.string(value, key.string ?? "Text")
        }
        return table
    }

    /// The text for `key` in `language` (German where missing), with `{name}` placeholders filled.
    /// A missing key shows as the key itself so that a gap is visible, never a crash.
    public func text(_ key: String, _ language: Language, _ values: [String: String] = [:]) -> String {
        var text = texts[language]?[key] ?? texts[.fallback]?[key] ?? key
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// A message in `language`: its keyed text with the placeholders filled; where it has no key or the language's
    /// file lacks it, the message as written in code (German and English, German for the rest).
    public func text(_ message: Message, _ language: Language) -> String {
        guard let key = message.key, let template = texts[language]?[key] else {
            return message[language]
        }
        var text = template
        for (name, value) in message.values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value[language])
        }
        return text
    }

    /// Keys present in German but missing in `language`.
    public func missingKeys(in language: Language) -> [String] {
        let german = Set(texts[.fallback]?.keys ?? [:].keys)
        let other = Set(texts[language]?.keys ?? [:].keys)
        return german.subtracting(other).sorted()
    }

    /// Keys present in `language` but not in German: a typo or a text that German lost, shown nowhere.
    public func extraKeys(in language: Language) -> [String] {
        let german = Set(texts[.fallback]?.keys ?? [:].keys)
        let other = Set(texts[language]?.keys ?? [:].keys)
        return other.subtracting(german).sorted()
    }

    /// Keys whose `{placeholders}` in `language` differ from German's: a value would be lost or shown raw.
    public func placeholderMismatches(in language: Language) -> [String] {
        guard let german = texts[.fallback], let other = texts[language] else { return [] }
        return german.keys.filter { key in
            guard let translated = other[key], let original = german[key] else { return false }
            return Self.placeholders(in: translated) != Self.placeholders(in: original)
        }.sorted()
    }

    /// The names of the `{name}` placeholders in a text.
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            names.insert(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return names
    }
}

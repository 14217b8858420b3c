import Foundation

/// Turns any text into characters a code page has, so that a name is never dropped or garbled.
///
/// Order: the character itself if the page has it (ä, ß, é, € in PC858); else a table entry (Cyrillic per
/// the German Duden transcription, Greek, Arabic per a simplified DIN 31635 without diacritics, ligatures and
/// typographic punctuation); else the base letter without its accents (ł → l, ő → o); else "?".
public struct Transliterator: Sendable {
    /// The code page to fit the text into.
    public let codePage: CodePage

    /// Creates a transliterator for a code page.
    public init(codePage: CodePage) { self.codePage = codePage }

    /// The text using only characters of the code page.
    public func transliterate(_ text: String) -> String {
        var result = ""
        for character in text.precomposedStringWithCanonicalMapping {
            result += fit(character)
        }
        return result
    }

    func fit(_ character: Character) -> String {
        if codePage.byte(for: character) != nil { return String(character) }
        if character == "€" { return "EUR" }
        if character == "ß" { return "ss" }
        if let lower = Self.table[character] { return fitAll(lower) }
        let lowered = Character(character.lowercased())
        if let mapped = Self.table[lowered] {
            // Capitalise the first letter of the transcription: "Ш" → "Sch".
            return fitAll(mapped.prefix(1).uppercased() + mapped.dropFirst())
        }
        let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !(0x0300...0x036F).contains($0.value) }
        let stripped = String(String.UnicodeScalarView(base))
        if !stripped.isEmpty, stripped != String(character), stripped.allSatisfy({ codePage.byte(for: $0) != nil }) {
            return stripped
        }
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.allSatisfy({ (0x0300...0x036F).contains($0.value) }) || scalar.properties.generalCategory == .format {
            return ""  // a lone combining mark or an invisible format character (e.g. Arabic tatweel) adds nothing
        }
        return "?"
    }

    func fitAll(_ text: String) -> String { text.map { codePage.byte(for: $0) != nil ? String($0) : fit($0) }.joined() }

    static let table: [Character: String] = {
        var table: [Character: String] = [
            // Cyrillic (Russian, Ukrainian), German Duden transcription
            "а": "a", "б": "b", "в": "w", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "jo", "є": "je", "ж": "sch",
            "з": "s", "и": "i", "і": "i", "ї": "ji", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
            "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
            "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
            // Greek
            "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
            "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
            "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o", "ά": "a", "έ": "e", "ή": "i", "ί": "i", "ό": "o",
            "ύ": "y", "ώ": "o",
            // Arabic, simplified DIN 31635
            "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "dsch", "ح": "h", "خ": "ch",
            "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sch", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
            "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
            "ي": "y", "ى": "a", "ة": "a", "ء": "'", "ؤ": "'", "ئ": "'",
            // Latin letters without a decomposition
            "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe", "ŋ": "ng", "þ": "th",
            // Typography
            "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": ",", "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"",
            "\u{2013}": "-", "\u{2014}": "-", "\u{2026}": "...", "\u{00A0}": " ", "\u{2022}": "*", "\u{2192}": "->",
        ]
        table["Ł"] = "L"
        table["Đ"] = "D"
        table["Œ"] = "OE"
        return table
    }()
}

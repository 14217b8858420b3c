/// A language the terminal speaks to citizens; German is the default and the fallback.
///
/// The raw value is the language's code and the name of its file in `Kiosk/texts/`.
public enum Language: String, CaseIterable, Codable, Sendable, Hashable {
    /// German.
    case german = "de"
    /// English.
    case english = "en"
    /// Leichte Sprache, easy German with its own rules (short sentences, no abbreviations, terms explained).
    /// BCP 47 has no subtag for it, so the code is German with the private-use subtag "ls": `de-x-ls` is a valid
    /// tag that no standard language can collide with, and it says what it is. "Einfache Sprache" (plain German)
    /// is a different, looser register, which is why the code does not say "simple".
    case easyGerman = "de-x-ls"
    /// Turkish.
    case turkish = "tr"
    /// Arabic (Modern Standard Arabic), written right to left.
    case arabic = "ar"
    /// Ukrainian.
    case ukrainian = "uk"

    /// The language every text must exist in; others fall back to it.
    public static let fallback: Language = .german

    /// The language's name in itself, as the language chooser lists it.
    public var nativeName: String {
        switch self {
        case .german: "Deutsch"
        case .english: "English"
        case .easyGerman: "Leichte Sprache"
        case .turkish: "Türkçe"
        case .arabic: "العربية"
        case .ukrainian: "Українська"
        }
    }

    /// Whether the language's script runs right to left, so that screens in it are mirrored.
    public var isRightToLeft: Bool { self == .arabic }
}

/// A text in several languages, falling back to German where a translation is missing.
public struct LocalizedText: Hashable, Sendable, Codable {
    /// The texts by language; German is always present.
    public private(set) var texts: [Language: String]

    /// Creates a text; German is required because it is every other language's fallback.
    public init(german: String, english: String? = nil, others: [Language: String] = [:]) {
        var texts = others
        texts[.german] = german
        if let english { texts[.english] = english }
        self.texts = texts
    }

    /// The text in `language`, or the German text where that language has none.
    public subscript(language: Language) -> String {
        texts[language] ?? texts[.fallback] ?? ""
    }
}

/// A message for a person, always in German and English, optionally in more languages.
///
/// A message a citizen reads carries a `key` into the text files (`Kiosk/texts/<language>.yaml`) and the values of
/// its `{placeholders}`: where the texts are known (the kiosk's screens) it is shown from them in every language
/// (`TextCatalog.text(_:_:)`). The German and English given in code stay what consoles, logs and CLI errors show,
/// and what any screen shows where a language file lacks the key. Technician and CLI messages need no key.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    /// The message text by language.
    public var text: LocalizedText
    /// The message's key in the text files; nil for messages only technicians and staff read.
    public var key: String?
    /// The values of the keyed text's `{name}` placeholders, each in every language it differs in.
    public var values: [String: LocalizedText]

    /// Creates a message from its German and English wording, for technicians and staff.
    public init(de: String, en: String) {
        text = LocalizedText(german: de, english: en)
        key = nil
        values = [:]
    }

    /// Creates a message a citizen reads: `key` names its text in every language file, `de` and `en` are the
    /// same text with `values` filled in, for consoles and logs.
    public init(key: String, de: String, en: String, values: [String: String] = [:]) {
        self.init(key: key, de: de, en: en, localizedValues: values.mapValues { LocalizedText(german: $0) })
    }

    /// Creates a message a citizen reads whose placeholder values differ by language (a date, a name).
    public init(key: String, de: String, en: String, localizedValues: [String: LocalizedText]) {
        text = LocalizedText(german: de, english: en)
        self.key = key
        values = localizedValues
    }

    /// The message in one language as written in code (German where missing); screens use `TextCatalog.text(_:_:)`.
    public subscript(language: Language) -> String { text[language] }

    /// German, then English: the form used on consoles and in CLI errors.
    public var description: String { "\(text[.german]) / \(text[.english])" }
}

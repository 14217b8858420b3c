/// A language the terminal speaks to citizens; German is the default and the fallback.
public enum Language: String, CaseIterable, Codable, Sendable, Hashable {
    case german = "de"
    case english = "en"
    case easyGerman = "de-simple"
    case turkish = "tr"
    case arabic = "ar"
    case ukrainian = "uk"

    /// The language every text must exist in; others fall back to it.
    public static let fallback: Language = .german
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
public struct Message: Hashable, Sendable, CustomStringConvertible {
    /// The message text by language.
    public var text: LocalizedText

    /// Creates a message from its German and English wording.
    public init(de: String, en: String) {
        text = LocalizedText(german: de, english: en)
    }

    /// The message in one language (German where missing).
    public subscript(language: Language) -> String { text[language] }

    /// German, then English: the form used on consoles and in CLI errors.
    public var description: String { "\(text[.german]) / \(text[.english])" }
}

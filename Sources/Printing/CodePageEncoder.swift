/// Turns text into the bytes of one code page, transliterating what the page lacks.
public struct CodePageEncoder: Sendable, Hashable {
    /// The code table the bytes are for.
    public let codePage: CodePage
    /// The rules for characters the code table lacks.
    public let transliterator: Transliterator

    /// An encoder for one code table.
    public init(codePage: CodePage, transliterator: Transliterator = Transliterator()) {
        self.codePage = codePage
        self.transliterator = transliterator
    }

    /// The text in characters of the code table, keeping line feeds and no-break spaces.
    public func transliterate(_ text: String) -> Transliteration {
        transliterator.transliterate(text, to: codePage)
    }

    /// The text as the paper shows it: only printable characters, no-break spaces as plain spaces.
    public func printable(_ text: String) -> String {
        Self.plainSpaces(transliterate(text).text)
    }

    /// The bytes of the text; line breaks become LF, and no other control byte can ever appear.
    public func encode(_ text: String) -> [UInt8] {
        bytes(forTransliterated: transliterate(text).text)
    }

    /// Bytes of text that already went through `transliterate`.
    func bytes(forTransliterated text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                bytes.append(0x0A)
            case "\u{A0}":
                // Some clones print their no-break space position as a glyph; a plain space is always blank.
                bytes.append(0x20)
            default:
                bytes.append(codePage.byte(for: scalar) ?? 0x3F)
            }
        }
        return bytes
    }

    static func plainSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{A0}") else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
    }
}

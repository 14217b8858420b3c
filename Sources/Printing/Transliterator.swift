import Foundation

/// The result of making a text printable with one code page.
public struct Transliteration: Sendable, Hashable {
    /// The text: kept characters, Latin replacements, line feeds and no-break spaces.
    public var text: String
    /// How many characters had no rule and became "?"; a count only, because these texts carry names.
    public var unrepresentableCount: Int

    /// A transliteration with the given text and count.
    public init(text: String, unrepresentableCount: Int) {
        self.text = text
        self.unrepresentableCount = unrepresentableCount
    }
}

// Order of rules for each character, after canonical composition (NFC):
// line breaks, tabs, controls, format characters and stray combining marks first; then the script rules
// for Greek, Cyrillic and Arabic (a word is kept as is only when the code page has all of its letters,
// because a word half in Greek and half in Latin is unreadable); then characters the code page has;
// then the Latin and punctuation table; then the compatibility decomposition (NFKD) without its
// combining marks, which strips diacritics (ą → a, Ż → Z); only then "?".
//
// Schemes:
// - Latin: German conventions. A letter the code page lacks becomes the nearest letter it has
//   (ő → ö, ø → ö), else loses its diacritic (ł → l, ğ → g, ı → i); ä ö ü become ae oe ue and ß becomes
//   ss only on a table without them (none of the four here).
// - Cyrillic (Russian, Ukrainian, Belarusian ў, Serbian and Macedonian letters): `CyrillicScheme`.
// - Greek: ELOT 743 / ISO 843 transcription without diacritics (ου → ou, αυ → av/af, γγ → ng,
//   initial μπ → b and ντ → d).
// - Arabic, Persian letters included: DIN 31635 with every letter that carries a diacritic in DIN written
//   as the German digraph or the bare letter (ṯ th, ǧ dsch, ḥ h, ḫ ch, ḏ dh, š sch, ṣ s, ḍ d, ṭ t, ẓ z,
//   ġ gh, ʿ and ʾ as '). Short vowels are printed only where the text is vocalised, so unvocalised
//   names give their consonant skeleton (محمد → Mhmd); each word starts with a capital.
/// Rewrites text into characters a code page has, by explicit rules per script, never by dropping letters.
public struct Transliterator: Sendable, Hashable {
    /// How Cyrillic letters become Latin.
    public enum CyrillicScheme: String, Sendable, Hashable, Codable, CaseIterable {
        /// German Duden transcription (Achmed Schewtschenko, Kyjiw): what German readers expect.
        case duden
        /// ICAO Doc 9303 (Akhmed Shevchenko, Iurii): the spelling in the machine-readable zone of passports.
        case icao9303
    }

    /// The scheme for Cyrillic.
    public var cyrillicScheme: CyrillicScheme

    /// A transliterator with the given Cyrillic scheme.
    public init(cyrillicScheme: CyrillicScheme = .duden) {
        self.cyrillicScheme = cyrillicScheme
    }

    /// The text in characters of the code page, plus line feeds and no-break spaces where the page has one.
    public func transliterate(_ text: String, to codePage: CodePage) -> Transliteration {
        transliterate(text) { codePage.byte(for: $0) != nil }
    }

    /// The text in characters for which `isKept` holds; `isKept` must accept printable ASCII.
    public func transliterate(_ text: String, keeping isKept: (Unicode.Scalar) -> Bool) -> Transliteration {
        var run = TransliterationRun(scalars: Self.prepared(text), scheme: cyrillicScheme)
        run.run(isKept)
        return Transliteration(text: String(run.output), unrepresentableCount: run.unrepresentable)
    }

    /// NFC, with Arabic presentation forms unfolded to the letters the Arabic rules know.
    static func prepared(_ text: String) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if (0xFB50...0xFDFF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value) {
                let unfolded = String(scalar).decomposedStringWithCompatibilityMapping
                scalars.append(contentsOf: unfolded.precomposedStringWithCanonicalMapping.unicodeScalars)
            } else {
                scalars.append(scalar)
            }
        }
        return scalars
    }
}

/// One pass over a text; the state is what context rules need from the characters already seen.
struct TransliterationRun {
    let scalars: [Unicode.Scalar]
    let scheme: Transliterator.CyrillicScheme
    var index = 0
    var output = String.UnicodeScalarView()
    var unrepresentable = 0
    var arabic = ArabicState.wordStart
    var capitalizeNextLetter = false

    init(scalars: [Unicode.Scalar], scheme: Transliterator.CyrillicScheme) {
        self.scalars = scalars
        self.scheme = scheme
    }

    mutating func run(_ isKept: (Unicode.Scalar) -> Bool) {
        while index < scalars.count {
            index += step(isKept)
        }
    }

    /// Handles the scalar at `index` and returns how many scalars it consumed.
    private mutating func step(_ isKept: (Unicode.Scalar) -> Bool) -> Int {
        let scalar = scalars[index]
        if let consumed = structural(scalar, isKept) {
            return consumed
        }
        if Self.isArabicBlock(scalar), !wordIsKept(at: index, isKept), let consumed = arabicStep(isKept) {
            return consumed
        }
        arabic = .wordStart
        capitalizeNextLetter = false
        if Self.greekLetter(scalar) != nil, !wordIsKept(at: index, isKept) {
            let (latin, consumed) = greek(at: index)
            append(latin, isKept)
            return consumed
        }
        if Self.cyrillicLetter(scalar) != nil, !wordIsKept(at: index, isKept) {
            append(cyrillic(at: index), isKept)
            return 1
        }
        if isKept(scalar) {
            output.append(scalar)
            return 1
        }
        if let candidates = Self.latinTable[scalar] {
            for candidate in candidates {
                let cased = adjustedCase(candidate, source: scalar, at: index)
                if cased.unicodeScalars.allSatisfy(isKept) {
                    output.append(contentsOf: cased.unicodeScalars)
                    return 1
                }
            }
        }
        if let decomposed = compatibilityFallback(scalar, isKept) {
            output.append(contentsOf: decomposed)
            return 1
        }
        appendUnrepresentable(isKept)
        return 1
    }

    /// Line breaks, spaces, controls and marks; nil when the scalar is printable content.
    private mutating func structural(_ scalar: Unicode.Scalar, _ isKept: (Unicode.Scalar) -> Bool) -> Int? {
        switch scalar.value {
        case 0x0D:
            resetContext()
            output.append("\n")
            let next = index + 1
            return next < scalars.count && scalars[next] == "\n" ? 2 : 1
        case 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
            resetContext()
            output.append("\n")
            return 1
        case 0x09, 0x20:
            resetContext()
            output.append(" ")
            return 1
        case 0xA0, 0x2007, 0x202F:
            resetContext()
            output.append(isKept("\u{A0}") ? "\u{A0}" : " ")
            return 1
        case 0x1F3FB...0x1F3FF:
            return 1
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .control:
            // Never let a control byte through: inside a print job it would be a printer command.
            resetContext()
            return 1
        case .format, .nonspacingMark, .spacingMark, .enclosingMark:
            // Soft hyphens, joiners, direction marks and marks left over after composition carry no letter.
            return 1
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            resetContext()
            output.append(" ")
            return 1
        default:
            return nil
        }
    }

    private mutating func resetContext() {
        arabic = .wordStart
        capitalizeNextLetter = false
    }

    /// Whether the scalar and every letter of the word around it can be printed as they are.
    private func wordIsKept(at position: Int, _ isKept: (Unicode.Scalar) -> Bool) -> Bool {
        guard isKept(scalars[position]) else { return false }
        var start = position
        while start > 0, Self.isWordPart(scalars[start - 1]) {
            start -= 1
        }
        var end = position
        while end + 1 < scalars.count, Self.isWordPart(scalars[end + 1]) {
            end += 1
        }
        for scalar in scalars[start...end] where scalar.properties.isAlphabetic && !isKept(scalar) {
            return false
        }
        return true
    }

    static func isWordPart(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isAlphabetic {
            return true
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    static func isLetter(_ scalar: Unicode.Scalar?) -> Bool {
        scalar?.properties.isAlphabetic ?? false
    }

    func scalar(at position: Int) -> Unicode.Scalar? {
        position >= 0 && position < scalars.count ? scalars[position] : nil
    }

    func isWordStart(_ position: Int) -> Bool {
        !Self.isLetter(scalar(at: position - 1))
    }

    func isWordEnd(_ position: Int) -> Bool {
        !Self.isLetter(scalar(at: position + 1))
    }

    /// Capitalises a replacement for an upper-case source; all capitals inside an all-capital word.
    func adjustedCase(_ replacement: String, source: Unicode.Scalar, at position: Int) -> String {
        guard source.properties.isUppercase, replacement.count > 1 else { return replacement }
        let capitalised = replacement.prefix(1).uppercased() + replacement.dropFirst()
        return wordIsAllCaps(around: position) ? capitalised.uppercased() : capitalised
    }

    /// Like `adjustedCase` for replacements written in lower case.
    func cased(_ lower: String, upper: Bool, at position: Int) -> String {
        guard upper, !lower.isEmpty else { return lower }
        if lower.count > 1 && wordIsAllCaps(around: position) {
            return lower.uppercased()
        }
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }

    private func wordIsAllCaps(around position: Int) -> Bool {
        if let next = scalar(at: position + 1), next.properties.isAlphabetic {
            return next.properties.isUppercase
        }
        if let previous = scalar(at: position - 1), previous.properties.isAlphabetic {
            return previous.properties.isUppercase
        }
        return false
    }

    mutating func append(_ text: String, _ isKept: (Unicode.Scalar) -> Bool) {
        for scalar in text.unicodeScalars {
            if isKept(scalar) {
                output.append(scalar)
            } else {
                appendUnrepresentable(isKept)
            }
        }
    }

    private mutating func appendUnrepresentable(_ isKept: (Unicode.Scalar) -> Bool) {
        unrepresentable += 1
        if isKept("?") {
            output.append("?")
        }
    }

    /// The compatibility decomposition without marks (ﬁ → fi, Ż → Z, ① → 1), if all of it is printable.
    private func compatibilityFallback(
        _ scalar: Unicode.Scalar,
        _ isKept: (Unicode.Scalar) -> Bool
    ) -> String.UnicodeScalarView? {
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping.unicodeScalars
        guard !(decomposed.count == 1 && decomposed.first == scalar) else { return nil }
        var result = String.UnicodeScalarView()
        for part in decomposed {
            switch part.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if isKept(part) {
                result.append(part)
            } else if let candidates = Self.latinTable[part],
                let candidate = candidates.first(where: { $0.unicodeScalars.allSatisfy(isKept) })
            {
                result.append(contentsOf: candidate.unicodeScalars)
            } else {
                return nil
            }
        }
        return result.isEmpty ? nil : result
    }
}

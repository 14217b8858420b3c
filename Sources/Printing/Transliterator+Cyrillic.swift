extension TransliterationRun {
    /// The lower-case form of a Cyrillic letter the tables know, and whether the source was upper case.
    static func cyrillicLetter(_ scalar: Unicode.Scalar?) -> (lower: Unicode.Scalar, isUpper: Bool)? {
        guard let scalar else { return nil }
        let value = scalar.value
        let lower: UInt32
        switch value {
        case 0x0410...0x042F: lower = value + 0x20
        case 0x0400...0x040F: lower = value + 0x50
        case 0x0490: lower = 0x0491
        case 0x0430...0x045F, 0x0491: lower = value
        default: return nil
        }
        guard let letter = Unicode.Scalar(lower), dudenLatin[letter] != nil else { return nil }
        return (letter, value != lower)
    }

    /// The Latin spelling of the Cyrillic letter at `position` in the run's scheme.
    func cyrillic(at position: Int) -> String {
        guard let (letter, isUpper) = Self.cyrillicLetter(scalar(at: position)) else { return "" }
        let latin: String
        switch scheme {
        case .icao9303:
            latin = Self.icaoLatin[letter] ?? ""
        case .duden:
            latin = duden(letter, at: position)
        }
        return cased(latin, upper: isUpper, at: position)
    }

    /// Duden rules: the word decides Russian or Ukrainian, because г, и and й sound different in each.
    private func duden(_ letter: Unicode.Scalar, at position: Int) -> String {
        let previous = Self.cyrillicLetter(scalar(at: position - 1))?.lower
        let next = Self.cyrillicLetter(scalar(at: position + 1))?.lower
        if isUkrainianWord(around: position) {
            switch letter {
            case "г": return "h"
            case "и": return "y"
            case "й": return "j"
            case "е": return "e"
            default: break
            }
        }
        switch letter {
        case "е", "ё":
            let softened =
                isWordStart(position) || previous.map { Self.cyrillicVowels.contains($0) } ?? false
                || previous == "ъ" || previous == "ь"
            if letter == "е" {
                return softened ? "je" : "e"
            }
            if !softened, let previous, ["ж", "ч", "ш", "щ"].contains(previous) {
                return "o"
            }
            return "jo"
        case "й":
            // Duden drops й in the endings -ий and -ый: Юрий → Juri, Достоевский → Dostojewski.
            if isWordEnd(position), previous == "и" || previous == "ы" {
                return ""
            }
            return "i"
        case "с":
            // A single s between vowels would be read voiced in German: Василий → Wassili.
            if let previous, let next, Self.cyrillicVowels.contains(previous), Self.cyrillicVowels.contains(next) {
                return "ss"
            }
            return "s"
        default:
            return Self.dudenLatin[letter] ?? ""
        }
    }

    private func isUkrainianWord(around position: Int) -> Bool {
        var cursor = position
        while cursor > 0, Self.isWordPart(scalars[cursor - 1]) {
            cursor -= 1
        }
        while cursor < scalars.count, Self.isWordPart(scalars[cursor]) {
            if let letter = Self.cyrillicLetter(scalars[cursor])?.lower, Self.ukrainianMarkers.contains(letter) {
                return true
            }
            cursor += 1
        }
        return false
    }

    static let ukrainianMarkers: Set<Unicode.Scalar> = ["і", "ї", "є", "ґ"]

    static let cyrillicVowels: Set<Unicode.Scalar> = ["а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "і", "ї", "є"]

    static let dudenLatin: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ж": "sch", "з": "s", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
        "ѐ": "e", "ё": "jo", "ђ": "dj", "ѓ": "gj", "є": "je", "ѕ": "dz", "і": "i", "ї": "ji", "ј": "j",
        "љ": "lj", "њ": "nj", "ћ": "c", "ќ": "kj", "ѝ": "i", "ў": "u", "џ": "dz", "ґ": "g",
    ]

    static let icaoLatin: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
        "ѐ": "e", "ё": "e", "ђ": "d", "ѓ": "g", "є": "ie", "ѕ": "dz", "і": "i", "ї": "i", "ј": "j",
        "љ": "lj", "њ": "nj", "ћ": "c", "ќ": "k", "ѝ": "i", "ў": "u", "џ": "dz", "ґ": "g",
    ]
}

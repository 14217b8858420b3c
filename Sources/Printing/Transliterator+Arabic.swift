/// What the last Arabic letter sounded like; و and ي are read as vowels or consonants from it.
enum ArabicState: Equatable {
    case wordStart
    case consonant
    case shortVowel(Unicode.Scalar)
    case longVowel
    case silent
}

extension TransliterationRun {
    static func isArabicBlock(_ scalar: Unicode.Scalar) -> Bool {
        (0x0600...0x06FF).contains(scalar.value)
    }

    /// Handles an Arabic letter with its vowel marks, an Arabic digit or punctuation; nil for others.
    mutating func arabicStep(_ isKept: (Unicode.Scalar) -> Bool) -> Int? {
        let scalar = scalars[index]
        if let digit = Self.arabicDigit(scalar) {
            resetArabic()
            append(digit, isKept)
            return 1
        }
        if let punctuation = Self.arabicPunctuation[scalar] {
            resetArabic()
            append(punctuation, isKept)
            return 1
        }
        if scalar == "\u{0640}" {
            // Tatweel only stretches the line between letters.
            return 1
        }
        guard Self.isArabicLetter(scalar) else { return nil }

        var marks: [Unicode.Scalar] = []
        var cursor = index + 1
        while let mark = self.scalar(at: cursor), Self.isArabicMark(mark) {
            marks.append(mark)
            cursor += 1
        }
        if arabic == .wordStart {
            capitalizeNextLetter = true
        }
        let vowelMark = marks.last(where: { Self.arabicVowels[$0] != nil })
        let hasShadda = marks.contains("\u{0651}")

        var text = letterSound(scalar, hasVowelMark: vowelMark != nil || hasShadda)
        let isConsonant = arabic == .consonant
        if hasShadda, isConsonant, let first = text.first {
            text.append(first)
        }
        if let vowelMark {
            text += Self.arabicVowels[vowelMark] ?? ""
            switch vowelMark {
            case "\u{064B}", "\u{064C}", "\u{064D}": arabic = .consonant
            case "\u{0670}": arabic = .longVowel
            default: arabic = .shortVowel(vowelMark)
            }
        } else if marks.contains("\u{0652}") {
            arabic = .silent
        }
        appendArabic(text, isKept)
        return cursor - index
    }

    /// The letter's own sound; leaves `arabic` at consonant or long vowel for the marks to refine.
    private mutating func letterSound(_ letter: Unicode.Scalar, hasVowelMark: Bool) -> String {
        let before = arabic
        switch letter {
        case "ا", "ٱ", "آ", "ى", "ة":
            arabic = .longVowel
            // After a fatha the long ā is already written: فَاطِمَة → Fatima.
            return before == .shortVowel("\u{064E}") ? "" : "a"
        case "أ", "إ":
            arabic = .consonant
            // DIN leaves out the hamza at the start of a word; an unvocalised one carries its vowel.
            let hamza = before == .wordStart ? "" : "'"
            if hasVowelMark {
                return hamza
            }
            arabic = .longVowel
            return hamza + (letter == "إ" ? "i" : "a")
        case "ء":
            arabic = .consonant
            return before == .wordStart ? "" : "'"
        case "و", "ي", "ی":
            let isWaw = letter == "و"
            let consonantal: Bool
            switch before {
            case .wordStart, .longVowel, .silent: consonantal = true
            case .shortVowel(let mark): consonantal = mark == "\u{064E}"
            case .consonant: consonantal = false
            }
            if consonantal || hasVowelMark {
                arabic = .consonant
                return isWaw ? "w" : "y"
            }
            arabic = .longVowel
            if case .shortVowel(let mark) = before, mark == (isWaw ? "\u{064F}" : "\u{0650}") {
                return ""
            }
            return isWaw ? "u" : "i"
        default:
            arabic = .consonant
            return Self.arabicConsonants[letter] ?? ""
        }
    }

    private mutating func appendArabic(_ text: String, _ isKept: (Unicode.Scalar) -> Bool) {
        guard capitalizeNextLetter, let letterIndex = text.firstIndex(where: \.isLetter) else {
            append(text, isKept)
            return
        }
        capitalizeNextLetter = false
        let capitalised =
            String(text[..<letterIndex]) + String(text[letterIndex]).uppercased()
            + String(text[text.index(after: letterIndex)...])
        append(capitalised, isKept)
    }

    private mutating func resetArabic() {
        arabic = .wordStart
        capitalizeNextLetter = false
    }

    static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "ا", "ٱ", "آ", "ى", "ة", "أ", "إ", "ء", "ؤ", "ئ", "و", "ي", "ی": true
        default: arabicConsonants[scalar] != nil
        }
    }

    static func isArabicMark(_ scalar: Unicode.Scalar) -> Bool {
        (0x064B...0x065F).contains(scalar.value) || scalar.value == 0x0670
    }

    static func arabicDigit(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x0660...0x0669: String(scalar.value - 0x0660)
        case 0x06F0...0x06F9: String(scalar.value - 0x06F0)
        default: nil
        }
    }

    static let arabicPunctuation: [Unicode.Scalar: String] = [
        "\u{060C}": ",", "\u{061B}": ";", "\u{061F}": "?", "\u{066A}": "%", "\u{066B}": ",", "\u{066C}": ".",
        "\u{06D4}": ".",
    ]

    static let arabicVowels: [Unicode.Scalar: String] = [
        "\u{064B}": "an", "\u{064C}": "un", "\u{064D}": "in", "\u{064E}": "a", "\u{064F}": "u", "\u{0650}": "i",
        "\u{0670}": "a",
    ]

    static let arabicConsonants: [Unicode.Scalar: String] = [
        "ؤ": "'", "ئ": "'", "ب": "b", "ت": "t", "ث": "th", "ج": "dsch", "ح": "h", "خ": "ch", "د": "d",
        "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sch", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
        "ع": "'", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
        "پ": "p", "چ": "tsch", "ژ": "zh", "ک": "k", "گ": "g", "ۀ": "h", "ە": "e",
    ]
}

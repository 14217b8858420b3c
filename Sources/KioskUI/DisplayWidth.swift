// The tables are deliberately small: the kiosk shows German and English, and anything else only has to
// stay inside its box, not be typographically perfect.

/// Column widths of text on a character-cell display, like POSIX `wcwidth`: marks 0, wide characters 2.
public enum DisplayWidth {
    /// Columns a whole string takes.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text {
            total += of(character)
        }
        return total
    }

    /// Columns one grapheme cluster takes: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        var width = 0
        var base: Unicode.Scalar?
        for scalar in character.unicodeScalars {
            // VS16 asks for the emoji form of a text-style base such as "❤", which terminals draw two wide.
            if scalar.value == 0xFE0F, let base, base.properties.isEmoji {
                width = 2
                continue
            }
            if base == nil {
                base = scalar
            }
            width = max(width, of(scalar))
        }
        return min(width, 2)
    }

    /// Columns one scalar takes on its own; control characters count as 0 because they are never drawn.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) {
            return 0
        }
        if value < 0x300 {
            return 1
        }
        if isZeroWidth(scalar) {
            return 0
        }
        if isWide(value) || scalar.properties.isEmojiPresentation {
            return 2
        }
        return 1
    }

    /// The text cut to `maxWidth` columns, ending in "…" when something was cut off.
    public static func clip(_ text: String, to maxWidth: Int) -> String {
        guard maxWidth > 0 else { return "" }
        if of(text) <= maxWidth {
            return text
        }
        var result = ""
        var used = 0
        for character in text {
            let width = of(character)
            if used + width > maxWidth - 1 {
                break
            }
            result.append(character)
            used += width
        }
        return result + "…"
    }

    /// The text padded with spaces on the right to exactly `width` columns, clipped if longer.
    public static func pad(_ text: String, to width: Int) -> String {
        let clipped = clip(text, to: width)
        return clipped + String(repeating: " ", count: max(0, width - of(clipped)))
    }

    // Runs of spaces collapse; a word wider than a line is broken by characters; no-break spaces (U+00A0)
    // keep their neighbours together, e.g. "ca. 15 Min.".
    /// The text broken into lines of at most `width` columns at spaces; newlines start a new line.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        let hardLines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for hardLine in hardLines {
            var current = ""
            var currentWidth = 0
            let linesBefore = lines.count
            let words = hardLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
            for wordSlice in words {
                var word = String(wordSlice)
                var wordWidth = of(word)
                if currentWidth > 0 && currentWidth + 1 + wordWidth <= width {
                    current += " " + word
                    currentWidth += 1 + wordWidth
                    continue
                }
                if currentWidth > 0 {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                while wordWidth > width {
                    let (head, rest) = splitPrefix(of: word, fitting: width)
                    lines.append(head)
                    word = rest
                    wordWidth = of(word)
                }
                current = word
                currentWidth = wordWidth
            }
            // An empty hard line stays as a blank line; an empty rest after breaking a long word does not.
            if !current.isEmpty || lines.count == linesBefore {
                lines.append(current)
            }
        }
        return lines
    }

    /// The longest prefix that fits, and the rest; always takes at least one character so wrapping ends.
    static func splitPrefix(of text: String, fitting width: Int) -> (String, String) {
        var head = ""
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let characterWidth = of(text[index])
            if used + characterWidth > width && !head.isEmpty {
                break
            }
            head.append(text[index])
            used += characterWidth
            index = text.index(after: index)
        }
        return (head, String(text[index...]))
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Hangul medial vowels and final consonants join the preceding initial into one wide syllable.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return true
        case .format:
            // Soft hyphen and the Arabic number signs are visible where they occur.
            return value != 0xAD && !(0x600...0x605).contains(value)
        default:
            return false
        }
    }

    /// East Asian Wide and Fullwidth ranges; emoji are found through their Unicode property instead.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}

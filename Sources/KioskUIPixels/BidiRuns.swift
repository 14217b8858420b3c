// A two-level subset of the Unicode bidirectional algorithm (UAX #9), enough for screen texts: a paragraph takes
// its direction from its first strong letter; Arabic and Hebrew letters are right-to-left, other letters and
// digits left-to-right; spaces and punctuation between two runs of the same direction join them, otherwise they
// take the paragraph's direction. Runs then appear in reverse order in a right-to-left paragraph. Nested
// embeddings, mirrored brackets and the Arabic-digit rules of the full algorithm are not needed by any text here.

/// One run of text in a single direction.
struct DirectionalRun: Equatable {
    /// The run's characters in logical (reading) order.
    let text: String
    /// Whether the run reads right to left.
    let rightToLeft: Bool
}

enum BidiRuns {
    private enum Strength {
        case left, right, neutral
    }

    /// Whether the scalar belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, NKo and their
    /// presentation forms).
    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }

    private static func strength(of character: Character) -> Strength {
        guard let scalar = character.unicodeScalars.first else { return .neutral }
        if isRightToLeft(scalar) { return .right }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return .left }
        return .neutral
    }

    /// Whether a paragraph reads right to left: its first strong letter does. Digits are weak in UAX #9 and do
    /// not decide it, so "15 دقيقة" is a right-to-left paragraph with the number on the right.
    static func paragraphIsRightToLeft(_ text: String) -> Bool {
        for character in text {
            if let scalar = character.unicodeScalars.first, scalar.properties.numericType != nil, !scalar.properties.isAlphabetic {
                continue
            }
            switch strength(of: character) {
            case .right: return true
            case .left: return false
            case .neutral: continue
            }
        }
        return false
    }

    /// The line's runs in visual order, left to right on screen.
    static func visualRuns(_ text: String) -> [DirectionalRun] {
        let characters = Array(text)
        guard !characters.isEmpty else { return [] }
        let baseRightToLeft = paragraphIsRightToLeft(text)
        let strengths = characters.map(strength(of:))
        var resolved = [Bool](repeating: baseRightToLeft, count: characters.count)
        var index = 0
        while index < characters.count {
            switch strengths[index] {
            case .left: resolved[index] = false
            case .right: resolved[index] = true
            case .neutral:
                // A stretch of neutrals takes the direction of its neighbours when they agree.
                var end = index
                while end < characters.count && strengths[end] == .neutral { end += 1 }
                let before = index > 0 ? resolved[index - 1] : baseRightToLeft
                let after = end < characters.count ? strengths[end] == .right : baseRightToLeft
                let direction = before == after ? before : baseRightToLeft
                for position in index..<end { resolved[position] = direction }
                index = end
                continue
            }
            index += 1
        }
        var runs: [DirectionalRun] = []
        var start = 0
        for position in 1...characters.count where position == characters.count || resolved[position] != resolved[start] {
            runs.append(DirectionalRun(text: String(characters[start..<position]), rightToLeft: resolved[start]))
            start = position
        }
        return baseRightToLeft ? runs.reversed() : runs
    }
}

import Foundation

/// A Greek letter reduced to what the transcription needs.
struct GreekLetter {
    /// The lower-case base letter without accents.
    var base: Unicode.Scalar
    var isUpper: Bool
    /// A diaeresis splits a diphthong: αϋ is a + y, not av.
    var hasDiaeresis: Bool
}

extension TransliterationRun {
    static func greekLetter(_ scalar: Unicode.Scalar?) -> GreekLetter? {
        guard let scalar else { return nil }
        guard (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value) else {
            return nil
        }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        guard var value = decomposed.first?.value else { return nil }
        var isUpper = false
        if (0x0391...0x03A9).contains(value) {
            value += 0x20
            isUpper = true
        }
        guard let base = Unicode.Scalar(value), greekLatin[base] != nil else { return nil }
        return GreekLetter(base: base, isUpper: isUpper, hasDiaeresis: decomposed.contains("\u{0308}"))
    }

    /// ELOT 743 transcription of the letter at `position` and how many letters it took.
    func greek(at position: Int) -> (String, Int) {
        guard let letter = Self.greekLetter(scalar(at: position)) else { return ("", 1) }
        let next = Self.greekLetter(scalar(at: position + 1))
        var latin = Self.greekLatin[letter.base] ?? ""
        var consumed = 1
        if let next, next.base == "υ", !next.hasDiaeresis, !letter.hasDiaeresis {
            let following = Self.greekLetter(scalar(at: position + 2))
            let voiceless = following.map { Self.greekVoiceless.contains($0.base) } ?? true
            switch letter.base {
            case "ο":
                latin = "ou"
                consumed = 2
            case "α", "ε", "η":
                latin += voiceless ? "f" : "v"
                consumed = 2
            default:
                break
            }
        } else if letter.base == "γ", let next, ["γ", "ξ", "χ"].contains(next.base) {
            latin = "n"
        } else if isWordStart(position), let next {
            if letter.base == "μ" && next.base == "π" {
                latin = "b"
                consumed = 2
            } else if letter.base == "ν" && next.base == "τ" {
                latin = "d"
                consumed = 2
            }
        }
        return (cased(latin, upper: letter.isUpper, at: position), consumed)
    }

    static let greekVoiceless: Set<Unicode.Scalar> = ["θ", "κ", "ξ", "π", "σ", "ς", "τ", "φ", "χ", "ψ"]

    static let greekLatin: [Unicode.Scalar: String] = [
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
        "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
        "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    ]
}

/// Street names brought to one spelling for lookup, so that "Potsdamer Straße", "potsdamer str." and
/// "Potsdamer-Strasse" meet.
public enum StreetName {
    /// The lookup key: lowercase, umlauts and ß spelled out (ä→ae, ß→ss), "straße"/"strasse"/"str." as "str"
    /// (the abbreviation directories use), hyphens, dots and repeated spaces as single spaces.
    public static func key(_ name: String) -> String {
        var folded = ""
        folded.reserveCapacity(name.utf8.count)
        for character in name.lowercased() {
            switch character {
            case "ä": folded += "ae"
            case "ö": folded += "oe"
            case "ü": folded += "ue"
            case "ß": folded += "ss"
            case "-", ".", ",", "/", "\t", "\u{A0}": folded += " "
            default:
                if character.isLetter || character.isNumber {
                    folded.append(character)
                } else {
                    folded += " "
                }
            }
        }
        // "…strasse" glued or as a word becomes "str", the directory's abbreviation.
        let words = folded.split(separator: " ").map { word -> String in
            if word == "strasse" { return "str" }
            if word.hasSuffix("strasse") { return word.dropLast("strasse".count) + "str" }
            return String(word)
        }
        return words.joined(separator: " ")
    }

    /// Whether two keys name the same street with abbreviations: the same number of words, each word of one
    /// a prefix of the other's ("rud breitscheid str" and "rudolf breitscheid str").
    static func abbreviates(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(separator: " ")
        let right = rhs.split(separator: " ")
        guard left.count == right.count, !left.isEmpty else { return false }
        return zip(left, right).allSatisfy { $0.hasPrefix($1) || $1.hasPrefix($0) }
    }
}

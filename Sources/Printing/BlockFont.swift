/// A five-row font of '█' for the ticket number in the preview, readable from a step away.
enum BlockFont {
    static let height = 5
    static let spacing = 1

    /// The rows of the text, or nil when a character has no glyph.
    static func render(_ text: String) -> [String]? {
        var rows = Array(repeating: "", count: height)
        for (offset, character) in text.enumerated() {
            guard let glyph = glyphs[character] else { return nil }
            for row in 0..<height {
                rows[row] += (offset > 0 ? String(repeating: " ", count: spacing) : "") + glyph[row]
            }
        }
        return rows
    }

    /// Glyphs drawn with 'X' so the shapes stay legible here, turned into blocks once.
    private static let glyphs: [Character: [String]] = {
        let drawn: [Character: [String]] = [
            " ": ["   ", "   ", "   ", "   ", "   "],
            "-": ["    ", "    ", "XXXX", "    ", "    "],
            "0": [" XXX ", "X  XX", "X X X", "XX  X", " XXX "],
            "1": ["  X  ", " XX  ", "  X  ", "  X  ", " XXX "],
            "2": [" XXX ", "X   X", "   X ", "  X  ", "XXXXX"],
            "3": ["XXXX ", "    X", "  XX ", "    X", "XXXX "],
            "4": ["   X ", "  XX ", " X X ", "XXXXX", "   X "],
            "5": ["XXXXX", "X    ", "XXXX ", "    X", "XXXX "],
            "6": [" XXX ", "X    ", "XXXX ", "X   X", " XXX "],
            "7": ["XXXXX", "   X ", "  X  ", " X   ", " X   "],
            "8": [" XXX ", "X   X", " XXX ", "X   X", " XXX "],
            "9": [" XXX ", "X   X", " XXXX", "    X", " XXX "],
            "A": ["  X  ", " X X ", "X   X", "XXXXX", "X   X"],
            "B": ["XXXX ", "X   X", "XXXX ", "X   X", "XXXX "],
            "C": [" XXXX", "X    ", "X    ", "X    ", " XXXX"],
            "D": ["XXXX ", "X   X", "X   X", "X   X", "XXXX "],
            "E": ["XXXXX", "X    ", "XXX  ", "X    ", "XXXXX"],
            "F": ["XXXXX", "X    ", "XXX  ", "X    ", "X    "],
            "G": [" XXXX", "X    ", "X  XX", "X   X", " XXX "],
            "H": ["X   X", "X   X", "XXXXX", "X   X", "X   X"],
            "I": [" XXX ", "  X  ", "  X  ", "  X  ", " XXX "],
            "J": ["  XXX", "   X ", "   X ", "X  X ", " XX  "],
            "K": ["X   X", "X  X ", "XXX  ", "X  X ", "X   X"],
            "L": ["X    ", "X    ", "X    ", "X    ", "XXXXX"],
            "M": ["X   X", "XX XX", "X X X", "X   X", "X   X"],
            "N": ["X   X", "XX  X", "X X X", "X  XX", "X   X"],
            "O": [" XXX ", "X   X", "X   X", "X   X", " XXX "],
            "P": ["XXXX ", "X   X", "XXXX ", "X    ", "X    "],
            "Q": [" XXX ", "X   X", "X X X", "X  X ", " XX X"],
            "R": ["XXXX ", "X   X", "XXXX ", "X X  ", "X  XX"],
            "S": [" XXXX", "X    ", " XXX ", "    X", "XXXX "],
            "T": ["XXXXX", "  X  ", "  X  ", "  X  ", "  X  "],
            "U": ["X   X", "X   X", "X   X", "X   X", " XXX "],
            "V": ["X   X", "X   X", " X X ", " X X ", "  X  "],
            "W": ["X   X", "X   X", "X X X", "XX XX", "X   X"],
            "X": ["X   X", " X X ", "  X  ", " X X ", "X   X"],
            "Y": ["X   X", " X X ", "  X  ", "  X  ", "  X  "],
            "Z": ["XXXXX", "   X ", "  X  ", " X   ", "XXXXX"],
        ]
        return drawn.mapValues { rows in rows.map { String($0.map { $0 == "X" ? "█" : " " }) } }
    }()
}

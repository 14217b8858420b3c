/// A five-row font of '█' blocks for the highlight, e.g. a ticket number read from across the room.
enum BlockFont {
    /// Rows every glyph has.
    static let height = 5
    /// Blank columns between two glyphs.
    static let spacing = 1

    /// The text as rows of equal width (five per scale step), or nil when a character has no glyph.
    static func render(_ text: String, scale: Int = 1) -> [String]? {
        var rows = Array(repeating: "", count: height)
        for (offset, character) in text.enumerated() {
            guard let glyph = glyphs[character] else { return nil }
            for row in 0..<height {
                if offset > 0 {
                    rows[row] += String(repeating: " ", count: spacing)
                }
                rows[row] += glyph[row]
            }
        }
        guard scale > 1 else { return rows }
        return rows.flatMap { row in
            let wide = String(row.flatMap { Array(repeating: $0, count: scale) })
            return Array(repeating: wide, count: scale)
        }
    }

    /// Columns the rendered text takes, or nil when a character has no glyph.
    static func width(of text: String, scale: Int = 1) -> Int? {
        var width = 0
        for (offset, character) in text.enumerated() {
            guard let glyph = glyphs[character] else { return nil }
            width += glyph[0].count + (offset > 0 ? spacing : 0)
        }
        return width * scale
    }

    /// Glyphs drawn with '#' for readability here and turned into blocks once.
    private static let glyphs: [Character: [String]] = {
        let drawn: [Character: [String]] = [
            " ": ["   ", "   ", "   ", "   ", "   "],
            "-": ["     ", "     ", " ### ", "     ", "     "],
            "0": [" ### ", "#  ##", "# # #", "##  #", " ### "],
            "1": ["  #  ", " ##  ", "  #  ", "  #  ", " ### "],
            "2": [" ### ", "#   #", "  ## ", " #   ", "#####"],
            "3": ["#### ", "    #", " ### ", "    #", "#### "],
            "4": ["#   #", "#   #", "#####", "    #", "    #"],
            "5": ["#####", "#    ", "#### ", "    #", "#### "],
            "6": [" ### ", "#    ", "#### ", "#   #", " ### "],
            "7": ["#####", "    #", "   # ", "  #  ", "  #  "],
            "8": [" ### ", "#   #", " ### ", "#   #", " ### "],
            "9": [" ### ", "#   #", " ####", "    #", " ### "],
            "A": [" ### ", "#   #", "#####", "#   #", "#   #"],
            "B": ["#### ", "#   #", "#### ", "#   #", "#### "],
            "C": [" ####", "#    ", "#    ", "#    ", " ####"],
            "D": ["#### ", "#   #", "#   #", "#   #", "#### "],
            "E": ["#####", "#    ", "#### ", "#    ", "#####"],
            "F": ["#####", "#    ", "#### ", "#    ", "#    "],
            "G": [" ####", "#    ", "#  ##", "#   #", " ####"],
            "H": ["#   #", "#   #", "#####", "#   #", "#   #"],
            "I": ["#####", "  #  ", "  #  ", "  #  ", "#####"],
            "J": ["#####", "   # ", "   # ", "#  # ", " ##  "],
            "K": ["#   #", "#  # ", "###  ", "#  # ", "#   #"],
            "L": ["#    ", "#    ", "#    ", "#    ", "#####"],
            "M": ["#   #", "## ##", "# # #", "#   #", "#   #"],
            "N": ["#   #", "##  #", "# # #", "#  ##", "#   #"],
            "O": [" ### ", "#   #", "#   #", "#   #", " ### "],
            "P": ["#### ", "#   #", "#### ", "#    ", "#    "],
            "Q": [" ### ", "#   #", "# # #", "#  # ", " ## #"],
            "R": ["#### ", "#   #", "#### ", "#  # ", "#   #"],
            "S": [" ####", "#    ", " ### ", "    #", "#### "],
            "T": ["#####", "  #  ", "  #  ", "  #  ", "  #  "],
            "U": ["#   #", "#   #", "#   #", "#   #", " ### "],
            "V": ["#   #", "#   #", "#   #", " # # ", "  #  "],
            "W": ["#   #", "#   #", "# # #", "## ##", "#   #"],
            "X": ["#   #", " # # ", "  #  ", " # # ", "#   #"],
            "Y": ["#   #", " # # ", "  #  ", "  #  ", "  #  "],
            "Z": ["#####", "   # ", "  #  ", " #   ", "#####"],
        ]
        return drawn.mapValues { rows in
            rows.map { String($0.map { $0 == "#" ? "█" : " " }) }
        }
    }()
}

/// Greedy word wrap for monospaced printer lines.
public enum TextWrapper {
    /// Lines of at most `width` characters, broken at "\n" and spaces; only over-long words are split.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(Array(paragraph), width: width)
        }
        return lines
    }

    private static func wrapParagraph(_ characters: [Character], width: Int) -> [String] {
        var tokens: [(spaces: Int, word: [Character])] = []
        var spaces = 0
        var word: [Character] = []
        for character in characters {
            if character == " " {
                if !word.isEmpty {
                    tokens.append((spaces, word))
                    word = []
                    spaces = 0
                }
                spaces += 1
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty {
            tokens.append((spaces, word))
        }

        var lines: [String] = []
        var line: [Character] = []
        for (position, token) in tokens.enumerated() {
            // Spaces inside a line are kept (receipts align columns with them); the first word keeps its indent.
            let separator = line.isEmpty ? (position == 0 ? token.spaces : 0) : token.spaces
            if line.count + separator + token.word.count <= width {
                line += Array(repeating: " ", count: separator) + token.word
                continue
            }
            if !line.isEmpty {
                lines.append(String(line))
                line = []
            }
            var rest = token.word[...]
            while rest.count > width {
                lines.append(String(rest.prefix(width)))
                rest = rest.dropFirst(width)
            }
            line = Array(rest)
        }
        if !line.isEmpty || lines.isEmpty {
            lines.append(String(line))
        }
        return lines
    }
}

/// Lines with text on the left and a value flush right, measured in printed characters of one code page.
struct ColumnText {
    let encoder: CodePageEncoder
    let columns: Int

    /// Text as it will print: transliterated, so "€" on a table without it counts as the three of "EUR".
    func printable(_ text: String) -> String {
        encoder.printable(text)
    }

    /// `left` wrapped into the space beside `right`, and `right` at the end of the last line; on a line
    /// of its own when the last one has no room.
    func lines(_ left: String, _ right: String) -> [String] {
        let right = printable(right)
        let leftWidth = max(1, columns - right.count - 1)
        var lines = TextWrapper.wrap(printable(left), width: leftWidth).map(Self.trimmingTrailingSpaces)
        let last = lines.removeLast()
        if last.count + 1 + right.count <= columns {
            lines.append(last + String(repeating: " ", count: columns - last.count - right.count) + right)
        } else {
            lines += [last, String(repeating: " ", count: max(0, columns - right.count)) + right]
        }
        return lines
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}

import Testing

@testable import KioskUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test(
        "strings measure in columns, not characters or bytes",
        arguments: [
            ("Führungszeugnis", 15),
            ("Fu\u{308}hrungszeugnis", 15),
            ("Ümlaut", 6),
            ("U\u{308}mlaut", 6),
            ("Straße", 6),
            ("e\u{301}", 1),
            ("a\u{0323}\u{0302}", 1),
            ("\u{301}", 0),
            ("日本語", 6),
            ("한국어", 6),
            ("ＡＢ", 4),
            ("市役所 A", 8),
            ("👍", 2),
            ("👍🏽", 2),
            ("👨‍👩‍👧", 2),
            ("❤️", 2),
            ("❤", 1),
            ("🇩🇪", 2),
            ("€ … – · ─ █", 11),
            ("\u{200B}", 0),
            ("\u{7}\u{1B}", 0),
            ("", 0),
        ]
    )
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test("clip keeps what fits and marks the cut with an ellipsis")
    func clip() {
        #expect(DisplayWidth.clip("Führungszeugnis", to: 15) == "Führungszeugnis")
        #expect(DisplayWidth.clip("Führungszeugnis", to: 8) == "Führung…")
        #expect(DisplayWidth.clip("Fu\u{308}hrungszeugnis", to: 4) == "Fu\u{308}h…")
        #expect(DisplayWidth.clip("日本語テキスト", to: 5) == "日本…")
        #expect(DisplayWidth.clip("日本語テキスト", to: 6) == "日本…")
        #expect(DisplayWidth.clip("日本語テキスト", to: 7) == "日本語…")
        #expect(DisplayWidth.clip("abc", to: 1) == "…")
        #expect(DisplayWidth.clip("abc", to: 0) == "")
        #expect(DisplayWidth.clip("abc", to: -3) == "")
        #expect(DisplayWidth.pad("Ümlaut", to: 8) == "Ümlaut  ")
        #expect(DisplayWidth.pad("日本語", to: 5) == "日本…")
    }

    @Test("wrap breaks at spaces, keeps no-break spaces and breaks overlong words")
    func wrap() {
        #expect(
            DisplayWidth.wrap("Bitte nehmen Sie Ihre Wartemarke", width: 12)
                == ["Bitte nehmen", "Sie Ihre", "Wartemarke"]
        )
        #expect(
            DisplayWidth.wrap("ca.\u{A0}15\u{A0}Min. Wartezeit", width: 11) == ["ca.\u{A0}15\u{A0}Min.", "Wartezeit"]
        )
        #expect(DisplayWidth.wrap("Personalausweisantrag", width: 8) == ["Personal", "ausweisa", "ntrag"])
        #expect(DisplayWidth.wrap("Zeile eins\nZeile zwei", width: 40) == ["Zeile eins", "Zeile zwei"])
        #expect(DisplayWidth.wrap("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(DisplayWidth.wrap("", width: 5) == [""])
        #expect(DisplayWidth.wrap("  viele   Leerzeichen  ", width: 40) == ["viele Leerzeichen"])
        #expect(DisplayWidth.wrap("日本語日本語", width: 5) == ["日本", "語日", "本語"])
        #expect(DisplayWidth.wrap("日本", width: 1) == ["日", "本"])
        #expect(DisplayWidth.wrap("text", width: 0) == [])
    }
}

@Suite("Cell grid")
struct CellGridTests {
    @Test("wide characters take two cells, the second marked as continuation")
    func wideCharacters() {
        var grid = CellGrid(columns: 10, rows: 1)
        let written = grid.put("a日b", row: 0, column: 0, style: .plain)
        #expect(written == 4)
        #expect(grid[0, 1].character == "日" && !grid[0, 1].isContinuation)
        #expect(grid[0, 2].isContinuation)
        #expect(grid[0, 3].character == "b")
        #expect(grid.text(ofRow: 0) == "a日b      ")
        #expect(grid.lines == ["a日b"])
    }

    @Test("overwriting half of a wide character blanks the other half")
    func splitWideCharacter() {
        var grid = CellGrid(columns: 6, rows: 1)
        grid.put("日本", row: 0, column: 0, style: .plain)
        grid.put("x", row: 0, column: 1, style: .plain)
        #expect(grid.lines == [" x本"])
        #expect(!grid[0, 0].isContinuation && !grid[0, 1].isContinuation)
        grid.put("y", row: 0, column: 2, style: .plain)
        #expect(grid.lines == [" xy"])
        #expect(!grid[0, 3].isContinuation)
    }

    @Test("a wide character that would stick out of its limit becomes a space")
    func wideAtEdge() {
        var grid = CellGrid(columns: 5, rows: 1)
        let written = grid.put("ab日本", row: 0, column: 0, style: .plain, maxWidth: 3)
        #expect(written == 3)
        #expect(grid.lines == ["ab"])
        grid.put("日本語", row: 0, column: 0, style: .plain)
        #expect(grid.lines == ["日本"])
        #expect(!grid[0, 4].isContinuation)
    }

    @Test("zero-width and control characters never take a cell; writes outside the grid are ignored")
    func controlAndOutside() {
        var grid = CellGrid(columns: 5, rows: 2)
        grid.put("a\u{7}b\u{200B}c", row: 0, column: 0, style: .plain)
        #expect(grid.lines == ["abc", ""])
        grid.put("zzz", row: 5, column: 0, style: .plain)
        grid.put("zzz", row: -1, column: 0, style: .plain)
        grid.put("123456", row: 1, column: -2, style: .plain)
        #expect(grid.lines == ["abc", "3456"])
        #expect(grid[9, 9] == .blank)
    }

    @Test("fill and restyle change styles over a range, clamped to the grid")
    func fillAndRestyle() {
        var grid = CellGrid(columns: 4, rows: 1)
        grid.put("abcd", row: 0, column: 0, style: .plain)
        grid.restyle(row: 0, columns: 2..<9) { $0.bold = true }
        #expect(grid.lines == ["abcd"])
        #expect(!grid[0, 1].style.bold && grid[0, 2].style.bold && grid[0, 3].style.bold)
        grid.fill(row: 0, columns: -3..<2, style: CellStyle(reverse: true))
        #expect(grid.lines == ["  cd"])
        #expect(grid[0, 0].style.reverse && !grid[0, 2].style.reverse)
    }
}

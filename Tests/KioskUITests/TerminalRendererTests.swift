import KioskUITesting
import Testing

@testable import KioskUI

@Suite("Terminal layout")
struct TerminalRendererTests {
    let renderer = TerminalRenderer()

    @Test("home screen with eight options at 80×24")
    func homeAt80x24() {
        let grid = renderer.render(ScreenFixtures.home, columns: 80, rows: 24)
        let expected = """
              Bürgerbüro Musterstadt

              Bitte wählen Sie Ihr Anliegen

              Drücken Sie die Zahl vor Ihrem Anliegen oder wählen Sie mit den Pfeiltasten
              und bestätigen Sie mit Enter.

               [1] Personalausweis      ca. 15 Min.
               [2] Reisepass            ca. 20 Min.
               [3] Führungszeugnis      ca. 10 Min.
               [4] Meldebescheinigung   ca. 5 Min.
               [5] An- und Ummeldung    ca. 25 Min.
               [6] Fundbüro             heute geschlossen
               [7] Kfz-Zulassung        nur mit Termin
               [8] Beglaubigungen       ca. 10 Min.








              [1–8] Auswahl   [Enter] Weiter   [L] English   [Esc] Zurück
            """
        #expect(grid.lines == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    @Test("home screen attributes: bars, focus, disabled options")
    func homeAttributes() {
        let grid = renderer.render(ScreenFixtures.home, columns: 80, rows: 24)
        #expect((0..<80).allSatisfy { grid[0, $0].style.reverse })
        #expect(grid[0, 2].style.bold)
        #expect((0..<80).allSatisfy { grid[23, $0].style.reverse })
        let keyColumn = grid.column(of: "[L]", inRow: 23)!
        #expect(grid[23, keyColumn].style.bold)
        #expect(!grid[23, keyColumn + 4].style.bold)

        // Option 3 has the focus: its whole button is reversed, and nothing else in the list is.
        #expect((2..<78).allSatisfy { grid[9, $0].style.reverse })
        #expect(!grid[9, 1].style.reverse && !grid[9, 78].style.reverse)
        #expect((7..<15).filter { $0 != 9 }.allSatisfy { row in (0..<80).allSatisfy { !grid[row, $0].style.reverse } })

        // Disabled options are dimmed together with their reason; enabled ones are not.
        for row in [12, 13] {
            let start = grid.column(of: "[", inRow: row)!
            let end = grid.text(ofRow: row).count - grid.text(ofRow: row).reversed().prefix { $0 == " " }.count
            #expect((start..<end).allSatisfy { grid[row, $0].style.dim }, "row \(row)")
            #expect(!grid[row, start].style.bold)
        }
        #expect(grid[12, grid.column(of: "heute geschlossen", inRow: 12)!].style.dim)
        #expect(!grid[7, grid.column(of: "ca. 15 Min.", inRow: 7)!].style.dim)
        #expect(grid[7, grid.column(of: "[1]", inRow: 7)!].style.bold)
    }

    @Test("ticket screen at 80×24: block highlight, aside hidden with a hint, countdown")
    func ticketAt80x24() {
        let grid = renderer.render(ScreenFixtures.ticketIssued, columns: 80, rows: 24)
        let expected = """
              Ihre Wartenummer

              Personalausweis

                                       ███       ███    █   █████
                                      █   █     █  ██  ██       █
                                      █████     █ █ █   █      █
                                      █   █     ██  █   █     █
                                      █   █      ███   ███    █

              Bitte nehmen Sie Ihre Wartemarke aus dem Drucker. Sie werden auf der Anzeige
              im Wartebereich aufgerufen.

              Voraussichtliche Wartezeit: ca. 15 Minuten.

              Vorschau ausgeblendet (zu wenig Platz) · preview hidden (not enough room)

               [1] Fertig
               [2] Noch eine Wartemarke



                                        Zurück zum Start in 10 s
              [Enter] Fertig   [L] English   [Esc] Zurück
            """
        #expect(grid.lines == expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(grid[15, 2].style.dim)
        let countdown = grid.column(of: "Zurück", inRow: 22)!
        #expect(grid[22, countdown].style == CellStyle(foreground: .yellow, bold: true))
        #expect(grid[4, grid.column(of: "███", inRow: 4)!].style.bold)
    }

    @Test("home screen at 120×40 uses the width for the body")
    func homeAt120x40() {
        let grid = renderer.render(ScreenFixtures.home, columns: 120, rows: 40)
        var expected = [
            "  Bürgerbüro Musterstadt",
            "",
            "  Bitte wählen Sie Ihr Anliegen",
            "",
            "  Drücken Sie die Zahl vor Ihrem Anliegen oder wählen Sie mit den Pfeiltasten "
                + "und bestätigen Sie mit Enter.",
            "",
            "   [1] Personalausweis      ca. 15 Min.",
            "   [2] Reisepass            ca. 20 Min.",
            "   [3] Führungszeugnis      ca. 10 Min.",
            "   [4] Meldebescheinigung   ca. 5 Min.",
            "   [5] An- und Ummeldung    ca. 25 Min.",
            "   [6] Fundbüro             heute geschlossen",
            "   [7] Kfz-Zulassung        nur mit Termin",
            "   [8] Beglaubigungen       ca. 10 Min.",
        ]
        expected += Array(repeating: "", count: 25)
        expected.append("  [1–8] Auswahl   [Enter] Weiter   [L] English   [Esc] Zurück")
        #expect(grid.lines == expected)
        #expect((2..<118).allSatisfy { grid[8, $0].style.reverse })
    }

    @Test("ticket screen at 120×40: aside to the right, highlight at double size")
    func ticketAt120x40() {
        let grid = renderer.render(ScreenFixtures.ticketIssued, columns: 120, rows: 40)
        let main = """
              Ihre Wartenummer

              Personalausweis

                           ██████              ██████        ██      ██████████
                           ██████              ██████        ██      ██████████
                         ██      ██          ██    ████    ████              ██
                         ██      ██          ██    ████    ████              ██
                         ██████████          ██  ██  ██      ██            ██
                         ██████████          ██  ██  ██      ██            ██
                         ██      ██          ████    ██      ██          ██
                         ██      ██          ████    ██      ██          ██
                         ██      ██            ██████      ██████        ██
                         ██      ██            ██████      ██████        ██

              Bitte nehmen Sie Ihre Wartemarke aus dem Drucker. Sie werden auf der Anzeige
              im Wartebereich aufgerufen.

              Voraussichtliche Wartezeit: ca. 15 Minuten.

               [1] Fertig
               [2] Noch eine Wartemarke
            """
        var expectedMain = main.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        expectedMain += Array(repeating: "", count: 16)
        expectedMain += [
            "                                                Zurück zum Start in 10 s",
            "  [Enter] Fertig   [L] English   [Esc] Zurück",
        ]
        #expect(grid.lines(columns: 0..<80) == expectedMain)

        let aside = """
              ┌──────────────────────────────────┐
              │       STADT MUSTERSTADT          │
              │         Bürgerbüro               │
              │ -------------------------------- │
              │   Ihre Wartenummer               │
              │                                  │
              │              A 017               │
              │                                  │
              │   Personalausweis                │
              │   Wartezeit ca. 15 Min.          │
              │ -------------------------------- │
              │   12.03.2025            09:41    │
              │   Terminal 2 · Erdgeschoss       │
              │   Bitte Anzeige beachten         │
              │ -------------------------------- │
              └──────────────────────────────────┘
            """
        var expectedAside = ["", ""]
        expectedAside += aside.split(separator: "\n").map(String.init)
        expectedAside += Array(repeating: "", count: 22)
        #expect(grid.lines(columns: 80..<120) == expectedAside)
    }

    @Test("aside stands below the body when the terminal is narrow but tall")
    func asideBelow() {
        let grid = renderer.render(ScreenFixtures.ticketIssued, columns: 80, rows: 44)
        let top = grid.lines.firstIndex { $0.hasPrefix("  ┌") }
        #expect(top != nil)
        if let top {
            #expect(grid.lines[top + 1] == "  │       STADT MUSTERSTADT          │")
            #expect(grid.lines[top + 15] == "  └──────────────────────────────────┘")
            #expect(grid.lines[top - 2] == "  Voraussichtliche Wartezeit: ca. 15 Minuten.")
            #expect(grid.lines[top + 17] == "   [1] Fertig")
        }
        #expect(!grid.lines.contains { $0.contains("Vorschau ausgeblendet") })
    }

    @Test("aside lines wider than their box end in an ellipsis")
    func asideClipped() {
        var screen = ScreenFixtures.ticketIssued
        screen.aside = [String(repeating: "x", count: 60), "kurz"]
        let grid = renderer.render(screen, columns: 120, rows: 40)
        // The box is at most two fifths of the width: 42 columns inside.
        #expect(grid.lines(columns: 72..<120)[3] == "│ " + String(repeating: "x", count: 41) + "… │")
        #expect(grid.lines(columns: 72..<120)[4] == "│ kurz" + String(repeating: " ", count: 39) + "│")
    }

    @Test("texts that do not fit are clipped with an ellipsis, never wrapped into neighbours")
    func clipping() {
        let screen = Screen(
            id: "clip",
            title: "Ein Titel, der so lang ist, dass er beim besten Willen nicht mehr in die Titelleiste passt",
            subtitle: String(repeating: "Untertitel ", count: 10),
            options: [
                Option(key: "1", label: String(repeating: "Langes Anliegen ", count: 6), detail: "ca. 5 Min."),
                Option(key: "2", label: "Kurz", detail: String(repeating: "sehr lange Begründung ", count: 5)),
            ],
            footer: (1...9).map { FooterHint(key: "F\($0)", label: "Funktion \($0)") }
        )
        let grid = renderer.render(screen, columns: 80, rows: 24)
        let lines = grid.lines
        #expect(lines[0] == "  Ein Titel, der so lang ist, dass er beim besten Willen nicht mehr in die Ti…")
        #expect(lines[2].hasSuffix("…") && DisplayWidth.of(lines[2]) == 78)
        #expect(lines[4].hasPrefix("   [1] Langes Anliegen") && lines[4].contains("… "))
        #expect(lines[4].hasSuffix("ca. 5 Min."))
        #expect(lines[5].hasSuffix("…") && DisplayWidth.of(lines[5]) == 77)
        #expect(lines[23].hasSuffix("…") && DisplayWidth.of(lines[23]) <= 78)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
    }

    @Test("wide characters and combining marks are laid out by display width")
    func unicodeLayout() {
        let screen = Screen(
            id: "unicode",
            title: "市役所へようこそ",
            subtitle: "Cafe\u{301} Führungszeugnis 👍",
            options: [
                Option(key: "1", label: "日本語", detail: "ca. 5 Min."), Option(key: "2", label: "Ümlaut", detail: "x"),
            ]
        )
        let grid = renderer.render(screen, columns: 80, rows: 24)
        #expect(grid.lines[0] == "  市役所へようこそ")
        #expect(grid[0, 3].isContinuation && !grid[0, 4].isContinuation)
        #expect(grid.lines[2] == "  Cafe\u{301} Führungszeugnis 👍")
        // The details line up although the labels differ in characters: 日本語 is six columns like Ümlaut.
        #expect(grid.column(of: "ca. 5 Min.", inRow: 4) == grid.column(of: "x", inRow: 5))
    }

    @Test("a highlight without glyphs or too wide for the block font falls back to bold text")
    func highlightFallback() {
        var screen = ScreenFixtures.ticketIssued
        screen.aside = nil
        screen.highlight = "Ä 017"
        var grid = renderer.render(screen, columns: 80, rows: 24)
        let row = grid.lines.firstIndex { $0.contains("Ä 017") }!
        #expect(row == 4)
        #expect(grid.lines[4] == String(repeating: " ", count: 37) + "Ä 017")
        #expect(grid[4, 37].style.bold)

        screen.highlight = "ABCDEFGHIJKLMN"
        grid = renderer.render(screen, columns: 80, rows: 24)
        #expect(grid.lines[4].trimmingPrefix(while: { $0 == " " }) == "ABCDEFGHIJKLMN")
        #expect(!grid.lines.joined().contains("█"))
    }

    @Test("notices are boxed in their colour, at most three lines")
    func notices() {
        let kinds: [(Notice.Kind, PaletteColor)] = [(.info, .cyan), (.warning, .yellow), (.error, .red)]
        for (kind, color) in kinds {
            var screen = ScreenFixtures.home
            screen.notice = Notice(kind: kind, text: String(repeating: "Der Drucker hat kein Papier mehr. ", count: 8))
            let grid = renderer.render(screen, columns: 80, rows: 24)
            #expect(grid.lines[4] == "  ┌" + String(repeating: "─", count: 74) + "┐")
            #expect(grid.lines[5].hasPrefix("  │ Der Drucker hat kein Papier mehr."))
            #expect(grid.lines[7].contains("…") && grid.lines[7].hasSuffix(" │"))
            #expect(grid.lines[8] == "  └" + String(repeating: "─", count: 74) + "┘")
            #expect(grid[4, 2].style.foreground == color)
            #expect(grid[5, 4].style == CellStyle(foreground: color, bold: true))
            // All eight options still stand; the body gave way.
            #expect(grid.lines.contains("   [8] Beglaubigungen       ca. 10 Min."))
        }
    }

    @Test("a long body is cut with an ellipsis and the options keep their place")
    func bodyGivesWay() {
        var screen = ScreenFixtures.home
        screen.body = (1...12).map { "Absatz \($0) mit etwas Text." }
        let grid = renderer.render(screen, columns: 80, rows: 24)
        let lines = grid.lines
        #expect(lines[4] == "  Absatz 1 mit etwas Text.")
        let optionsTop = lines.firstIndex { $0.hasPrefix("   [1]") }!
        #expect(lines[optionsTop - 2].hasSuffix(" …"))
        #expect(lines[optionsTop + 7] == "   [8] Beglaubigungen       ca. 10 Min.")
        #expect(optionsTop + 7 <= 21)
    }

    @Test("below 80×24 the renderer shows the bilingual too-small message")
    func tooSmall() {
        for (columns, rows) in [(79, 24), (80, 23), (20, 5)] {
            let grid = renderer.render(ScreenFixtures.home, columns: columns, rows: rows)
            #expect(grid.columns == columns && grid.rows == rows)
            let text = grid.lines.joined(separator: " ")
            #expect(!text.contains("Bürgerbüro Musterstadt"))
            if columns >= 40 {
                #expect(text.contains("zu klein") && text.contains("too small") && text.contains("80×24"))
            }
        }
    }

    @Test("message screen centres its lines and survives tiny or empty terminals")
    func messages() {
        let grid = renderer.renderMessage("Bitte warten\nPlease wait", columns: 80, rows: 24)
        #expect(grid.lines[11] == String(repeating: " ", count: 34) + "Bitte warten")
        #expect(grid.lines[12] == String(repeating: " ", count: 34) + "Please wait")
        #expect(renderer.renderMessage("x", columns: 0, rows: 0).cells.isEmpty)
        #expect(
            renderer.renderMessage(String(repeating: "lang ", count: 50), columns: 6, rows: 2).lines[1].hasSuffix("…")
        )
    }
}

extension TerminalRendererTests {
    @Test("an aside taller than the screen is cut, its last visible line an ellipsis")
    func tallAside() {
        var screen = ScreenFixtures.ticketIssued
        screen.aside = (1...40).map { "Zeile \($0)" }
        let grid = renderer.render(screen, columns: 100, rows: 24)
        let aside = grid.lines(columns: 60..<100)
        let top = aside.firstIndex { $0.contains("┌") }!
        let bottom = aside.firstIndex { $0.contains("└") }!
        #expect(top == 2)
        #expect(bottom == 20)
        #expect(aside[3].contains("│ Zeile 1 "))
        #expect(aside[bottom - 1].contains("│ … "))
        #expect(aside[bottom - 2].contains("│ Zeile 16 "))
    }
}

extension TerminalRendererTests {
    @Test("a text field is framed with its label, shows a cursor, and scrolls to where the citizen types")
    func textEntry() {
        var screen = Screen(id: "wahl.address", title: "Wahlraumsuche", body: [String(repeating: "Hinweis ", count: 300)])
        screen.entry = TextEntry(label: "Straße und Hausnummer", text: "Am Raubfang 2")
        let grid = renderer.render(screen, columns: 80, rows: 24)
        let top = grid.lines.firstIndex { $0.contains("┌─ Straße und Hausnummer ─") }
        #expect(top != nil, "\(grid.lines)")
        if let top {
            #expect(grid.lines[top + 1].contains("│ Am Raubfang 2█"))
            #expect(grid.lines[top + 2].contains("└"))
            // The body gave way (it is cut), the field did not.
            #expect(grid.lines[..<top].contains { $0.contains("…") })
        }
        screen.entry?.text = String(repeating: "x", count: 120) + "Ende"
        let long = renderer.render(screen, columns: 80, rows: 24)
        #expect(long.lines.contains { $0.contains("xxEnde█ │") }, "\(long.lines)")
    }
}

extension TerminalRendererTests {
    @Test func rightToLeftScreensEndTheirLinesAtTheRightMargin() {
        var screen = Screen(id: "home", title: "مرحبًا بكم", subtitle: "يرجى اختيار الخدمة", body: ["اضغط رقم الخدمة."])
        screen.rightToLeft = true
        let grid = TerminalRenderer().render(screen, columns: 80, rows: 24)
        let lines = grid.lines
        for text in ["مرحبًا بكم", "يرجى اختيار الخدمة", "اضغط رقم الخدمة."] {
            let line = lines.first { $0.contains(text) }
            #expect(line?.trimmingTrailingSpaces().hasSuffix(text) == true, "\(text)")
            #expect(line.map { DisplayWidth.of($0.trimmingTrailingSpaces()) } ?? 0 > 60, "\(text) starts far right")
        }
        screen.rightToLeft = false
        let left = TerminalRenderer().render(screen, columns: 80, rows: 24).lines
        #expect(left.first { $0.contains("اضغط") }.map { DisplayWidth.of($0.trimmingTrailingSpaces()) } ?? 99 < 30)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

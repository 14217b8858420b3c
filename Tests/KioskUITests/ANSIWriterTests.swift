import KioskUITesting
import Testing

@testable import KioskUI

/// Just enough of a terminal to replay the writer's output: CUP, ED 2, SGR and printing without auto-wrap.
struct VirtualTerminal {
    var grid: CellGrid
    var row = 0
    var column = 0
    var style = CellStyle.plain

    init(columns: Int, rows: Int, garbage: Bool = false) {
        grid = CellGrid(columns: columns, rows: rows)
        if garbage {
            for row in 0..<rows {
                grid.put(String(repeating: "#", count: columns), row: row, column: 0, style: CellStyle(bold: true))
            }
        }
    }

    mutating func apply(_ output: String) {
        var characters = output.makeIterator()
        while let character = characters.next() {
            guard character == "\u{1B}" else {
                column += grid.put(String(character), row: row, column: column, style: style)
                column = min(column, grid.columns - 1)
                continue
            }
            guard characters.next() == "[" else {
                Issue.record("ESC without [ in output")
                return
            }
            var parameters = ""
            while let next = characters.next() {
                if next.isLetter {
                    perform(next, parameters: parameters)
                    break
                }
                parameters.append(next)
            }
        }
    }

    private mutating func perform(_ command: Character, parameters: String) {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        switch command {
        case "H":
            row = (numbers.first ?? 1) - 1
            column = (numbers.count > 1 ? numbers[1] : 1) - 1
        case "J":
            grid = CellGrid(columns: grid.columns, rows: grid.rows)
        case "m":
            for number in numbers.isEmpty ? [0] : numbers {
                switch number {
                case 0: style = .plain
                case 1: style.bold = true
                case 2: style.dim = true
                case 22: (style.bold, style.dim) = (false, false)
                case 7: style.reverse = true
                case 27: style.reverse = false
                case 30...37: style.foreground = PaletteColor(rawValue: number - 30)!
                case 39: style.foreground = .default
                case 40...47: style.background = PaletteColor(rawValue: number - 40)!
                case 49: style.background = .default
                default: Issue.record("unexpected SGR \(number)")
                }
            }
        default:
            Issue.record("unexpected command \(command)")
        }
    }
}

@Suite("ANSI writer")
struct ANSIWriterTests {
    static let escape = "\u{1B}"

    func grid(_ lines: [String], columns: Int = 10) -> CellGrid {
        var grid = CellGrid(columns: columns, rows: lines.count)
        for (row, line) in lines.enumerated() {
            grid.put(line, row: row, column: 0, style: .plain)
        }
        return grid
    }

    /// Rows named by the cursor moves in the output, one-based as on the wire.
    func movedRows(_ output: String) -> Set<Int> {
        var rows = Set<Int>()
        for part in output.split(separator: Self.escape) {
            guard part.first == "[", let end = part.firstIndex(of: "H") else { continue }
            let fields = part[part.index(after: part.startIndex)..<end].split(separator: ";")
            if fields.count == 2, let row = Int(fields[0]) {
                rows.insert(row)
            }
        }
        return rows
    }

    @Test("the first frame clears the screen and draws every row with content")
    func firstFrame() {
        let new = grid(["Titel", "", "Text"])
        let output = ANSIWriter.diff(from: nil, to: new)
        #expect(output.hasPrefix("\(Self.escape)[0m\(Self.escape)[2J"))
        #expect(output == "\(Self.escape)[0m\(Self.escape)[2J\(Self.escape)[1;1HTitel\(Self.escape)[3;1HText")
        var terminal = VirtualTerminal(columns: 10, rows: 3, garbage: true)
        terminal.apply(output)
        #expect(terminal.grid == new)
    }

    @Test("a frame of another size is drawn in full")
    func resizedFrame() {
        let output = ANSIWriter.diff(from: grid(["a"], columns: 5), to: grid(["a"], columns: 6))
        #expect(output.contains("\(Self.escape)[2J"))
    }

    @Test("identical frames produce no output at all")
    func identical() {
        #expect(ANSIWriter.diff(from: ScreenFixtures.homeGrid, to: ScreenFixtures.homeGrid) == "")
        var writer = ANSIWriter()
        #expect(!writer.frame(ScreenFixtures.homeGrid).isEmpty)
        #expect(writer.frame(ScreenFixtures.homeGrid) == "")
        writer.invalidate()
        #expect(writer.frame(ScreenFixtures.homeGrid).contains("\(Self.escape)[2J"))
    }

    @Test("only changed cells are written, after one cursor move")
    func changedCells() {
        let old = grid(["", "hello", ""])
        #expect(ANSIWriter.diff(from: old, to: grid(["", "hallo", ""])) == "\(Self.escape)[2;2Ha")
        // Small gaps are rewritten rather than jumped over.
        #expect(ANSIWriter.diff(from: old, to: grid(["", "hallu", ""])) == "\(Self.escape)[2;2Hallu")
        let wide = grid(["x", "hello     x"], columns: 20)
        let far = ANSIWriter.diff(from: grid(["x", "hello"], columns: 20), to: wide)
        #expect(far == "\(Self.escape)[2;11Hx")
        let twoRuns = ANSIWriter.diff(
            from: grid(["abcdefghijklmnop"], columns: 20),
            to: grid(["Xbcdefghijklmnop"], columns: 20)
        )
        #expect(twoRuns == "\(Self.escape)[1;1HX")
        let split = ANSIWriter.diff(
            from: grid(["abcdefghijklmnop"], columns: 20),
            to: grid(["XbcdefghijklmnoY"], columns: 20)
        )
        #expect(split == "\(Self.escape)[1;1HX\(Self.escape)[1;16HY")
    }

    @Test("a changed option row redraws that row only")
    func selectionMove() {
        var screen = ScreenFixtures.home
        let before = TerminalRenderer().render(screen, columns: 80, rows: 24)
        screen.selection = 3
        let after = TerminalRenderer().render(screen, columns: 80, rows: 24)
        let output = ANSIWriter.diff(from: before, to: after)
        #expect(movedRows(output) == [10, 11])
        #expect(!output.contains("\(Self.escape)[2J"))
        var terminal = VirtualTerminal(columns: 80, rows: 24)
        terminal.apply(ANSIWriter.diff(from: nil, to: before))
        terminal.apply(output)
        #expect(terminal.grid == after)
    }

    @Test("attribute changes are minimal and every output ends in plain attributes")
    func attributes() {
        let bold = CellStyle(bold: true)
        #expect(ANSIWriter.sgr(from: .plain, to: .plain) == nil)
        #expect(ANSIWriter.sgr(from: .plain, to: bold) == "\(Self.escape)[1m")
        #expect(ANSIWriter.sgr(from: bold, to: CellStyle(bold: true, reverse: true)) == "\(Self.escape)[7m")
        #expect(
            ANSIWriter.sgr(from: CellStyle(bold: true, dim: true), to: CellStyle(dim: true)) == "\(Self.escape)[22;2m"
        )
        #expect(
            ANSIWriter.sgr(from: CellStyle(foreground: .red), to: CellStyle(background: .blue))
                == "\(Self.escape)[39;44m"
        )
        #expect(ANSIWriter.sgr(from: CellStyle(reverse: true), to: .plain) == "\(Self.escape)[0m")

        var new = CellGrid(columns: 10, rows: 1)
        new.put("ab", row: 0, column: 0, style: bold)
        new.put("c", row: 0, column: 2, style: CellStyle(bold: true, reverse: true))
        let output = ANSIWriter.diff(from: CellGrid(columns: 10, rows: 1), to: new)
        #expect(output == "\(Self.escape)[1;1H\(Self.escape)[1mab\(Self.escape)[7mc\(Self.escape)[0m")
    }

    @Test("a changed wide character is rewritten whole")
    func wideCharacters() {
        let output = ANSIWriter.diff(from: grid(["ab日cd"]), to: grid(["ab本cd"]))
        #expect(output == "\(Self.escape)[1;3H本")
        let shifted = ANSIWriter.diff(from: grid(["a日bcd"]), to: grid(["ab日cd"]))
        var terminal = VirtualTerminal(columns: 10, rows: 1)
        terminal.apply(ANSIWriter.diff(from: nil, to: grid(["a日bcd"])))
        terminal.apply(shifted)
        #expect(terminal.grid == grid(["ab日cd"]))
    }

    @Test("replaying random frame sequences always reproduces the last frame (seeded)")
    func randomFrames() {
        var random = SplitMix64(seed: 0x4B69_6F73_6B55_4931)
        let pieces = ["a", "ü", "日本", "👍", "─", "█", " ", "Zurück", "e\u{301}", "  "]
        let colors = PaletteColor.allCases
        for _ in 0..<200 {
            let columns = Int.random(in: 1...30, using: &random)
            let rows = Int.random(in: 1...6, using: &random)
            var current = CellGrid(columns: columns, rows: rows)
            var terminal = VirtualTerminal(columns: columns, rows: rows, garbage: true)
            var previous: CellGrid?
            for _ in 0..<15 {
                for _ in 0..<Int.random(in: 0...6, using: &random) {
                    let style = CellStyle(
                        foreground: colors.randomElement(using: &random)!,
                        background: colors.randomElement(using: &random)!,
                        bold: Bool.random(using: &random),
                        dim: Bool.random(using: &random),
                        reverse: Bool.random(using: &random)
                    )
                    current.put(
                        pieces.randomElement(using: &random)!,
                        row: Int.random(in: 0..<rows, using: &random),
                        column: Int.random(in: 0..<columns, using: &random),
                        style: style
                    )
                }
                let output = ANSIWriter.diff(from: previous, to: current)
                terminal.apply(output)
                #expect(terminal.grid == current)
                if previous == current {
                    #expect(output.isEmpty)
                }
                previous = current
            }
        }
    }
}

extension ScreenFixtures {
    static let homeGrid = TerminalRenderer().render(home, columns: 80, rows: 24)
}

/// The small colour palette every terminal understands (the eight ANSI colours).
public enum PaletteColor: Int, Hashable, Sendable, CaseIterable {
    /// Whatever the terminal uses when no colour is set.
    case `default` = -1
    /// ANSI colour 0.
    case black = 0
    /// ANSI colour 1.
    case red = 1
    /// ANSI colour 2.
    case green = 2
    /// ANSI colour 3.
    case yellow = 3
    /// ANSI colour 4.
    case blue = 4
    /// ANSI colour 5.
    case magenta = 5
    /// ANSI colour 6.
    case cyan = 6
    /// ANSI colour 7.
    case white = 7
}

/// How a cell is drawn.
public struct CellStyle: Hashable, Sendable {
    /// Text colour.
    public var foreground: PaletteColor
    /// Background colour.
    public var background: PaletteColor
    /// Heavier text.
    public var bold: Bool
    /// Fainter text, used for unavailable options.
    public var dim: Bool
    /// Foreground and background swapped, used for bars and focus.
    public var reverse: Bool

    /// Creates a style; the defaults are the terminal's plain text.
    public init(
        foreground: PaletteColor = .default,
        background: PaletteColor = .default,
        bold: Bool = false,
        dim: Bool = false,
        reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    /// Plain text in the terminal's own colours.
    public static let plain = CellStyle()
}

/// One character cell.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown; for the right half of a wide character this is a space that is never written.
    public var character: Character
    /// How the cell is drawn.
    public var style: CellStyle
    /// Whether this cell is covered by the wide character in the cell to its left.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(_ character: Character, style: CellStyle = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty cell in plain style.
    public static let blank = Cell(" ")
}

/// A rectangle of character cells: what a terminal renderer produces and the ANSI writer draws.
public struct CellGrid: Equatable, Sendable {
    /// Width in cells.
    public let columns: Int
    /// Height in cells.
    public let rows: Int
    /// All cells, row after row.
    public private(set) var cells: [Cell]

    /// Creates a grid of blank cells.
    public init(columns: Int, rows: Int, fill: Cell = .blank) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.cells = Array(repeating: fill, count: self.columns * self.rows)
    }

    /// The cell at a position; positions outside the grid read as blank.
    public subscript(row: Int, column: Int) -> Cell {
        guard contains(row: row, column: column) else { return .blank }
        return cells[row * columns + column]
    }

    /// One row's cells.
    public func cells(inRow row: Int) -> ArraySlice<Cell> {
        guard row >= 0 && row < rows else { return [] }
        return cells[(row * columns)..<(row * columns + columns)]
    }

    /// The characters of one row, wide characters once, including trailing spaces.
    public func text(ofRow row: Int) -> String {
        var text = ""
        for cell in cells(inRow: row) where !cell.isContinuation {
            text.append(cell.character)
        }
        return text
    }

    /// Every row as text without trailing spaces, the way `tmux capture-pane -p` prints a screen.
    public var lines: [String] {
        (0..<rows).map { row in
            var text = text(ofRow: row)
            while text.last == " " {
                text.removeLast()
            }
            return text
        }
    }

    // A wide character that would stick out becomes a space; callers clip with "…" beforehand where the
    // cut should be visible.
    /// Writes text from a position without wrapping, up to the grid edge or `maxWidth`; returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: CellStyle, maxWidth: Int? = nil) -> Int {
        guard row >= 0 && row < rows && column < columns else { return 0 }
        let limit = maxWidth.map { min(columns, column + $0) } ?? columns
        var position = column
        for character in text {
            if position >= limit {
                break
            }
            let width = DisplayWidth.of(character)
            if width == 0 {
                continue
            }
            if position < 0 {
                position += width
                continue
            }
            if width == 2 && position + 1 >= limit {
                set(Cell(" ", style: style), row: row, column: position)
                position += 1
                break
            }
            set(Cell(character, style: style), row: row, column: position)
            if width == 2 {
                set(Cell(" ", style: style, isContinuation: true), row: row, column: position + 1)
            }
            position += width
        }
        return max(0, position - column)
    }

    /// Blanks a run of cells in one row and gives them a style, e.g. for a reverse-video bar.
    public mutating func fill(row: Int, columns range: Range<Int>, style: CellStyle) {
        guard row >= 0 && row < rows else { return }
        let clamped = range.clamped(to: 0..<columns)
        for column in clamped {
            set(Cell(" ", style: style), row: row, column: column)
        }
    }

    /// Changes the style of a run of cells and keeps their characters.
    public mutating func restyle(row: Int, columns range: Range<Int>, _ change: (inout CellStyle) -> Void) {
        guard row >= 0 && row < rows else { return }
        for column in range.clamped(to: 0..<columns) {
            change(&cells[row * columns + column].style)
        }
    }

    private func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < columns
    }

    /// Sets one cell and repairs wide characters it cuts in half, so a grid never holds half a glyph.
    private mutating func set(_ cell: Cell, row: Int, column: Int) {
        guard contains(row: row, column: column) else { return }
        let index = row * columns + column
        let old = cells[index]
        if old.isContinuation && !cell.isContinuation && column > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if !old.isContinuation && column + 1 < columns && cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}

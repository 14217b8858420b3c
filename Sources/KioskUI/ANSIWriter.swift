// Every output starts from and ends in default attributes, so frames can be diffed without knowing what
// the terminal was left with. Cursor positions are absolute, which keeps a terminal that disagrees about
// the width of some character from smearing the rest of the screen.

/// Turns cell grids into ANSI escape output, redrawing only what changed since the previous frame.
public struct ANSIWriter: Sendable {
    private var previous: CellGrid?

    /// Creates a writer whose first frame is a full redraw.
    public init() {}

    /// Output that brings the terminal from the previous frame to this one.
    public mutating func frame(_ grid: CellGrid) -> String {
        let output = Self.diff(from: previous, to: grid)
        previous = grid
        return output
    }

    /// Forgets the previous frame, e.g. after a resize or after something else wrote to the terminal.
    public mutating func invalidate() {
        previous = nil
    }

    /// Gaps of unchanged cells up to this width are rewritten rather than jumped over with a cursor move.
    static let mergeGap = 4

    /// Output that turns `old` into `new` on the terminal: everything when there is no usable old frame.
    public static func diff(from old: CellGrid?, to new: CellGrid) -> String {
        var output = Output()
        guard let old, old.columns == new.columns, old.rows == new.rows else {
            output.text += "\u{1B}[0m\u{1B}[2J"
            for row in 0..<new.rows {
                let cells = Array(new.cells(inRow: row))
                // The clear left default blanks behind; trailing ones need no writing.
                var end = cells.count
                while end > 0 && cells[end - 1] == .blank {
                    end -= 1
                }
                if end > 0 {
                    output.write(cells, row: row, columns: 0..<end, width: new.columns)
                }
            }
            output.finish()
            return output.text
        }
        for row in 0..<new.rows {
            let before = Array(old.cells(inRow: row))
            let after = Array(new.cells(inRow: row))
            for run in changedRuns(before, after) {
                output.write(after, row: row, columns: run, width: new.columns)
            }
        }
        output.finish()
        return output.text
    }

    /// Column ranges that differ, widened to whole wide characters and merged across small gaps.
    static func changedRuns(_ before: [Cell], _ after: [Cell]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var column = 0
        while column < after.count {
            guard before[column] != after[column] else {
                column += 1
                continue
            }
            var start = column
            var end = column + 1
            while end < after.count && before[end] != after[end] {
                end += 1
            }
            if start > 0 && after[start].isContinuation {
                start -= 1
            }
            if end < after.count && after[end].isContinuation {
                end += 1
            }
            if let last = runs.last, start - last.upperBound <= mergeGap {
                runs[runs.count - 1] = last.lowerBound..<end
            } else {
                runs.append(start..<end)
            }
            column = end
        }
        return runs
    }

    /// SGR parameters that change attributes from one style to another, or nil when nothing changes.
    static func sgr(from old: CellStyle, to new: CellStyle) -> String? {
        guard old != new else { return nil }
        if new == .plain {
            return "\u{1B}[0m"
        }
        var parameters: [String] = []
        // 22 ends bold and dim together; whichever of them stays must be switched on again.
        let intensityDropped = (old.bold && !new.bold) || (old.dim && !new.dim)
        if intensityDropped {
            parameters.append("22")
        }
        if new.bold && (intensityDropped || !old.bold) {
            parameters.append("1")
        }
        if new.dim && (intensityDropped || !old.dim) {
            parameters.append("2")
        }
        if old.reverse != new.reverse {
            parameters.append(new.reverse ? "7" : "27")
        }
        if old.foreground != new.foreground {
            parameters.append(new.foreground == .default ? "39" : String(30 + new.foreground.rawValue))
        }
        if old.background != new.background {
            parameters.append(new.background == .default ? "49" : String(40 + new.background.rawValue))
        }
        return "\u{1B}[" + parameters.joined(separator: ";") + "m"
    }

    /// The output being built, with the cursor and attributes the terminal will have after it.
    private struct Output {
        var text = ""
        var style = CellStyle.plain
        var cursor: (row: Int, column: Int)?

        mutating func write(_ cells: [Cell], row: Int, columns: Range<Int>, width: Int) {
            if cursor.map({ $0.row != row || $0.column != columns.lowerBound }) ?? true {
                text += "\u{1B}[\(row + 1);\(columns.lowerBound + 1)H"
            }
            var column = columns.lowerBound
            for index in columns where !cells[index].isContinuation {
                let cell = cells[index]
                if let change = ANSIWriter.sgr(from: style, to: cell.style) {
                    text += change
                    style = cell.style
                }
                text.append(cell.character)
                let isWide = index + 1 < cells.count && cells[index + 1].isContinuation
                column = index + (isWide ? 2 : 1)
            }
            // With auto-wrap off the cursor stays on the last column, so its position is no longer known.
            cursor = column < width ? (row, column) : nil
        }

        mutating func finish() {
            if style != .plain {
                text += "\u{1B}[0m"
                style = .plain
            }
        }
    }
}

// The layout is a column flow: title bar, then subtitle, notice, highlight, body, print preview and options
// with one blank row between them, then the countdown and the footer pinned to the bottom. When rows run
// short the body gives way first, then the large highlight font, then the preview; the options, which are
// how a citizen moves on, keep their place.
//
// Right-to-left screens (Arabic) right-align the title, subtitle, notice and body lines. The characters go out in
// logical order: terminals with bidi support (VTE-based ones such as GNOME Terminal, Konsole, mlterm) reorder
// and shape them as they show them; xterm and the Linux console have no bidi and show the letters unjoined and
// left to right, which a reader of Arabic can decipher but not read comfortably. Reordering here would show
// correctly there and doubly reversed in the bidi terminals, so the renderer leaves that to the terminal.

/// Lays a `Screen` out on a character grid of a given terminal size.
public struct TerminalRenderer: Sendable {
    /// The smallest terminal the layout is made for.
    public static let minimumColumns = 80
    /// The smallest terminal the layout is made for.
    public static let minimumRows = 24
    /// From this width on the aside stands to the right of the main column instead of below it.
    public static let sideAsideMinimumColumns = 100
    /// Shown instead of the aside when it fits nowhere; bilingual because the model carries no language.
    public static let asideHiddenHint = "Vorschau ausgeblendet (zu wenig Platz) · preview hidden (not enough room)"

    /// Creates a renderer.
    public init() {}

    /// The screen laid out for a terminal of the given size; below the minimum, the too-small message instead.
    public func render(_ screen: Screen, columns: Int, rows: Int) -> CellGrid {
        guard columns >= Self.minimumColumns && rows >= Self.minimumRows else {
            let message = TerminalError.tooSmall(columns: columns, rows: rows).description
            return renderMessage(message, columns: columns, rows: rows)
        }
        var layout = Layout(screen: screen, grid: CellGrid(columns: columns, rows: rows))
        layout.draw()
        return layout.grid
    }

    /// A message alone in the middle of the terminal, for errors and the too-small case; works at any size.
    public func renderMessage(_ text: String, columns: Int, rows: Int) -> CellGrid {
        var grid = CellGrid(columns: columns, rows: rows)
        guard columns > 0 && rows > 0 else { return grid }
        let width = columns > 8 ? min(columns - 4, 72) : columns
        var lines = DisplayWidth.wrap(text, width: width)
        if lines.count > rows {
            lines = Array(lines.prefix(rows))
            lines[rows - 1] = Layout.markCut(lines[rows - 1], width: width)
        }
        let top = (rows - lines.count) / 2
        for (offset, line) in lines.enumerated() {
            let left = max(0, (columns - DisplayWidth.of(line)) / 2)
            grid.put(line, row: top + offset, column: left, style: Theme.message)
        }
        return grid
    }
}

/// Styles of the terminal layout, in one place so the look can change without touching the layout.
enum Theme {
    static let titleBar = CellStyle(bold: true, reverse: true)
    static let footerBar = CellStyle(reverse: true)
    static let footerKey = CellStyle(bold: true, reverse: true)
    static let subtitle = CellStyle(bold: true)
    static let highlight = CellStyle(bold: true)
    static let body = CellStyle.plain
    static let optionKey = CellStyle(bold: true)
    static let optionText = CellStyle.plain
    static let asideFrame = CellStyle(dim: true)
    static let asideText = CellStyle.plain
    static let hint = CellStyle(dim: true)
    static let countdown = CellStyle(foreground: .yellow, bold: true)
    static let message = CellStyle(bold: true)

    static func noticeColor(_ kind: Notice.Kind) -> PaletteColor {
        switch kind {
        case .info: .cyan
        case .warning: .yellow
        case .error: .red
        }
    }
}

/// One layout pass over a grid; a value so that rendering stays a pure function.
struct Layout {
    static let margin = 2
    static let contentTop = 2
    static let gapBesideAside = 3
    static let noticeMaxLines = 3

    /// The pieces of the main column, in the order they stand on screen.
    enum Block {
        case subtitle(String)
        case notice(Notice, lines: [String])
        case highlightBlock([String])
        case highlightText(String)
        case body([String])
        case entry(TextEntry)
        case aside([String], inner: Int)
        case asideHint
        case options

        var isHighlightBlock: Bool {
            if case .highlightBlock = self { true } else { false }
        }

        func height(optionCount: Int) -> Int {
            switch self {
            case .subtitle, .highlightText, .asideHint: 1
            case .notice(_, let lines): lines.count + 2
            case .highlightBlock(let rows): rows.count
            case .body(let lines): lines.count
            case .aside(let lines, _): lines.count + 2
            case .entry: 3
            case .options: optionCount
            }
        }
    }

    let screen: Screen
    var grid: CellGrid
    var mainLeft = Layout.margin
    var mainWidth: Int

    init(screen: Screen, grid: CellGrid) {
        self.screen = screen
        self.grid = grid
        self.mainWidth = grid.columns - 2 * Self.margin
    }

    /// First row below the main column: the countdown row, or the blank row that keeps a countdown apart.
    var contentBottom: Int { grid.rows - (screen.countdown == nil ? 2 : 3) }

    mutating func draw() {
        drawTitleBar()
        drawFooter()
        drawCountdown()
        let asideBeside = placeAsideBeside()
        var blocks = plan(asideBeside: asideBeside)
        var row = Self.contentTop
        blocks.removeAll { $0.height(optionCount: screen.options.count) == 0 }
        for block in blocks {
            draw(block, at: row)
            row += block.height(optionCount: screen.options.count) + 1
        }
    }

    // MARK: Planning

    /// Decides which blocks stand in the main column, giving way in the order described above TerminalRenderer.
    func plan(asideBeside: Bool) -> [Block] {
        let available = contentBottom - Self.contentTop
        let optionCount = screen.options.count
        var head: [Block] = []
        var tail: [Block] = []
        if let subtitle = screen.subtitle, !subtitle.isEmpty {
            head.append(.subtitle(DisplayWidth.clip(subtitle, to: mainWidth)))
        }
        if let notice = screen.notice {
            var lines = DisplayWidth.wrap(notice.text, width: mainWidth - 4)
            if lines.count > Self.noticeMaxLines {
                lines = Array(lines.prefix(Self.noticeMaxLines))
                lines[Self.noticeMaxLines - 1] = Self.markCut(lines[Self.noticeMaxLines - 1], width: mainWidth - 4)
            }
            head.append(.notice(notice, lines: lines))
        }
        // The field the citizen types into never gives way: without it the screen cannot be used.
        if let entry = screen.entry {
            tail.append(.entry(entry))
        }
        if optionCount > 0 {
            tail.append(.options)
        }

        func used(_ extra: [Block] = []) -> Int {
            let heights = (head + extra + tail).map { $0.height(optionCount: optionCount) }
            return heights.reduce(0, +) + max(0, heights.count - 1)
        }
        func room() -> Int {
            // Every further block also costs the blank row that separates it from its neighbours.
            let gap = head.isEmpty && tail.isEmpty ? 0 : 1
            return available - used() - gap
        }

        if let highlight = screen.highlight, !highlight.isEmpty {
            if let rows = BlockFont.render(highlight), let width = BlockFont.width(of: highlight),
                width <= mainWidth, room() >= BlockFont.height
            {
                head.append(.highlightBlock(rows))
            } else if room() >= 1 {
                head.append(.highlightText(DisplayWidth.clip(highlight, to: mainWidth)))
            }
        }

        let bodyLines = wrappedBody()
        var bodyComplete = true
        if !bodyLines.isEmpty {
            let fitting = min(bodyLines.count, room())
            if fitting == bodyLines.count {
                head.append(.body(bodyLines))
            } else if fitting > 0 {
                var shown = Array(bodyLines.prefix(fitting))
                shown[fitting - 1] = Self.markCut(shown[fitting - 1], width: mainWidth)
                head.append(.body(shown))
                bodyComplete = false
            } else {
                bodyComplete = false
            }
        }

        if !asideBeside, let aside = screen.aside, !aside.isEmpty {
            let inner = min(aside.map { DisplayWidth.of($0) }.max() ?? 0, mainWidth - 4)
            if bodyComplete && room() >= aside.count + 2 {
                head.append(.aside(aside, inner: inner))
            } else if room() >= 1 {
                head.append(.asideHint)
            }
        }

        // A large terminal stands further away or is seen from across the room: double the highlight
        // when everything else already fits.
        if let highlight = screen.highlight, let index = head.firstIndex(where: \.isHighlightBlock),
            let width = BlockFont.width(of: highlight, scale: 2), width <= mainWidth,
            available - used() >= BlockFont.height, let rows = BlockFont.render(highlight, scale: 2)
        {
            head[index] = .highlightBlock(rows)
        }
        return head + tail
    }

    /// Body paragraphs wrapped to the main column, one blank line between paragraphs.
    func wrappedBody() -> [String] {
        var lines: [String] = []
        for (index, paragraph) in screen.body.enumerated() {
            if index > 0 {
                lines.append("")
            }
            lines += DisplayWidth.wrap(paragraph, width: mainWidth)
        }
        return lines
    }

    /// A line that visibly ends in "…" because more text follows that did not fit.
    static func markCut(_ line: String, width: Int) -> String {
        let lineWidth = DisplayWidth.of(line)
        if lineWidth + 2 <= width {
            return lineWidth == 0 ? "…" : line + " …"
        }
        return DisplayWidth.clip(line, to: max(1, min(lineWidth, width) - 1))
    }

    // MARK: Drawing

    /// The column a line starts at: the left edge, or on a right-to-left screen so that it ends at the right one.
    func start(of text: String, in left: Int, width: Int) -> Int {
        screen.rightToLeft ? left + max(0, width - DisplayWidth.of(text)) : left
    }

    mutating func drawTitleBar() {
        grid.fill(row: 0, columns: 0..<grid.columns, style: Theme.titleBar)
        let title = DisplayWidth.clip(screen.title, to: grid.columns - 2 * Self.margin)
        grid.put(title, row: 0, column: start(of: title, in: Self.margin, width: grid.columns - 2 * Self.margin), style: Theme.titleBar)
    }

    mutating func drawFooter() {
        let row = grid.rows - 1
        grid.fill(row: row, columns: 0..<grid.columns, style: Theme.footerBar)
        var column = Self.margin
        let end = grid.columns - Self.margin
        for (index, hint) in screen.footer.enumerated() {
            let separator = index > 0 ? "   " : ""
            let key = "[\(hint.key)]"
            let segmentWidth = DisplayWidth.of(separator + key + " " + hint.label)
            if column + segmentWidth > end {
                // Cut the last hint that starts visibly rather than dropping it without a trace.
                let remaining = end - column
                let cut = DisplayWidth.clip(separator + key + " " + hint.label, to: remaining)
                grid.put(cut, row: row, column: column, style: Theme.footerBar)
                break
            }
            column += grid.put(separator, row: row, column: column, style: Theme.footerBar)
            column += grid.put(key, row: row, column: column, style: Theme.footerKey)
            column += grid.put(" " + hint.label, row: row, column: column, style: Theme.footerBar)
        }
    }

    mutating func drawCountdown() {
        guard let countdown = screen.countdown, !countdown.isEmpty else { return }
        let text = DisplayWidth.clip(countdown, to: grid.columns - 2 * Self.margin)
        let left = (grid.columns - DisplayWidth.of(text)) / 2
        grid.put(text, row: grid.rows - 2, column: left, style: Theme.countdown)
    }

    /// Draws the aside as a framed block on the right when the terminal is wide enough; narrows the main column.
    mutating func placeAsideBeside() -> Bool {
        guard grid.columns >= TerminalRenderer.sideAsideMinimumColumns, let aside = screen.aside, !aside.isEmpty
        else { return false }
        let widest = aside.map { DisplayWidth.of($0) }.max() ?? 0
        let maxInner = (grid.columns - 2 * Self.margin) * 2 / 5 - 4
        let inner = max(1, min(widest, maxInner))
        let left = grid.columns - Self.margin - (inner + 4)
        drawAsideBox(aside, top: Self.contentTop, left: left, inner: inner, maxHeight: contentBottom - Self.contentTop)
        mainWidth = left - Self.gapBesideAside - Self.margin
        return true
    }

    mutating func drawAsideBox(_ lines: [String], top: Int, left: Int, inner: Int, maxHeight: Int) {
        let height = min(lines.count + 2, maxHeight)
        guard height >= 3 else { return }
        let horizontal = String(repeating: "─", count: inner + 2)
        grid.put("┌" + horizontal + "┐", row: top, column: left, style: Theme.asideFrame)
        let visible = height - 2
        for index in 0..<visible {
            let row = top + 1 + index
            let cut = index == visible - 1 && visible < lines.count
            let text = cut ? "…" : DisplayWidth.clip(lines[index], to: inner)
            grid.put("│ ", row: row, column: left, style: Theme.asideFrame)
            grid.put(DisplayWidth.pad(text, to: inner), row: row, column: left + 2, style: Theme.asideText)
            grid.put(" │", row: row, column: left + 2 + inner, style: Theme.asideFrame)
        }
        grid.put("└" + horizontal + "┘", row: top + height - 1, column: left, style: Theme.asideFrame)
    }

    mutating func draw(_ block: Block, at row: Int) {
        switch block {
        case .subtitle(let text):
            grid.put(text, row: row, column: start(of: text, in: mainLeft, width: mainWidth), style: Theme.subtitle)
        case .notice(let notice, let lines):
            drawNotice(notice, lines: lines, at: row)
        case .highlightBlock(let rows):
            let left = mainLeft + (mainWidth - (rows.first.map { DisplayWidth.of($0) } ?? 0)) / 2
            for (offset, line) in rows.enumerated() {
                grid.put(line, row: row + offset, column: left, style: Theme.highlight)
            }
        case .highlightText(let text):
            let left = mainLeft + (mainWidth - DisplayWidth.of(text)) / 2
            grid.put(text, row: row, column: left, style: Theme.highlight)
        case .body(let lines):
            for (offset, line) in lines.enumerated() {
                grid.put(line, row: row + offset, column: start(of: line, in: mainLeft, width: mainWidth), style: Theme.body, maxWidth: mainWidth)
            }
        case .aside(let lines, let inner):
            drawAsideBox(lines, top: row, left: mainLeft, inner: inner, maxHeight: lines.count + 2)
        case .asideHint:
            let hint = DisplayWidth.clip(TerminalRenderer.asideHiddenHint, to: mainWidth)
            grid.put(hint, row: row, column: mainLeft, style: Theme.hint)
        case .entry(let entry):
            drawEntry(entry, at: row)
        case .options:
            drawOptions(at: row)
        }
    }

    /// The text field as a framed line with its label in the top border and a block cursor after the text;
    /// a text longer than the field shows its end, where the citizen is typing.
    mutating func drawEntry(_ entry: TextEntry, at row: Int) {
        let inner = mainWidth - 4
        let label = DisplayWidth.clip(" " + entry.label + " ", to: max(0, mainWidth - 4))
        let top = "┌─" + label + String(repeating: "─", count: max(0, mainWidth - 3 - DisplayWidth.of(label))) + "┐"
        grid.put(top, row: row, column: mainLeft, style: Theme.asideFrame)
        var shown = entry.text + "█"
        while DisplayWidth.of(shown) > inner, !shown.isEmpty { shown.removeFirst() }
        grid.put("│ ", row: row + 1, column: mainLeft, style: Theme.asideFrame)
        grid.put(DisplayWidth.pad(shown, to: inner), row: row + 1, column: mainLeft + 2, style: Theme.highlight)
        grid.put(" │", row: row + 1, column: mainLeft + mainWidth - 2, style: Theme.asideFrame)
        grid.put("└" + String(repeating: "─", count: mainWidth - 2) + "┘", row: row + 2, column: mainLeft, style: Theme.asideFrame)
    }

    mutating func drawNotice(_ notice: Notice, lines: [String], at row: Int) {
        let color = Theme.noticeColor(notice.kind)
        let frame = CellStyle(foreground: color)
        let text = CellStyle(foreground: color, bold: true)
        let horizontal = String(repeating: "─", count: mainWidth - 2)
        grid.put("┌" + horizontal + "┐", row: row, column: mainLeft, style: frame)
        for (offset, line) in lines.enumerated() {
            let current = row + 1 + offset
            grid.put("│ ", row: current, column: mainLeft, style: frame)
            let padding = screen.rightToLeft ? String(repeating: " ", count: max(0, mainWidth - 4 - DisplayWidth.of(line))) : ""
            grid.put(DisplayWidth.pad(padding + line, to: mainWidth - 4), row: current, column: mainLeft + 2, style: text)
            grid.put(" │", row: current, column: mainLeft + mainWidth - 2, style: frame)
        }
        grid.put("└" + horizontal + "┘", row: row + lines.count + 1, column: mainLeft, style: frame)
    }

    /// Options as one button per row: key, label padded to a common column, then detail.
    mutating func drawOptions(at top: Int) {
        let options = screen.options
        let inner = mainWidth - 2
        let keys = options.map { "[\($0.key)]" }
        let keyColumn = keys.map { DisplayWidth.of($0) }.max() ?? 0
        let widestLabel = options.map { DisplayWidth.of($0.label) }.max() ?? 0
        let widestDetail = options.compactMap { $0.detail.map { DisplayWidth.of($0) } }.max()
        var labelColumn = widestLabel
        if let widestDetail {
            // Keep room for the detail, but never squeeze labels below half the button.
            let forLabel = inner - keyColumn - 1 - 3 - min(widestDetail, inner / 3)
            labelColumn = min(widestLabel, max(inner / 2, forLabel))
        }
        for (index, option) in options.enumerated() {
            let row = top + index
            guard row < contentBottom else { break }
            let selected = screen.selection == index
            var base = Theme.optionText
            base.reverse = selected
            base.dim = !option.enabled
            var keyStyle = Theme.optionKey
            keyStyle.reverse = selected
            keyStyle.dim = !option.enabled
            keyStyle.bold = option.enabled
            grid.fill(row: row, columns: mainLeft..<(mainLeft + mainWidth), style: selected ? base : .plain)
            var column = mainLeft + 1
            let end = mainLeft + 1 + inner
            column += grid.put(DisplayWidth.pad(keys[index], to: keyColumn), row: row, column: column, style: keyStyle)
            column += grid.put(" ", row: row, column: column, style: base)
            var label = DisplayWidth.clip(option.label, to: min(labelColumn, end - column))
            if let detail = option.detail, !detail.isEmpty {
                label = DisplayWidth.pad(label, to: labelColumn)
                column += grid.put(label, row: row, column: column, style: base)
                let room = end - column - 3
                if room > 0 {
                    grid.put("   " + DisplayWidth.clip(detail, to: room), row: row, column: column, style: base)
                }
            } else {
                grid.put(label, row: row, column: column, style: base)
            }
        }
    }
}

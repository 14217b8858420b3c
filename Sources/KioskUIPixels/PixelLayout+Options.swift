import KioskUI

// Option buttons grow rather than cut: a label that does not fit on one line wraps, and a hint that does not fit
// beside its label goes under it. When the buttons then need more room than the column has (twelve services in
// large text), they are shown a page at a time with a row of page buttons under them; a key still picks any
// option, on whichever page it is. Buttons in one row of the grid share the tallest one's height.

extension PixelLayoutBuilder {
    /// One option's text as it will be drawn in its button.
    struct OptionBlock {
        var labelLines: [String]
        /// Beside the label (one line, right-aligned) or under it.
        var detailLines: [String]
        var detailBeside: Bool
        var height: Int
    }

    /// How the options sit: columns, button width, the measured blocks and the pages.
    struct OptionGrid {
        var columns: Int
        var buttonWidth: Int
        var spacing: Int
        var blocks: [OptionBlock]
        /// Indices of `Screen.options` per page; one page when all fit.
        var pages: [Range<Int>]
        /// The page row's height, zero when there is one page.
        var pageRowHeight: Int
        /// Whether the page counter stands in a line above the page buttons, as the buttons' labels need the width.
        var counterAbove = false

        var isPaged: Bool { pages.count > 1 }

        /// Rows of a page, column by column as the options run (the first column top to bottom, then the next).
        func rows(of page: Range<Int>) -> Int { (page.count + columns - 1) / columns }

        /// Height of each row of a page: its tallest button.
        func rowHeights(of page: Range<Int>) -> [Int] {
            let rows = rows(of: page)
            var heights = Array(repeating: 0, count: rows)
            for index in page { heights[(index - page.lowerBound) % rows] = max(heights[(index - page.lowerBound) % rows], blocks[index].height) }
            return heights
        }

        /// Height of a page's buttons, without the page row.
        func height(of page: Range<Int>) -> Int {
            let heights = rowHeights(of: page)
            return heights.isEmpty ? 0 : heights.reduce(0, +) + (heights.count - 1) * spacing
        }

        /// Height of the tallest page with its page row: what the column must give the options.
        var height: Int {
            let buttons = pages.map { height(of: $0) }.max() ?? 0
            return isPaged ? buttons + spacing + pageRowHeight : buttons
        }
    }

    var optionLabelSize: Int { font(40) }
    var optionDetailSize: Int { font(30) }
    var optionPadding: Int { px(18) }
    /// A one-line button: one touch target high at least.
    var optionBaseHeight: Int { max(options.touchTargetPixels, lineHeight(.regular, optionLabelSize) + px(36)) }
    var optionBadgeEdge: Int { min(optionBaseHeight - 2 * optionPadding, px(72)) }

    /// The options measured for a column `width` wide, on one page; in landscape more than four stand in two
    /// columns unless `columns` says otherwise.
    func optionGrid(width: Int, columns wanted: Int? = nil) -> OptionGrid {
        let count = screen.options.count
        let columns = wanted ?? (options.isLandscape && count > 4 ? 2 : 1)
        let spacing = px(20)
        let buttonWidth = (width - (columns - 1) * spacing) / columns
        let blocks = screen.options.map { measure($0, buttonWidth: buttonWidth) }
        return OptionGrid(
            columns: columns, buttonWidth: buttonWidth, spacing: spacing, blocks: blocks, pages: count == 0 ? [] : [0..<count],
            pageRowHeight: 0, counterAbove: false)
    }

    /// Splits the grid into pages that each fit `room` with the page row under them; unchanged when it fits whole.
    func paged(_ whole: OptionGrid, room: Int) -> OptionGrid {
        guard whole.height > room, let all = whole.pages.first, all.count > 1 else { return whole }
        var grid = whole
        (grid.pageRowHeight, grid.counterAbove) = pageRow(width: whole.columns * whole.buttonWidth + (whole.columns - 1) * whole.spacing)
        let buttonRoom = room - grid.spacing - grid.pageRowHeight
        var pages: [Range<Int>] = []
        var start = 0
        while start < all.upperBound {
            // As many options as fit; at least one, so a tiny column still shows every option on some page.
            var end = start + 1
            while end < all.upperBound && grid.height(of: start..<(end + 1)) <= buttonRoom { end += 1 }
            pages.append(start..<end)
            start = end
        }
        grid.pages = pages
        return grid
    }

    /// The text of one button laid out: label and hint on one line where they fit, else wrapped and stacked.
    func measure(_ option: Option, buttonWidth: Int) -> OptionBlock {
        let textWidth = buttonWidth - optionBadgeEdge - 3 * optionPadding
        // Measured in bold, the selected button's face, so that moving the focus never moves the layout.
        let labelWidth = fonts.width(of: option.label, role: .bold, size: optionLabelSize)
        let detail = option.detail ?? ""
        let detailWidth = detail.isEmpty ? 0 : fonts.width(of: detail, role: .regular, size: optionDetailSize)
        if labelWidth <= textWidth && (detail.isEmpty || (detailWidth <= textWidth / 2 && labelWidth + optionPadding + detailWidth <= textWidth)) {
            return OptionBlock(labelLines: [option.label], detailLines: detail.isEmpty ? [] : [detail], detailBeside: true, height: optionBaseHeight)
        }
        let labelLines = fonts.wrap(option.label, role: .bold, size: optionLabelSize, width: textWidth)
        let detailLines = detail.isEmpty ? [] : fonts.wrap(detail, role: .regular, size: optionDetailSize, width: textWidth)
        let textHeight = labelLines.count * lineHeight(.regular, optionLabelSize) + detailLines.count * lineHeight(.regular, optionDetailSize)
        return OptionBlock(
            labelLines: labelLines, detailLines: detailLines, detailBeside: false,
            height: max(optionBaseHeight, textHeight + 2 * optionPadding))
    }

    /// The page row's height, and whether the counter goes above the buttons: beside them where both labels fit
    /// on one line that way, else above them, the labels wrapped where even the half row is too narrow.
    func pageRow(width: Int) -> (height: Int, counterAbove: Bool) {
        let size = font(34)
        let lineHeight = lineHeight(.bold, size)
        let labels = [pageLabel(next: false), pageLabel(next: true)]
        let inline = pageButtonWidth(rowWidth: width, counterAbove: false) - 2 * px(16)
        if labels.allSatisfy({ fonts.width(of: $0, role: .bold, size: size) <= inline }) {
            return (max(options.touchTargetPixels, lineHeight + px(24)), false)
        }
        let half = pageButtonWidth(rowWidth: width, counterAbove: true) - 2 * px(16)
        let lines = labels.map { fonts.wrap($0, role: .bold, size: size, width: half).count }.max() ?? 1
        return (lineHeight + max(options.touchTargetPixels, lines * lineHeight + px(24)), true)
    }

    func pageButtonWidth(rowWidth: Int, counterAbove: Bool) -> Int {
        counterAbove ? (rowWidth - px(20)) / 2 : (rowWidth - pageCounterWidth - 2 * px(20)) / 2
    }

    var pageCounterWidth: Int { fonts.width(of: "88 / 88", role: .bold, size: font(34)) + px(16) }

    /// Up and down arrows: the options run top to bottom, and arrows that point up and down read the same in a
    /// mirrored (right-to-left) layout.
    func pageLabel(next: Bool) -> String {
        let paging = screen.paging
        return next ? [paging?.next, "▼"].compactMap { $0 }.joined(separator: " ") : ["▲", paging?.previous].compactMap { $0 }.joined(separator: " ")
    }

    mutating func drawOptions(_ grid: OptionGrid, page: Int, at top: Int, column: PixelRect) {
        optionTargets = Array(repeating: PixelRect(x: 0, y: 0, width: 0, height: 0), count: screen.options.count)
        guard grid.pages.indices.contains(page) else { return }
        let shown = grid.pages[page]
        let rows = grid.rows(of: shown)
        let rowHeights = grid.rowHeights(of: shown)
        var rowTops: [Int] = []
        var y = top
        for height in rowHeights {
            rowTops.append(y)
            y += height + grid.spacing
        }
        for index in shown {
            let position = index - shown.lowerBound
            let button = PixelRect(
                x: column.x + position / rows * (grid.buttonWidth + grid.spacing), y: rowTops[position % rows],
                width: grid.buttonWidth, height: rowHeights[position % rows])
            drawOption(index, block: grid.blocks[index], in: button)
        }
        if grid.isPaged {
            drawPageRow(grid, page: page, in: PixelRect(x: column.x, y: top + grid.height(of: shown) + grid.spacing, width: column.width, height: grid.pageRowHeight))
        }
    }

    mutating func drawOption(_ index: Int, block: OptionBlock, in button: PixelRect) {
        let option = screen.options[index]
        let padding = optionPadding
        optionTargets[index] = button
        let selected = screen.selection == index
        let colors = !option.enabled ? theme.disabledOption : selected ? theme.selectedOption : theme.option
        frame(button, thickness: selected ? px(6) : px(3), color: selected ? theme.selectedOption.background : theme.frame)
        items.append(.fill(button.inset(by: selected ? px(6) : px(3)), colors.background))

        let rightToLeft = readsRightToLeft(option.label)
        let badgeEdge = optionBadgeEdge
        let badge = PixelRect(
            x: rightToLeft ? button.maxX - padding - badgeEdge : button.x + padding,
            y: button.y + (button.height - badgeEdge) / 2, width: badgeEdge, height: badgeEdge)
        let keyColors = option.enabled ? theme.optionKey : theme.disabledOption
        items.append(.fill(badge, keyColors.background))
        line(option.key, .bold, font(34), in: badge, align: .center, keyColors)

        let textLeft = rightToLeft ? button.x + padding : badge.maxX + padding
        let textWidth = button.width - badgeEdge - 3 * padding
        let role: FontRole = selected ? .bold : .regular
        if block.detailBeside {
            var labelWidth = textWidth
            if let detail = block.detailLines.first {
                let detailWidth = fonts.width(of: detail, role: .regular, size: optionDetailSize)
                labelWidth = textWidth - detailWidth - padding
                let detailBox = PixelRect(x: rightToLeft ? textLeft : textLeft + textWidth - detailWidth, y: button.y, width: detailWidth, height: button.height)
                line(detail, .regular, optionDetailSize, in: detailBox, align: .end, colors)
            }
            let labelBox = PixelRect(x: rightToLeft ? textLeft + textWidth - labelWidth : textLeft, y: button.y, width: labelWidth, height: button.height)
            line(option.label, role, optionLabelSize, in: labelBox, align: .start, colors)
            return
        }
        // Stacked: label lines, then the hint's, centred as a block in the button.
        let labelHeight = lineHeight(.regular, optionLabelSize)
        let detailHeight = lineHeight(.regular, optionDetailSize)
        var y = button.y + (button.height - block.labelLines.count * labelHeight - block.detailLines.count * detailHeight) / 2
        for text in block.labelLines {
            line(text, role, optionLabelSize, in: PixelRect(x: textLeft, y: y, width: textWidth, height: labelHeight), align: .start, colors)
            y += labelHeight
        }
        for text in block.detailLines {
            line(text, .regular, optionDetailSize, in: PixelRect(x: textLeft, y: y, width: textWidth, height: detailHeight), align: .start, colors)
            y += detailHeight
        }
    }

    /// "▲ Vorherige", "2 / 3", "Weitere ▼": the page buttons are touch targets; the one that leads nowhere is drawn
    /// disabled and is none.
    mutating func drawPageRow(_ grid: OptionGrid, page: Int, in row: PixelRect) {
        let size = font(34)
        let buttonWidth = pageButtonWidth(rowWidth: row.width, counterAbove: grid.counterAbove)
        let counter = "\(page + 1) / \(grid.pages.count)"
        var buttons = row
        if grid.counterAbove {
            let strip = PixelRect(x: row.x, y: row.y, width: row.width, height: lineHeight(.bold, size))
            line(counter, .bold, size, in: strip, align: .center, theme.page)
            buttons = PixelRect(x: row.x, y: strip.maxY, width: row.width, height: row.height - strip.height)
        } else {
            line(counter, .bold, size, in: PixelRect(x: row.x + buttonWidth + px(20), y: row.y, width: pageCounterWidth, height: row.height), align: .center, theme.page)
        }
        for next in [false, true] {
            let target = next ? page + 1 : page - 1
            let enabled = grid.pages.indices.contains(target)
            let button = PixelRect(x: next ? buttons.maxX - buttonWidth : buttons.x, y: buttons.y, width: buttonWidth, height: buttons.height)
            let colors = enabled ? theme.option : theme.disabledOption
            frame(button, thickness: px(3), color: theme.frame)
            items.append(.fill(button.inset(by: px(3)), colors.background))
            let inner = button.inset(horizontal: px(16))
            let lines = fonts.wrap(pageLabel(next: next), role: .bold, size: size, width: inner.width)
            let height = lineHeight(.bold, size)
            var y = button.y + (button.height - lines.count * height) / 2
            for text in lines {
                line(text, .bold, size, in: PixelRect(x: inner.x, y: y, width: inner.width, height: height), align: .center, colors)
                y += height
            }
            if enabled { pageTargets[target] = button }
        }
    }
}

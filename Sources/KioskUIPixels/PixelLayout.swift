public import KioskUI

// The pixel layout follows the terminal layout's column flow: title bar, then subtitle, notice, highlight, body,
// entry, preview and options, then the countdown and the footer pinned to the bottom. When space runs short the
// highlight shrinks to a still comfortable size, then the body is cut, then the highlight shrinks further, and the
// preview gives way to a hint; the entry and the options, which are how a citizen moves on, keep their place. In
// landscape the preview stands beside the main column and more than four options stand in two columns.
//
// A right-to-left screen (Screen.rightToLeft, set for Arabic) is laid out left to right and then mirrored as a
// whole: title and running text end up right-aligned, the key badges on the right of their buttons, the footer
// starting from the right, the preview on the left. Only the preview's lines stay left-aligned inside their box,
// as they line up in columns. Glyph order inside a line is the bidi algorithm's business, not the mirror's. On a
// left-to-right screen a single right-to-left line (a language's name in its script) is still right-aligned on
// its own.

/// A screen laid out in pixels: the painting steps plus the geometry input and tests need.
public struct PixelLayout: Sendable {
    /// Painting steps in order, back to front.
    var items: [DrawItem]
    /// Touch target of each option, by index into `Screen.options`.
    public var optionTargets: [PixelRect]
    /// The text entry field, if the screen has one.
    public var entryField: PixelRect?
    /// Touch target of each footer hint, by index into `Screen.footer`.
    public var footerTargets: [PixelRect] = []
    /// Touch target of each display mode's switch in the title bar.
    public var switchTargets: [DisplayMode: PixelRect] = [:]
    /// The on-screen keyboard's keys, when the screen has a text field.
    public var keyTargets: [KeyboardKey] = []

    /// What a touch at (`x`, `y`) hits: an option, a footer hint, a mode switch or a key of the on-screen keyboard;
    /// nil for anything else.
    public func target(atX x: Int, y: Int) -> ScreenTarget? {
        if let index = optionTargets.firstIndex(where: { $0.contains(x: x, y: y) }) { return .option(index) }
        if let index = footerTargets.firstIndex(where: { $0.contains(x: x, y: y) }) { return .footer(index) }
        if let mode = switchTargets.first(where: { $0.value.contains(x: x, y: y) })?.key { return .mode(mode) }
        if let key = keyTargets.first(where: { $0.rect.contains(x: x, y: y) }) { return .key(key.key) }
        return nil
    }
    /// Texts that did not fit whole and were cut (with "…") or lost lines: empty when everything fits.
    public var cutTexts: [String] = []
    /// Every line of text as placed.
    public var texts: [PlacedText] {
        items.compactMap { if case .text(let text) = $0 { text } else { nil } }
    }
}

/// Builds a `PixelLayout`; one value per layout pass.
struct PixelLayoutBuilder {
    enum Alignment {
        /// Left for left-to-right text, right for right-to-left text.
        case start
        case center
        case end
    }

    let screen: Screen
    let options: PixelRendererOptions
    let fonts: FontLibrary
    let theme: PixelTheme
    let scale: Double
    let textScale: Double
    var items: [DrawItem] = []
    var optionTargets: [PixelRect] = []
    var entryField: PixelRect?
    var footerTargets: [PixelRect] = []
    var switchTargets: [DisplayMode: PixelRect] = [:]
    /// Texts that did not fit whole: lines cut with "…", paragraphs with lines dropped.
    var cut: [String] = []
    var keyTargets: [KeyboardKey] = []

    init(screen: Screen, options: PixelRendererOptions, fonts: FontLibrary) {
        self.screen = screen
        self.options = options
        self.fonts = fonts
        self.theme = options.theme
        self.scale = Double(min(options.width, options.height)) / 1080
        self.textScale = options.largeText ? 1.4 : 1
    }

    func px(_ value: Double) -> Int { max(1, Int((value * scale).rounded())) }
    func font(_ value: Double) -> Int { max(8, Int((value * scale * textScale).rounded())) }
    func lineHeight(_ role: FontRole, _ size: Int) -> Int {
        let metrics = fonts.lineMetrics(role: role, size: size)
        return metrics.ascent + metrics.descent + size / 6
    }

    var margin: Int { px(48) }
    var gap: Int { px(32) }

    mutating func build() -> PixelLayout {
        let width = options.width
        let height = options.height
        items.append(.fill(PixelRect(x: 0, y: 0, width: width, height: height), theme.page.background))

        let titleSize = font(56)
        let titleRoom = width - margin - switchesWidth() - margin - (screen.switches.isEmpty ? 0 : gap)
        // The title names the screen: it shrinks down to three quarters, then takes a second line, before it is cut.
        var titleFits = titleSize
        while titleFits > titleSize * 3 / 4 && fonts.width(of: screen.title, role: .bold, size: titleFits) > titleRoom {
            titleFits -= 1
        }
        var titleLines = [screen.title]
        if fonts.width(of: screen.title, role: .bold, size: titleFits) > titleRoom {
            let wrapped = fonts.wrap(screen.title, role: .bold, size: titleFits, width: titleRoom)
            if wrapped.count > 2 { cut.append(screen.title) }
            titleLines = Array(wrapped.prefix(2))
        }
        let titleLineHeight = lineHeight(.bold, titleFits)
        // The title bar holds the display mode switches, so it is at least one touch target high plus a rim.
        let titleBar = PixelRect(
            x: 0, y: 0, width: width,
            height: max(
                titleLines.count * titleLineHeight + px(40),
                screen.switches.isEmpty ? 0 : options.touchTargetPixels + px(24)))
        items.append(.fill(titleBar, theme.titleBar.background))
        drawSwitches(in: titleBar.inset(horizontal: margin))
        let titleTop = (titleBar.height - titleLines.count * titleLineHeight) / 2
        for (index, text) in titleLines.enumerated() {
            line(
                text, .bold, titleFits,
                in: PixelRect(x: margin, y: titleTop + index * titleLineHeight, width: titleRoom, height: titleLineHeight),
                align: .start, theme.titleBar)
        }

        let footerSize = font(30)
        // Footer hints are touch targets too (Zurück is the only way back on some screens): one target high at least.
        let footerHeight = max(lineHeight(.regular, footerSize) + px(36), screen.footer.isEmpty ? 0 : options.touchTargetPixels)
        let footer = PixelRect(x: 0, y: height - footerHeight, width: width, height: footerHeight)
        items.append(.fill(footer, theme.footer.background))
        drawFooter(in: footer.inset(horizontal: margin), size: footerSize)

        var bottom = footer.y
        if let countdown = screen.countdown, !countdown.isEmpty {
            let size = font(36)
            let band = PixelRect(x: 0, y: bottom - lineHeight(.bold, size) - px(24), width: width, height: lineHeight(.bold, size) + px(24))
            items.append(.fill(band, theme.countdown.background))
            line(countdown, .bold, size, in: band.inset(horizontal: margin), align: .center, theme.countdown)
            bottom = band.y
        }

        var content = PixelRect(x: margin, y: titleBar.maxY + gap, width: width - 2 * margin, height: bottom - gap - titleBar.maxY - gap)
        if let entry = screen.entry {
            // The keyboard takes its room first: without it a touch-only terminal cannot fill the field. Portrait:
            // across the bottom, wider than the column's margins allow; landscape: at the right of the column.
            let edge = px(8)
            let size = keyboardSize(for: entry, available: options.isLandscape ? content : PixelRect(x: edge, y: content.y, width: width - 2 * edge, height: content.height))
            let box: PixelRect
            if options.isLandscape {
                box = PixelRect(x: content.maxX - size.width, y: content.maxY - size.height, width: size.width, height: size.height)
                content.width -= size.width + gap
            } else {
                box = PixelRect(x: (width - size.width) / 2, y: content.maxY - size.height, width: size.width, height: size.height)
                content.height -= size.height + gap
            }
            drawKeyboard(for: entry, in: box, pitch: size.pitch, rowPitch: size.rowPitch)
        }
        var asidePlaced = false
        if options.isLandscape, let aside = screen.aside, !aside.isEmpty {
            let size = font(26)
            let widest = aside.map { fonts.width(of: $0, role: .monospaced, size: size) }.max() ?? 0
            let boxWidth = min(widest + 2 * px(24), content.width * 2 / 5)
            let box = PixelRect(x: content.maxX - boxWidth, y: content.y, width: boxWidth, height: content.height)
            drawAside(aside, size: size, in: box, maxHeight: content.height)
            content.width -= boxWidth + gap
            asidePlaced = true
        }
        flow(in: content, asidePlaced: asidePlaced)
        if screen.rightToLeft { mirror() }
        return PixelLayout(
            items: items, optionTargets: optionTargets, entryField: entryField, footerTargets: footerTargets,
            switchTargets: switchTargets, keyTargets: keyTargets, cutTexts: cut)
    }

    /// Whether a line on its own reads right to left; on a mirrored screen every line is laid out as if left to
    /// right, since the mirror turns them all.
    func readsRightToLeft(_ text: String) -> Bool {
        !screen.rightToLeft && BidiRuns.paragraphIsRightToLeft(text)
    }

    /// Mirrors everything around the screen's vertical centre line.
    mutating func mirror() {
        let width = options.width
        func flipped(_ rect: PixelRect) -> PixelRect {
            PixelRect(x: width - rect.maxX, y: rect.y, width: rect.width, height: rect.height)
        }
        items = items.map { item in
            switch item {
            case .fill(let rect, let color):
                return .fill(flipped(rect), color)
            case .text(var text):
                let box = flipped(text.box)
                // Lines that line up in columns keep their place from the left of their box.
                text.x = text.mirrored ? width - (text.x + text.width) : box.x + (text.x - text.box.x)
                text.box = box
                return .text(text)
            }
        }
        optionTargets = optionTargets.map(flipped)
        entryField = entryField.map(flipped)
        footerTargets = footerTargets.map(flipped)
        switchTargets = switchTargets.mapValues(flipped)
        keyTargets = keyTargets.map { key in
            var key = key
            key.rect = flipped(key.rect)
            return key
        }
    }

    // MARK: The main column

    mutating func flow(in column: PixelRect, asidePlaced: Bool) {
        let subtitleSize = font(44)
        let noticeSize = font(36)
        let bodySize = font(36)
        let padding = px(24)

        let subtitleWrapped = screen.subtitle.map { fonts.wrap($0, role: .bold, size: subtitleSize, width: column.width) } ?? []
        if subtitleWrapped.count > 2 { cut.append(screen.subtitle ?? "") }
        let subtitleLines = Array(subtitleWrapped.prefix(2))
        let noticeLines = screen.notice.map {
            limited(fonts.wrap($0.text, role: .bold, size: noticeSize, width: column.width - 2 * padding - px(12)),
                    to: 4, role: .bold, size: noticeSize, width: column.width - 2 * padding - px(12))
        } ?? []
        let optionLayout = optionGrid(width: column.width)
        let entryHeight = screen.entry == nil ? 0 : lineHeight(.regular, font(32)) + lineHeight(.regular, font(48)) + px(32)

        // Fixed blocks first; whatever is left goes to the highlight, the body and the preview, in that order.
        var fixed: [Int] = []
        if !subtitleLines.isEmpty { fixed.append(subtitleLines.count * lineHeight(.bold, subtitleSize)) }
        if !noticeLines.isEmpty { fixed.append(noticeLines.count * lineHeight(.bold, noticeSize) + 2 * padding) }
        if entryHeight > 0 { fixed.append(entryHeight) }
        if optionLayout.height > 0 { fixed.append(optionLayout.height) }
        // Blocks stand `gap` apart, so n fixed blocks use n - 1 gaps and every further block costs one more.
        var room = column.height - fixed.reduce(0, +) - gap * max(0, fixed.count - 1)

        var bodyLines: [String] = []
        for (index, paragraph) in screen.body.enumerated() {
            if index > 0 { bodyLines.append("") }
            bodyLines += fonts.wrap(paragraph, role: .regular, size: bodySize, width: column.width)
        }
        let bodyLineHeight = lineHeight(.regular, bodySize)
        let bodyNeeds = bodyLines.isEmpty ? 0 : bodyLines.count * bodyLineHeight + gap

        var highlightSize = 0
        if let highlight = screen.highlight, !highlight.isEmpty {
            highlightSize = font(options.isLandscape ? 200 : 260)
            // The highlight shrinks first so that the body can stay whole, but stays big enough to read from afar;
            // below that the body is cut instead, and only then the highlight shrinks to its smallest size.
            let comfortable = font(140)
            let smallest = font(96)
            func tooBig(_ limit: Int) -> Bool {
                fonts.width(of: highlight, role: .bold, size: highlightSize) > column.width
                    || lineHeight(.bold, highlightSize) + gap > limit
            }
            while highlightSize > comfortable && tooBig(room - bodyNeeds) {
                highlightSize = max(comfortable, highlightSize * 9 / 10)
            }
            while highlightSize > smallest && tooBig(room - min(bodyNeeds, bodyLineHeight + gap)) {
                highlightSize = max(smallest, highlightSize * 9 / 10)
            }
            room -= lineHeight(.bold, highlightSize) + gap
        }

        var bodyComplete = true
        if !bodyLines.isEmpty {
            let fitting = max(0, min(bodyLines.count, (room - gap) / bodyLineHeight))
            if fitting < bodyLines.count {
                bodyComplete = false
                bodyLines = limited(bodyLines, to: fitting, role: .regular, size: bodySize, width: column.width)
                while bodyLines.last == "" { bodyLines.removeLast() }
            }
            if !bodyLines.isEmpty { room -= bodyLines.count * bodyLineHeight + gap }
        }

        let asideSize = font(26)
        var asideInColumn: [String]? = nil
        var asideHint = false
        if !asidePlaced, let aside = screen.aside, !aside.isEmpty {
            let needed = aside.count * lineHeight(.monospaced, asideSize) + 2 * padding + gap
            if bodyComplete && needed <= room {
                asideInColumn = aside
            } else {
                asideHint = true
            }
        }

        // Paint in screen order.
        var y = column.y
        if !subtitleLines.isEmpty {
            for text in subtitleLines {
                let height = lineHeight(.bold, subtitleSize)
                line(text, .bold, subtitleSize, in: PixelRect(x: column.x, y: y, width: column.width, height: height), align: .start, theme.subtitle)
                y += height
            }
            y += gap
        }
        if let notice = screen.notice, !noticeLines.isEmpty {
            let colors = theme.notice(notice.kind)
            let height = noticeLines.count * lineHeight(.bold, noticeSize) + 2 * padding
            let box = PixelRect(x: column.x, y: y, width: column.width, height: height)
            items.append(.fill(box, colors.background))
            items.append(.fill(PixelRect(x: box.x, y: box.y, width: px(12), height: box.height), colors.foreground))
            var lineTop = box.y + padding
            for text in noticeLines {
                let lineBox = PixelRect(x: box.x + px(12) + padding, y: lineTop, width: box.width - px(12) - 2 * padding, height: lineHeight(.bold, noticeSize))
                line(text, .bold, noticeSize, in: lineBox, align: .start, colors)
                lineTop += lineBox.height
            }
            y += height + gap
        }
        if highlightSize > 0, let highlight = screen.highlight {
            let height = lineHeight(.bold, highlightSize)
            line(highlight, .bold, highlightSize, in: PixelRect(x: column.x, y: y, width: column.width, height: height), align: .center, theme.highlight)
            y += height + gap
        }
        if !bodyLines.isEmpty {
            for text in bodyLines {
                if !text.isEmpty {
                    line(text, .regular, bodySize, in: PixelRect(x: column.x, y: y, width: column.width, height: bodyLineHeight), align: .start, theme.page)
                }
                y += bodyLineHeight
            }
            y += gap
        }
        if let entry = screen.entry {
            drawEntry(entry, at: y, column: column)
            y += entryHeight + gap
        }
        if let aside = asideInColumn {
            let height = aside.count * lineHeight(.monospaced, asideSize) + 2 * padding
            let widest = aside.map { fonts.width(of: $0, role: .monospaced, size: asideSize) }.max() ?? 0
            let boxWidth = min(column.width, widest + 2 * padding)
            drawAside(aside, size: asideSize, in: PixelRect(x: column.x + (column.width - boxWidth) / 2, y: y, width: boxWidth, height: height), maxHeight: height)
            y += height + gap
        } else if asideHint && room >= lineHeight(.regular, font(28)) {
            let height = lineHeight(.regular, font(28))
            line(TerminalRenderer.asideHiddenHint, .regular, font(28), in: PixelRect(x: column.x, y: y, width: column.width, height: height), align: .start, theme.page)
            y += height + gap
        }
        if optionLayout.height > 0 {
            drawOptions(optionLayout, at: max(y, column.y), column: column)
        }
    }

    /// Lines cut to `count`, the last one ending in "…" when lines were dropped.
    mutating func limited(_ lines: [String], to count: Int, role: FontRole, size: Int, width: Int) -> [String] {
        guard lines.count > count else { return lines }
        cut.append(lines.joined(separator: " "))
        guard count > 0 else { return [] }
        var kept = Array(lines.prefix(count))
        kept[count - 1] = fonts.clip(kept[count - 1] + " …", role: role, size: size, width: width)
        return kept
    }

    // MARK: Options

    struct OptionGrid {
        var columns: Int
        var rows: Int
        var buttonWidth: Int
        var buttonHeight: Int
        var spacing: Int
        var height: Int { rows == 0 ? 0 : rows * buttonHeight + (rows - 1) * spacing }
    }

    func optionGrid(width: Int) -> OptionGrid {
        let count = screen.options.count
        let columns = options.isLandscape && count > 4 ? 2 : 1
        let rows = (count + columns - 1) / columns
        let spacing = px(20)
        let buttonHeight = max(options.touchTargetPixels, lineHeight(.regular, font(40)) + px(36))
        let buttonWidth = (width - (columns - 1) * spacing) / columns
        return OptionGrid(columns: columns, rows: rows, buttonWidth: buttonWidth, buttonHeight: buttonHeight, spacing: spacing)
    }

    mutating func drawOptions(_ grid: OptionGrid, at top: Int, column: PixelRect) {
        let labelSize = font(40)
        let detailSize = font(30)
        let padding = px(18)
        for (index, option) in screen.options.enumerated() {
            let gridColumn = index / grid.rows
            let gridRow = index % grid.rows
            let button = PixelRect(
                x: column.x + gridColumn * (grid.buttonWidth + grid.spacing), y: top + gridRow * (grid.buttonHeight + grid.spacing),
                width: grid.buttonWidth, height: grid.buttonHeight)
            optionTargets.append(button)
            let selected = screen.selection == index
            let colors = !option.enabled ? theme.disabledOption : selected ? theme.selectedOption : theme.option
            frame(button, thickness: selected ? px(6) : px(3), color: selected ? theme.selectedOption.background : theme.frame)
            items.append(.fill(button.inset(by: selected ? px(6) : px(3)), colors.background))

            let rightToLeft = readsRightToLeft(option.label)
            let badgeEdge = min(grid.buttonHeight - 2 * padding, px(72))
            let badge = PixelRect(
                x: rightToLeft ? button.maxX - padding - badgeEdge : button.x + padding,
                y: button.y + (button.height - badgeEdge) / 2, width: badgeEdge, height: badgeEdge)
            let keyColors = option.enabled ? theme.optionKey : theme.disabledOption
            items.append(.fill(badge, keyColors.background))
            line(option.key, .bold, font(34), in: badge, align: .center, keyColors)

            let textLeft = rightToLeft ? button.x + padding : badge.maxX + padding
            let textWidth = button.width - badgeEdge - 3 * padding
            var labelWidth = textWidth
            if let detail = option.detail, !detail.isEmpty {
                let detailWidth = min(fonts.width(of: detail, role: .regular, size: detailSize), textWidth / 2)
                labelWidth = textWidth - detailWidth - padding
                let detailBox = PixelRect(
                    x: rightToLeft ? textLeft : textLeft + textWidth - detailWidth, y: button.y, width: detailWidth, height: button.height)
                line(detail, .regular, detailSize, in: detailBox, align: .end, colors)
            }
            let labelBox = PixelRect(
                x: rightToLeft ? textLeft + textWidth - labelWidth : textLeft, y: button.y, width: labelWidth, height: button.height)
            line(option.label, selected ? .bold : .regular, labelSize, in: labelBox, align: .start, colors)
        }
    }

    // MARK: Entry, preview, footer

    mutating func drawEntry(_ entry: TextEntry, at top: Int, column: PixelRect) {
        let labelSize = font(32)
        let textSize = font(48)
        let labelHeight = lineHeight(.regular, labelSize)
        line(entry.label, .regular, labelSize, in: PixelRect(x: column.x, y: top, width: column.width, height: labelHeight), align: .start, theme.page)
        let field = PixelRect(x: column.x, y: top + labelHeight + px(8), width: column.width, height: lineHeight(.regular, textSize) + px(24))
        entryField = field
        frame(field, thickness: px(4), color: theme.frame)
        items.append(.fill(field.inset(by: px(4)), theme.entry.background))
        let inner = field.inset(by: px(4) + px(16))
        let caretWidth = px(6)
        // A text longer than the field shows its end, where the citizen is typing.
        var shown = entry.text
        while !shown.isEmpty && fonts.width(of: shown, role: .regular, size: textSize) > inner.width - caretWidth - px(8) {
            shown.removeFirst()
        }
        let textWidth = line(shown, .regular, textSize, in: PixelRect(x: inner.x, y: field.y, width: inner.width, height: field.height), align: .start, theme.entry)
        let rightToLeft = readsRightToLeft(shown)
        let caretX = rightToLeft ? inner.maxX - textWidth - px(8) - caretWidth : inner.x + textWidth + px(8)
        items.append(.fill(PixelRect(x: caretX, y: inner.y, width: caretWidth, height: inner.height), theme.entry.foreground))
    }

    mutating func drawAside(_ lines: [String], size: Int, in box: PixelRect, maxHeight: Int) {
        let padding = px(24)
        let height = lineHeight(.monospaced, size)
        let visible = max(0, min(lines.count, (maxHeight - 2 * padding) / height))
        let used = PixelRect(x: box.x, y: box.y, width: box.width, height: min(box.height, visible * height + 2 * padding))
        items.append(.fill(used, theme.aside.background))
        frame(used, thickness: px(2), color: theme.frame)
        for index in 0..<visible {
            let cut = index == visible - 1 && visible < lines.count
            let lineBox = PixelRect(x: used.x + padding, y: used.y + padding + index * height, width: used.width - 2 * padding, height: height)
            // The preview lines up in columns, so it is never mirrored: always from the left.
            line(cut ? "…" : lines[index], .monospaced, size, in: lineBox, align: .start, theme.aside, mirror: false)
        }
    }

    mutating func drawFooter(in bar: PixelRect, size wanted: Int) {
        let footerBar = bar
        // Every hint is a way on (Zurück may be the only one): the hints shrink to three quarters before the last
        // one is cut.
        func needed(_ size: Int) -> Int {
            screen.footer.enumerated().reduce(0) { total, element in
                total + (element.offset > 0 ? px(40) : 0) + fonts.width(of: "[\(element.element.key)]", role: .bold, size: size) + px(12)
                    + fonts.width(of: element.element.label, role: .regular, size: size)
            }
        }
        var size = wanted
        while size > wanted * 3 / 4 && needed(size) > bar.width { size -= 1 }
        var x = bar.x
        let spacing = px(40)
        for (index, hint) in screen.footer.enumerated() {
            if index > 0 { x += spacing }
            let key = "[\(hint.key)]"
            let keyWidth = fonts.width(of: key, role: .bold, size: size)
            let labelWidth = fonts.width(of: hint.label, role: .regular, size: size)
            let space = px(12)
            if x + keyWidth + space + labelWidth > bar.maxX {
                // Cut the last hint that starts visibly rather than dropping it without a trace.
                let room = bar.maxX - x
                cut.append(hint.label)
                if room > keyWidth + space {
                    footerTargets.append(PixelRect(x: x, y: footerBar.y, width: room, height: footerBar.height))
                    line(key, .bold, size, in: PixelRect(x: x, y: bar.y, width: keyWidth, height: bar.height), align: .start, theme.footer, mirror: false)
                    line(hint.label, .regular, size, in: PixelRect(x: x + keyWidth + space, y: bar.y, width: room - keyWidth - space, height: bar.height), align: .start, theme.footer, mirror: false)
                }
                break
            }
            footerTargets.append(
                PixelRect(x: x, y: footerBar.y, width: max(options.touchTargetPixels, keyWidth + space + labelWidth), height: footerBar.height))
            line(key, .bold, size, in: PixelRect(x: x, y: bar.y, width: keyWidth, height: bar.height), align: .start, theme.footer, mirror: false)
            x += keyWidth + space
            line(hint.label, .regular, size, in: PixelRect(x: x, y: bar.y, width: labelWidth, height: bar.height), align: .start, theme.footer, mirror: false)
            x += labelWidth
        }
    }

    /// The mode switches at the title bar's end, one touch target high, on the title bar's colours with a frame;
    /// a switched-on mode shows in the selected option's colours. Returns where the leftmost switch begins.
    @discardableResult
    mutating func drawSwitches(in bar: PixelRect) -> Int {
        let size = font(30)
        let padding = px(20)
        let edge = options.touchTargetPixels
        var right = bar.maxX
        for modeSwitch in screen.switches.reversed() {
            let button = PixelRect(
                x: right - switchWidth(modeSwitch), y: bar.y + (bar.height - edge) / 2, width: switchWidth(modeSwitch), height: edge)
            let colors = modeSwitch.isOn ? theme.selectedOption : theme.option
            frame(button, thickness: px(3), color: modeSwitch.isOn ? theme.selectedOption.background : theme.frame)
            items.append(.fill(button.inset(by: px(3)), colors.background))
            line(modeSwitch.label, .bold, size, in: button.inset(horizontal: padding), align: .center, colors, mirror: false)
            switchTargets[modeSwitch.mode] = button
            right = button.x - px(16)
        }
        return right + (screen.switches.isEmpty ? 0 : px(16))
    }

    /// How wide one mode switch is drawn: its label with padding, at least one touch target.
    func switchWidth(_ modeSwitch: ModeSwitch) -> Int {
        max(options.touchTargetPixels, fonts.width(of: modeSwitch.label, role: .bold, size: font(30)) + 2 * px(20))
    }

    /// How much of the title bar's end the mode switches take, gaps included.
    func switchesWidth() -> Int {
        screen.switches.reduce(0) { $0 + switchWidth($1) + px(16) } - (screen.switches.isEmpty ? 0 : px(16))
    }

    // MARK: Primitives

    mutating func frame(_ rect: PixelRect, thickness: Int, color: PixelColor) {
        items.append(.fill(PixelRect(x: rect.x, y: rect.y, width: rect.width, height: thickness), color))
        items.append(.fill(PixelRect(x: rect.x, y: rect.maxY - thickness, width: rect.width, height: thickness), color))
        items.append(.fill(PixelRect(x: rect.x, y: rect.y, width: thickness, height: rect.height), color))
        items.append(.fill(PixelRect(x: rect.maxX - thickness, y: rect.y, width: thickness, height: rect.height), color))
    }

    /// One line of text in a box, cut with "…" when too wide, vertically centred; returns the drawn width.
    @discardableResult
    mutating func line(
        _ text: String, _ role: FontRole, _ size: Int, in box: PixelRect, align: Alignment, _ colors: ColorPair,
        mirror: Bool = true
    ) -> Int {
        guard !text.isEmpty, !box.isEmpty else { return 0 }
        let shown = fonts.clip(text, role: role, size: size, width: box.width)
        let width = fonts.width(of: shown, role: role, size: size)
        let x: Int
        switch align {
        case .center: x = box.x + (box.width - width) / 2
        case .end: x = box.maxX - width
        case .start: x = mirror && readsRightToLeft(shown) ? box.maxX - width : box.x
        }
        let metrics = fonts.lineMetrics(role: role, size: size)
        let baseline = box.y + (box.height + metrics.ascent - metrics.descent) / 2
        items.append(
            .text(
                PlacedText(
                    text: shown, box: box, width: width, x: x, baseline: baseline, colors: colors, role: role, size: size,
                    mirrored: mirror)))
        if shown != text { cut.append(text) }
        return width
    }
}

extension PixelRect {
    func inset(horizontal amount: Int) -> PixelRect {
        PixelRect(x: x + amount, y: y, width: width - 2 * amount, height: height)
    }
}

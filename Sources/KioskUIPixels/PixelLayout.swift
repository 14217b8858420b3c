public import KioskUI

// The pixel layout follows the terminal layout's column flow: title bar, then subtitle, notice, highlight, body,
// entry, preview and options, then the countdown and the footer pinned to the bottom. When space runs short the
// highlight shrinks to its smallest size, the preview gives way to a hint, and the options are shown a page at a
// time; only then is the body cut. The entry and the options, which are how a citizen moves on, keep their place.
// Titles, notices, hints, the countdown and the footer wrap onto more lines instead of being cut. In landscape the
// preview stands beside the main column (unless the body then would be cut) and more than four options stand in
// two columns.
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
    /// Touch target of each option, by index into `Screen.options`; empty for options on another page.
    public var optionTargets: [PixelRect]
    /// The options of each page, by index into `Screen.options`; one page when they all fit.
    public var optionPages: [Range<Int>] = []
    /// Which of `optionPages` is shown.
    public var optionPage = 0
    /// Touch targets of the page buttons, by the page they turn to.
    public var pageTargets: [Int: PixelRect] = [:]
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
        if let page = pageTargets.first(where: { $0.value.contains(x: x, y: y) })?.key { return .page(page) }
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
    /// The page of options asked for (clamped to the pages there are).
    let page: Int
    /// Where the preview and the options go.
    let arrangement: Arrangement
    var items: [DrawItem] = []
    var optionTargets: [PixelRect] = []
    var optionPages: [Range<Int>] = []
    var shownPage = 0
    var pageTargets: [Int: PixelRect] = [:]
    /// Whether the body lost lines.
    var bodyCut = false
    var entryField: PixelRect?
    var footerTargets: [PixelRect] = []
    var switchTargets: [DisplayMode: PixelRect] = [:]
    /// Texts that did not fit whole: lines cut with "…", paragraphs with lines dropped.
    var cut: [String] = []
    var keyTargets: [KeyboardKey] = []

    /// How the main column is shared out.
    enum Arrangement: CaseIterable {
        /// One column top to bottom; in landscape a preview stands beside it.
        case stacked
        /// One column, the preview (if any) in it or given way to a hint.
        case stackedNarrow
        /// Landscape: the texts on the left, the options on the right at full height.
        case optionsBeside
        /// Landscape with a keyboard: the notice above the keyboard, where the column beside it has no room.
        case noticeAboveKeyboard
    }

    /// The layout of `screen` showing options page `page`, in the first arrangement that shows every text whole
    /// with every option on one page; failing that, the first that shows every text whole. Large text that
    /// cannot be shown whole in any arrangement steps down towards the normal size until it can; at the normal
    /// size, the arrangement that cuts least.
    static func layout(_ screen: Screen, options: PixelRendererOptions, fonts: FontLibrary, page: Int) -> PixelLayout {
        var textScale = options.largeText ? largeTextScale : 1
        while true {
            let (layout, cuts) = bestArrangement(screen, options: options, fonts: fonts, page: page, textScale: textScale)
            if cuts == 0 || textScale <= 1 { return layout }
            textScale = max(1, textScale - 0.1)
        }
    }

    /// How much larger large text is.
    static let largeTextScale = 1.4

    static func bestArrangement(
        _ screen: Screen, options: PixelRendererOptions, fonts: FontLibrary, page: Int, textScale: Double
    ) -> (PixelLayout, cuts: Int) {
        var tried: [(layout: PixelLayout, cuts: Int)] = []
        for arrangement in Arrangement.allCases {
            if arrangement == .stackedNarrow && !(options.isLandscape && !(screen.aside ?? []).isEmpty) { continue }
            if arrangement == .optionsBeside && !(options.isLandscape && screen.entry == nil && !screen.options.isEmpty) { continue }
            if arrangement == .noticeAboveKeyboard && !(options.isLandscape && screen.entry != nil && screen.notice != nil) { continue }
            var builder = PixelLayoutBuilder(
                screen: screen, options: options, fonts: fonts, page: page, arrangement: arrangement, textScale: textScale)
            let layout = builder.build()
            let cuts = builder.textCuts
            if cuts == 0 && layout.optionPages.count <= 1 { return (layout, 0) }
            tried.append((layout, cuts))
        }
        if let whole = tried.first(where: { $0.cuts == 0 }) { return (whole.layout, 0) }
        let least = tried.min { $0.cuts < $1.cuts }!
        return (least.layout, least.cuts)
    }

    var asidePlaced = false
    /// Where the notice goes when not in the column (`noticeAboveKeyboard`).
    var noticeBox: PixelRect?

    /// Cut texts that count: the print preview's lines may be cut by design (it is a picture of the paper).
    var textCuts: Int { cut.filter { !(screen.aside ?? []).contains($0) }.count }

    init(
        screen: Screen, options: PixelRendererOptions, fonts: FontLibrary, page: Int, arrangement: Arrangement,
        textScale: Double? = nil
    ) {
        self.screen = screen
        self.options = options
        self.fonts = fonts
        self.page = page
        self.arrangement = arrangement
        self.theme = options.theme
        self.scale = Double(min(options.width, options.height)) / 1080
        self.textScale = textScale ?? (options.largeText ? Self.largeTextScale : 1)
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

        // The title names the screen: it shrinks down to three quarters, then takes a second line beside the mode
        // switches; where two lines are not enough it gets the whole width and the switches a row under it.
        let besideRoom = width - margin - switchesWidth() - margin - (screen.switches.isEmpty ? 0 : gap)
        var title = titleLines(room: besideRoom, maxLines: 2)
        let switchesBelow = title == nil && !screen.switches.isEmpty
        let titleRoom = switchesBelow ? width - 2 * margin : besideRoom
        if title == nil { title = titleLines(room: titleRoom, maxLines: 3) }
        let titleLines: [String]
        let titleFits: Int
        if let title {
            (titleLines, titleFits) = title
        } else {
            titleFits = smallestTitleSize
            titleLines = Array(fonts.wrap(screen.title, role: .bold, size: titleFits, width: titleRoom).prefix(3))
            cut.append(screen.title)
        }
        let titleLineHeight = lineHeight(.bold, titleFits)
        let switchRow = screen.switches.isEmpty ? 0 : options.touchTargetPixels + px(24)
        // The title bar holds the display mode switches, so it is at least one touch target high plus a rim.
        let titleBar = PixelRect(
            x: 0, y: 0, width: width,
            height: switchesBelow ? titleLines.count * titleLineHeight + px(40) + switchRow : max(titleLines.count * titleLineHeight + px(40), switchRow))
        items.append(.fill(titleBar, theme.titleBar.background))
        let titleText = switchesBelow ? PixelRect(x: 0, y: 0, width: width, height: titleBar.height - switchRow) : titleBar
        drawSwitches(in: switchesBelow ? PixelRect(x: margin, y: titleText.maxY - px(12), width: width - 2 * margin, height: switchRow) : titleBar.inset(horizontal: margin))
        let titleTop = (titleText.height - titleLines.count * titleLineHeight) / 2
        for (index, text) in titleLines.enumerated() {
            line(
                text, .bold, titleFits,
                in: PixelRect(x: margin, y: titleTop + index * titleLineHeight, width: titleRoom, height: titleLineHeight),
                align: .start, theme.titleBar)
        }

        let footerSize = font(30)
        let footerRows = self.footerRows(width: width - 2 * margin, size: footerSize)
        // Footer hints are touch targets too (Zurück is the only way back on some screens): one target high at least.
        let footerRowHeight = max(lineHeight(.regular, footerRows.size) + px(36), screen.footer.isEmpty ? 0 : options.touchTargetPixels)
        let footerHeight = footerRowHeight * max(1, footerRows.rows.count)
        let footer = PixelRect(x: 0, y: height - footerHeight, width: width, height: footerHeight)
        items.append(.fill(footer, theme.footer.background))
        for (index, row) in footerRows.rows.enumerated() {
            drawFooter(row, in: PixelRect(x: margin, y: footer.y + index * footerRowHeight, width: width - 2 * margin, height: footerRowHeight), size: footerRows.size)
        }

        var bottom = footer.y
        if let countdown = screen.countdown, !countdown.isEmpty {
            let size = font(36)
            let lines = wrapped(countdown, .bold, size, width: width - 2 * margin, maxLines: 2)
            let lineHeight = lineHeight(.bold, size)
            let band = PixelRect(x: 0, y: bottom - lines.count * lineHeight - px(24), width: width, height: lines.count * lineHeight + px(24))
            items.append(.fill(band, theme.countdown.background))
            for (index, text) in lines.enumerated() {
                line(text, .bold, size, in: PixelRect(x: margin, y: band.y + px(12) + index * lineHeight, width: width - 2 * margin, height: lineHeight), align: .center, theme.countdown)
            }
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
                if arrangement == .noticeAboveKeyboard {
                    noticeBox = PixelRect(x: box.x, y: content.y, width: box.width, height: box.y - gap - content.y)
                }
                content.width -= size.width + gap
            } else {
                box = PixelRect(x: (width - size.width) / 2, y: content.maxY - size.height, width: size.width, height: size.height)
                content.height -= size.height + gap
            }
            drawKeyboard(for: entry, in: box, pitch: size.pitch, rowPitch: size.rowPitch)
        }
        if options.isLandscape && arrangement == .stacked, let aside = screen.aside, !aside.isEmpty {
            let size = font(26)
            let widest = aside.map { fonts.width(of: $0, role: .monospaced, size: size) }.max() ?? 0
            let boxWidth = min(widest + 2 * px(24), content.width * 2 / 5)
            let box = PixelRect(x: content.maxX - boxWidth, y: content.y, width: boxWidth, height: content.height)
            drawAside(aside, size: size, in: box, maxHeight: content.height)
            content.width -= boxWidth + gap
            asidePlaced = true
        }
        var optionsColumn: PixelRect? = nil
        if arrangement == .optionsBeside {
            let optionsWidth = content.width * 9 / 20
            optionsColumn = PixelRect(x: content.maxX - optionsWidth, y: content.y, width: optionsWidth, height: content.height)
            content.width -= optionsWidth + gap
        }
        flow(in: content, optionsColumn: optionsColumn)
        if screen.rightToLeft { mirror() }
        return PixelLayout(
            items: items, optionTargets: optionTargets, optionPages: optionPages, optionPage: shownPage, pageTargets: pageTargets,
            entryField: entryField, footerTargets: footerTargets, switchTargets: switchTargets, keyTargets: keyTargets, cutTexts: cut)
    }

    var smallestTitleSize: Int { font(56) * 3 / 4 }

    /// The title at the largest size down to three quarters that fits `room` on one line, else wrapped at three
    /// quarters into at most `maxLines`; nil when it needs more.
    func titleLines(room: Int, maxLines: Int) -> (lines: [String], size: Int)? {
        var size = font(56)
        while size > smallestTitleSize && fonts.width(of: screen.title, role: .bold, size: size) > room { size -= 1 }
        if fonts.width(of: screen.title, role: .bold, size: size) <= room { return ([screen.title], size) }
        // A word wider than the room would be broken between letters ("Wahlraum / suche"): not a fit either.
        let wordFits = screen.title.split(separator: " ").allSatisfy { fonts.width(of: String($0), role: .bold, size: size) <= room }
        let lines = fonts.wrap(screen.title, role: .bold, size: size, width: room)
        return lines.count <= maxLines && wordFits ? (lines, size) : nil
    }

    /// `text` wrapped into at most `maxLines` lines, the last one cut with "…" when it needs more.
    mutating func wrapped(_ text: String, _ role: FontRole, _ size: Int, width: Int, maxLines: Int) -> [String] {
        limited(fonts.wrap(text, role: role, size: size, width: width), to: maxLines, role: role, size: size, width: width)
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
        optionTargets = optionTargets.map { $0.isEmpty ? $0 : flipped($0) }
        pageTargets = pageTargets.mapValues(flipped)
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

    /// Lays out the main column; the options go into `optionsColumn` when there is one, else under the texts.
    mutating func flow(in column: PixelRect, optionsColumn: PixelRect?) {
        let subtitleSize = font(44)
        let noticeSize = font(36)
        let padding = px(24)

        let subtitleLines = screen.subtitle.map { fonts.wrap($0, role: .bold, size: subtitleSize, width: column.width) } ?? []
        let noticeColumn = noticeBox ?? column
        let noticeLines = screen.notice.map { fonts.wrap($0.text, role: .bold, size: noticeSize, width: noticeColumn.width - 2 * padding - px(12)) } ?? []
        let noticeHeight = noticeLines.isEmpty ? 0 : noticeLines.count * lineHeight(.bold, noticeSize) + 2 * padding
        if let noticeBox, noticeHeight > noticeBox.height { cut.append(screen.notice?.text ?? "") }
        let entryLabelLines = screen.entry.map { wrapped($0.label, .regular, font(32), width: column.width, maxLines: 2) } ?? []
        let entryHeight = screen.entry == nil ? 0 : entryLabelLines.count * lineHeight(.regular, font(32)) + lineHeight(.regular, font(48)) + px(32)

        // Fixed blocks first; whatever is left goes to the options, the highlight, the body and the preview.
        var fixed: [Int] = []
        if !subtitleLines.isEmpty { fixed.append(subtitleLines.count * lineHeight(.bold, subtitleSize)) }
        if !noticeLines.isEmpty && noticeBox == nil { fixed.append(noticeHeight) }
        if entryHeight > 0 { fixed.append(entryHeight) }
        // Blocks stand `gap` apart, so n fixed blocks use n - 1 gaps and every further block costs one more.
        var room = column.height - fixed.reduce(0, +) - gap * max(0, fixed.count - 1)
        let firstBlockGap = fixed.isEmpty ? 0 : gap

        let highlight = screen.highlight.flatMap { $0.isEmpty ? nil : $0 }
        let smallestHighlight = font(96)
        let highlightLeast = highlight == nil ? 0 : lineHeight(.bold, smallestHighlight) + gap
        var optionGrid = optionGrid(width: optionsColumn?.width ?? column.width, columns: optionsColumn == nil ? nil : 1)
        // The least the options take in the column: their tallest button and the page row.
        var optionsLeast = 0
        if optionsColumn == nil, let tallest = optionGrid.blocks.map(\.height).max() {
            optionsLeast = firstBlockGap + (screen.options.count > 1 ? min(optionGrid.height, tallest + optionGrid.spacing + pageRow(width: column.width).height) : tallest)
        }

        // The body shrinks down to three quarters of its size before it is cut, as titles and the footer do.
        var bodySize = font(36)
        func wrapBody(at size: Int) -> [String] {
            var lines: [String] = []
            for (index, paragraph) in screen.body.enumerated() {
                if index > 0 { lines.append("") }
                lines += fonts.wrap(paragraph, role: .regular, size: size, width: column.width)
            }
            return lines
        }
        var bodyLines = wrapBody(at: bodySize)
        while bodySize > font(36) * 3 / 4 && !bodyLines.isEmpty
            && bodyLines.count * lineHeight(.regular, bodySize) + gap + highlightLeast + optionsLeast > room
        {
            bodySize -= 2
            bodyLines = wrapBody(at: bodySize)
        }
        let bodyLineHeight = lineHeight(.regular, bodySize)
        let bodyNeeds = bodyLines.isEmpty ? 0 : bodyLines.count * bodyLineHeight + gap

        // The options come first of what is left, whole if the body and the smallest highlight still fit beside
        // them, else a page at a time in the room those leave (one option and the page row at the least).
        if optionGrid.height > 0 {
            if let optionsColumn {
                optionGrid = paged(optionGrid, room: optionsColumn.height)
            } else {
                let optionRoom = max(room - firstBlockGap - bodyNeeds - highlightLeast, optionGrid.blocks.map(\.height).max() ?? 0)
                optionGrid = paged(optionGrid, room: optionRoom)
                room -= optionGrid.height + firstBlockGap
            }
            optionPages = optionGrid.pages
            shownPage = min(max(0, page), optionPages.count - 1)
        }

        var highlightSize = 0
        if let highlight {
            highlightSize = font(options.isLandscape ? 200 : 260)
            // The highlight shrinks first so that the body can stay whole, but stays big enough to read from afar;
            // below that the body is cut instead, and only then the highlight shrinks to its smallest size.
            let comfortable = font(140)
            func tooBig(_ limit: Int) -> Bool {
                fonts.width(of: highlight, role: .bold, size: highlightSize) > column.width
                    || lineHeight(.bold, highlightSize) + gap > limit
            }
            while highlightSize > comfortable && tooBig(room - bodyNeeds) {
                highlightSize = max(comfortable, highlightSize * 9 / 10)
            }
            while highlightSize > smallestHighlight && tooBig(room - min(bodyNeeds, bodyLineHeight + gap)) {
                highlightSize = max(smallestHighlight, highlightSize * 9 / 10)
            }
            room -= lineHeight(.bold, highlightSize) + gap
        }

        if !bodyLines.isEmpty {
            let fitting = max(0, min(bodyLines.count, (room - gap) / bodyLineHeight))
            if fitting < bodyLines.count {
                bodyCut = true
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
            if !bodyCut && needed <= room {
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
            let height = noticeHeight
            let box = PixelRect(x: noticeColumn.x, y: noticeBox?.y ?? y, width: noticeColumn.width, height: height)
            items.append(.fill(box, colors.background))
            items.append(.fill(PixelRect(x: box.x, y: box.y, width: px(12), height: box.height), colors.foreground))
            var lineTop = box.y + padding
            for text in noticeLines {
                let lineBox = PixelRect(x: box.x + px(12) + padding, y: lineTop, width: box.width - px(12) - 2 * padding, height: lineHeight(.bold, noticeSize))
                line(text, .bold, noticeSize, in: lineBox, align: .start, colors)
                lineTop += lineBox.height
            }
            if noticeBox == nil { y += height + gap }
        }
        if highlightSize > 0, let highlight {
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
            drawEntry(entry, labelLines: entryLabelLines, at: y, column: column)
            y += entryHeight + gap
        }
        if let aside = asideInColumn {
            let height = aside.count * lineHeight(.monospaced, asideSize) + 2 * padding
            let widest = aside.map { fonts.width(of: $0, role: .monospaced, size: asideSize) }.max() ?? 0
            let boxWidth = min(column.width, widest + 2 * padding)
            drawAside(aside, size: asideSize, in: PixelRect(x: column.x + (column.width - boxWidth) / 2, y: y, width: boxWidth, height: height), maxHeight: height)
            y += height + gap
        } else if asideHint {
            // The hint is told in as many lines as there is room for; where none is left it is not shown.
            let height = lineHeight(.regular, font(28))
            let lines = fonts.wrap(TerminalRenderer.asideHiddenHint, role: .regular, size: font(28), width: column.width)
            if room >= lines.count * height {
                for text in lines {
                    line(text, .regular, font(28), in: PixelRect(x: column.x, y: y, width: column.width, height: height), align: .start, theme.page)
                    y += height
                }
                y += gap
            }
        }
        if optionGrid.height > 0 {
            if let optionsColumn {
                drawOptions(optionGrid, page: shownPage, at: optionsColumn.y, column: optionsColumn)
            } else {
                drawOptions(optionGrid, page: shownPage, at: max(y, column.y), column: column)
            }
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

    // MARK: Entry, preview, footer

    mutating func drawEntry(_ entry: TextEntry, labelLines: [String], at top: Int, column: PixelRect) {
        let labelSize = font(32)
        let textSize = font(48)
        let labelHeight = lineHeight(.regular, labelSize)
        for (index, text) in labelLines.enumerated() {
            line(text, .regular, labelSize, in: PixelRect(x: column.x, y: top + index * labelHeight, width: column.width, height: labelHeight), align: .start, theme.page)
        }
        let field = PixelRect(
            x: column.x, y: top + labelLines.count * labelHeight + px(8), width: column.width, height: lineHeight(.regular, textSize) + px(24))
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

    /// The footer's hints in rows and the size they are drawn at: one row, shrunk to three quarters where that
    /// helps; else as many rows as the hints need at full size (every hint is a way on, Zurück may be the only one).
    func footerRows(width: Int, size wanted: Int) -> (rows: [[FooterHint]], size: Int) {
        func needed(_ hints: [FooterHint], _ size: Int) -> Int {
            hints.enumerated().reduce(0) { total, element in
                total + (element.offset > 0 ? px(40) : 0) + fonts.width(of: "[\(element.element.key)]", role: .bold, size: size) + px(12)
                    + fonts.width(of: element.element.label, role: .regular, size: size)
            }
        }
        var size = wanted
        while size > wanted * 3 / 4 && needed(screen.footer, size) > width { size -= 1 }
        if needed(screen.footer, size) <= width { return ([screen.footer], size) }
        var rows: [[FooterHint]] = [[]]
        for hint in screen.footer {
            if !rows[rows.count - 1].isEmpty && needed(rows[rows.count - 1] + [hint], wanted) > width { rows.append([]) }
            rows[rows.count - 1].append(hint)
        }
        return (rows, wanted)
    }

    /// One row of footer hints; a hint wider than the whole row is cut.
    mutating func drawFooter(_ hints: [FooterHint], in bar: PixelRect, size: Int) {
        var x = bar.x
        let spacing = px(40)
        for (index, hint) in hints.enumerated() {
            if index > 0 { x += spacing }
            let key = "[\(hint.key)]"
            let keyWidth = fonts.width(of: key, role: .bold, size: size)
            let space = px(12)
            let labelWidth = min(fonts.width(of: hint.label, role: .regular, size: size), bar.maxX - x - keyWidth - space)
            // Rows are drawn in the footer's order, so the targets stay indexed like `Screen.footer`.
            footerTargets.append(PixelRect(x: x, y: bar.y, width: max(options.touchTargetPixels, keyWidth + space + labelWidth), height: bar.height))
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
            // Switched on, it takes the selected colours and a light rim: on the title bar (the same dark colour) it
            // still reads as a button that is pressed.
            frame(button, thickness: modeSwitch.isOn ? px(6) : px(3), color: modeSwitch.isOn ? theme.option.background : theme.frame)
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

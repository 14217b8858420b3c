public import KioskUI

/// Renders screens to a `PixelSurface`, redrawing only what changed since the last frame.
///
/// Holds the fonts and the last frame, so it has one owner (the display loop); not `Sendable` for that reason.
public final class PixelRenderer {
    /// Size, density and accessibility modes.
    public private(set) var options: PixelRendererOptions
    /// The current frame.
    public private(set) var surface: PixelSurface
    private let fonts: FontLibrary
    private var lastItems: [DrawItem] = []

    /// Above this share of the screen, one full redraw is cheaper than many rectangles.
    static let fullRedrawShare = 0.6
    /// Rectangles closer than this are merged, so a changed line does not become one rectangle per glyph.
    static let mergeDistance = 16

    /// Creates a renderer with a blank frame in the page colour.
    public init(options: PixelRendererOptions, fonts: FontLibrary) {
        self.options = options
        self.fonts = fonts
        self.surface = PixelSurface(width: options.width, height: options.height, color: options.theme.page.background)
    }

    /// Switches high contrast, large text or the size; the next `render` then redraws everything.
    public func update(options: PixelRendererOptions) {
        guard options != self.options else { return }
        self.options = options
        if surface.width != options.width || surface.height != options.height {
            surface = PixelSurface(width: options.width, height: options.height, color: options.theme.page.background)
        }
        lastItems = []
    }

    /// The screen laid out with the current options, showing options page `page`, without painting.
    public func layout(_ screen: Screen, page: Int = 0) -> PixelLayout {
        PixelLayoutBuilder.layout(screen, options: options, fonts: fonts, page: page)
    }

    /// The screen laid out on every page of its options (one layout when they all fit).
    public func pages(of screen: Screen) -> [PixelLayout] {
        let first = layout(screen)
        return [first] + (1..<max(1, first.optionPages.count)).map { layout(screen, page: $0) }
    }

    /// Draws the screen and returns the rectangles that changed, for the output to copy; empty when nothing did.
    @discardableResult
    public func render(_ screen: Screen, page: Int = 0) -> [PixelRect] {
        render(layout(screen, page: page))
    }

    /// Draws a layout made by `layout(_:page:)` with the current options.
    @discardableResult
    public func render(_ layout: PixelLayout) -> [PixelRect] {
        let items = layout.items
        let dirty = lastItems.isEmpty ? [surface.bounds] : Self.changedRegions(from: lastItems, to: items, bounds: surface.bounds)
        for region in dirty {
            paint(items, clip: region)
        }
        lastItems = items
        return dirty
    }

    /// Draws the screen and hands the changed rectangles of the new frame to the display.
    ///
    /// Prefer this to `display.present(renderer.surface, changed: renderer.render(screen))`, which reads the
    /// surface before rendering (arguments are evaluated left to right) and so presents the previous frame.
    public func render(_ screen: Screen, to display: any PixelDisplay) throws(FramebufferError) {
        let changed = render(screen)
        try display.present(surface, changed: changed)
    }

    /// Paints every item that touches `clip`, back to front, and nothing outside it.
    private func paint(_ items: [DrawItem], clip: PixelRect) {
        for item in items where item.bounds.intersects(clip) {
            switch item {
            case .fill(let rect, let color):
                surface.fill(rect, color: color, clip: clip)
            case .text(let text):
                fonts.draw(
                    text.text, role: text.role, size: text.size, x: text.x, baseline: text.baseline,
                    color: text.colors.foreground, into: &surface, clip: text.box.intersection(clip))
            }
        }
    }

    /// The areas of items that appeared or disappeared between two frames, merged into few rectangles.
    static func changedRegions(from old: [DrawItem], to new: [DrawItem], bounds: PixelRect) -> [PixelRect] {
        let oldSet = Set(old)
        let newSet = Set(new)
        var rects: [PixelRect] = []
        for item in old where !newSet.contains(item) { rects.append(item.bounds.intersection(bounds)) }
        for item in new where !oldSet.contains(item) { rects.append(item.bounds.intersection(bounds)) }
        rects.removeAll(where: \.isEmpty)
        let merged = merge(rects)
        let area = merged.reduce(0) { $0 + $1.area }
        if Double(area) > Double(bounds.area) * fullRedrawShare { return [bounds] }
        return merged
    }

    /// Rectangles that overlap or nearly touch joined until none do.
    static func merge(_ input: [PixelRect]) -> [PixelRect] {
        var rects = input
        var changed = true
        while changed {
            changed = false
            outer: for i in rects.indices {
                for j in rects.indices where j > i {
                    let grown = rects[i].inset(by: -mergeDistance)
                    if grown.intersects(rects[j]) {
                        rects[i] = rects[i].union(rects[j])
                        rects.remove(at: j)
                        changed = true
                        break outer
                    }
                }
            }
        }
        return rects
    }
}

@available(*, unavailable)
extension PixelRenderer: Sendable {}

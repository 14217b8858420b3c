public import KioskUI

/// The pixel renderer as the kiosk loop's output: lays out and paints each screen, hands the frame to the display
/// (framebuffer or PNG file), and answers what a touch hits.
///
/// An actor because the renderer and its fonts have one owner; it creates them itself, and only on the first
/// frame, so that a kioskd configured for the terminal never loads FreeType's fonts.
public actor PixelScreenOutput: ScreenOutput {
    private let base: PixelRendererOptions
    private let fontFiles: FontFiles
    private let openDisplay: @Sendable () throws -> (any PixelDisplay)?
    private let onProblem: @Sendable (String) -> Void
    private var renderer: PixelRenderer?
    private var display: (any PixelDisplay)?
    private var layout: PixelLayout?
    private var shown: Screen?
    /// The page of options shown; a new screen starts on the first, a moved focus shows its own page.
    private var page = 0

    /// Creates the output; `openDisplay` runs on the first frame (nil: render without showing, for screenshots);
    /// `onProblem` hears of fonts or a display that failed, in words for the technician's log.
    public init(
        options: PixelRendererOptions, fonts: FontFiles = .debian,
        openDisplay: @escaping @Sendable () throws -> (any PixelDisplay)? = { nil },
        onProblem: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.base = options
        self.fontFiles = fonts
        self.openDisplay = openDisplay
        self.onProblem = onProblem
    }

    /// The options a screen is drawn with: the configured size and density, the screen's display modes.
    public func options(for screen: Screen) -> PixelRendererOptions {
        var options = base
        options.highContrast = screen.isOn(.highContrast)
        options.largeText = screen.isOn(.largeText)
        return options
    }

    /// Draws the screen and shows what changed.
    public func show(_ screen: Screen) async {
        guard let renderer = prepared() else { return }
        renderer.update(options: options(for: screen))
        if shown?.id != screen.id { page = 0 }
        var laidOut = renderer.layout(screen, page: page)
        if let selection = screen.selection, selection != shown?.selection,
            let selectionPage = laidOut.optionPages.firstIndex(where: { $0.contains(selection) }), selectionPage != laidOut.optionPage
        {
            laidOut = renderer.layout(screen, page: selectionPage)
        }
        page = laidOut.optionPage
        let changed = renderer.render(laidOut)
        layout = laidOut
        shown = screen
        guard let display else { return }
        do {
            try display.present(renderer.surface, changed: changed)
        } catch {
            onProblem("\(error)")
        }
    }

    /// What a touch hits on the screen shown last. A page button turns the options' page here and answers nil:
    /// paging is the layout's business, the session never sees it.
    public func target(atX x: Int, y: Int) async -> ScreenTarget? {
        let target = layout?.target(atX: x, y: y)
        if case .page(let turned) = target, let shown {
            page = turned
            await show(shown)
            return nil
        }
        return target
    }

    /// The page of options shown, of how many.
    public var optionPage: (page: Int, of: Int) { (layout?.optionPage ?? 0, max(1, layout?.optionPages.count ?? 1)) }

    /// The current frame as PNG bytes; nil before the first frame or without fonts.
    public func png() -> [UInt8]? {
        guard shown != nil, let renderer else { return nil }
        return renderer.surface.pngBytes()
    }

    /// The frame's size in pixels.
    public var size: (width: Int, height: Int) { (base.width, base.height) }

    private func prepared() -> PixelRenderer? {
        if let renderer { return renderer }
        do {
            let fonts = try FontLibrary(files: fontFiles)
            do {
                display = try openDisplay()
            } catch {
                onProblem("\(error)")
            }
            let created = PixelRenderer(options: base, fonts: fonts)
            renderer = created
            return created
        } catch {
            onProblem("\(error)")
            return nil
        }
    }
}

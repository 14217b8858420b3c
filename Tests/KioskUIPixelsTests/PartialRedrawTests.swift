import KioskUI
import KioskUIPixels
import KioskUITesting
import Testing

/// Redrawing only what changed gives exactly the pixels of a full redraw, and touches little.
@Suite struct PartialRedrawTests {
    static var sequences: [(Screen, Screen)] {
        var tick = ScreenFixtures.ticketIssued
        tick.countdown = "Zurück zum Start in 9 s"
        var moved = ScreenFixtures.home
        moved.selection = 3
        var typed = ScreenFixtures.polling
        typed.entry?.text += "a"
        return [
            (ScreenFixtures.ticketIssued, tick), (ScreenFixtures.home, moved), (ScreenFixtures.polling, typed),
            (ScreenFixtures.home, ScreenFixtures.ticketIssued), (ScreenFixtures.languages, ScreenFixtures.error),
        ]
    }

    @Test(arguments: [PixelRendererOptions.portrait, .landscape])
    func partialRedrawEqualsFullRedraw(options: PixelRendererOptions) throws {
        let fonts = try openFonts()
        for (first, second) in Self.sequences {
            let incremental = PixelRenderer(options: options, fonts: fonts)
            incremental.render(first)
            incremental.render(second)
            let fresh = PixelRenderer(options: options, fonts: fonts)
            fresh.render(second)
            #expect(incremental.surface == fresh.surface, "\(first.id) → \(second.id) differs from a full redraw")
        }
    }

    @Test func countdownTickRedrawsOnlyTheCountdownBand() throws {
        let renderer = PixelRenderer(options: .portrait, fonts: try openFonts())
        let first = renderer.render(ScreenFixtures.ticketIssued)
        #expect(first == [PixelRect(x: 0, y: 0, width: 1080, height: 1920)], "the first frame is drawn whole")
        var next = ScreenFixtures.ticketIssued
        next.countdown = "Zurück zum Start in 9 s"
        let changed = renderer.render(next)
        #expect(!changed.isEmpty)
        let band = try #require(renderer.layout(next).texts.first { $0.text == next.countdown })
        for rect in changed {
            #expect(band.box.contains(rect), "\(rect) lies outside the countdown line \(band.box)")
        }
        #expect(renderer.render(next).isEmpty, "an unchanged screen redraws nothing")
    }

    @Test func selectionChangeRedrawsTwoButtons() throws {
        let renderer = PixelRenderer(options: .portrait, fonts: try openFonts())
        renderer.render(ScreenFixtures.home)
        var next = ScreenFixtures.home
        next.selection = 3
        let changed = renderer.render(next)
        let targets = renderer.layout(next).optionTargets
        let area = changed.reduce(0) { $0 + $1.area }
        #expect(area <= targets[2].area + targets[3].area + 2 * 16 * (targets[2].width + targets[2].height) * 2)
        #expect(changed.allSatisfy { $0.intersects(targets[2]) || $0.intersects(targets[3]) })
    }

    @Test func switchingModesRedrawsEverything() throws {
        let renderer = PixelRenderer(options: .portrait, fonts: try openFonts())
        renderer.render(ScreenFixtures.home)
        var options = PixelRendererOptions.portrait
        options.highContrast = true
        renderer.update(options: options)
        #expect(renderer.render(ScreenFixtures.home) == [PixelRect(x: 0, y: 0, width: 1080, height: 1920)])
        #expect(renderer.surface[2, 1000] == PixelColor(hex: 0x000000))
    }
}

/// Records what a display was given, to check what `render(_:to:)` hands on.
final class RecordingDisplay: PixelDisplay {
    let width = 1080
    let height = 1920
    var frames: [(PixelSurface, [PixelRect])] = []

    func present(_ surface: PixelSurface, changed: [PixelRect]) throws(FramebufferError) {
        frames.append((surface, changed))
    }
}

@Test func renderToDisplayPresentsTheNewFrame() throws {
    let renderer = PixelRenderer(options: .portrait, fonts: try openFonts())
    let display = RecordingDisplay()
    try renderer.render(ScreenFixtures.home, to: display)
    try renderer.render(ScreenFixtures.ticketIssued, to: display)
    let fresh = PixelRenderer(options: .portrait, fonts: try openFonts())
    fresh.render(ScreenFixtures.ticketIssued)
    #expect(display.frames.count == 2)
    #expect(display.frames.last?.0 == fresh.surface, "the display gets the frame just rendered, not the one before")
}

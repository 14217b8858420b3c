@testable import KioskUIPixels
import KioskUI
import KioskUITesting
import Testing

/// Geometry: touch targets, text inside its boxes, the two modes, right-to-left placement.
@Suite struct LayoutTests {
    @Test(arguments: allOptions)
    func optionButtonsAreAtLeastTwentyMillimetresAndApart(options: PixelRendererOptions) throws {
        let fonts = try openFonts()
        for dotsPerInch in [96.0, 102, 160] {
            var options = options
            options.dotsPerInch = dotsPerInch
            let minimum = 20 / 25.4 * dotsPerInch
            let renderer = PixelRenderer(options: options, fonts: fonts)
            for screen in ScreenFixtures.all {
              for layout in renderer.pages(of: screen) {
                #expect(layout.optionTargets.count == screen.options.count)
                let targets = layout.shownOptionTargets.map(\.rect) + layout.pageTargets.values
                let screenRect = PixelRect(x: 0, y: 0, width: options.width, height: options.height)
                for (index, target) in targets.enumerated() {
                    #expect(Double(target.height) >= minimum && Double(target.width) >= minimum, "\(screen.id) option \(index) is \(target) at \(dotsPerInch) dpi")
                    #expect(screenRect.contains(target), "\(screen.id) option \(index) \(target) leaves the screen in \(options.name)")
                    for other in targets[(index + 1)...] {
                        #expect(!target.intersects(other), "\(screen.id): options overlap")
                    }
                }
              }
            }
        }
    }

    @Test(arguments: allOptions)
    func everyLineStaysInsideItsBoxAndTheScreen(options: PixelRendererOptions) throws {
        let renderer = PixelRenderer(options: options, fonts: try openFonts())
        let screenRect = PixelRect(x: 0, y: 0, width: options.width, height: options.height)
        for screen in ScreenFixtures.all + ScreenFixtures.translatedHomes {
          for layout in renderer.pages(of: screen) {
            for text in layout.texts {
                #expect(text.x >= text.box.x && text.x + text.width <= text.box.maxX, "\"\(text.text)\" overflows \(text.box) in \(screen.id) \(options.name)")
                #expect(screenRect.contains(text.box), "\"\(text.text)\" box \(text.box) leaves the screen in \(screen.id) \(options.name)")
            }
            // The blocks of the main column do not run into the countdown or the footer.
            let footerTop = layout.items.compactMap { item -> Int? in
                if case .fill(let rect, let color) = item, color == options.theme.footer.background, rect.maxY == options.height { rect.y } else { nil }
            }.first ?? options.height
            for target in layout.shownOptionTargets.map(\.rect) + layout.pageTargets.values {
                #expect(target.maxY <= footerTop, "\(screen.id) options run into the footer in \(options.name)")
            }
          }
        }
    }

    @Test func largeTextDrawsLargerGlyphsAndStillShowsEveryOption() throws {
        let fonts = try openFonts()
        for base in [PixelRendererOptions.portrait, .landscape] {
            var large = base
            large.largeText = true
            let normal = PixelRenderer(options: base, fonts: fonts).layout(ScreenFixtures.home)
            let big = PixelRenderer(options: large, fonts: fonts).layout(ScreenFixtures.home)
            let normalBody = try #require(normal.texts.first { $0.text.hasPrefix("Drücken") })
            let bigBody = try #require(big.texts.first { $0.text.hasPrefix("Drücken") })
            #expect(bigBody.size >= normalBody.size * 13 / 10)
            // A title too long for the bar at the large size shrinks rather than losing words.
            #expect(big.texts.contains { $0.text == ScreenFixtures.home.title })
            let pages = PixelRenderer(options: large, fonts: fonts).pages(of: ScreenFixtures.home)
            #expect(pages.flatMap { $0.shownOptionTargets.map(\.index) } == Array(ScreenFixtures.home.options.indices))
        }
    }

    @Test func highContrastIsLightOnBlack() throws {
        var options = PixelRendererOptions.portrait
        options.highContrast = true
        let renderer = PixelRenderer(options: options, fonts: try openFonts())
        renderer.render(ScreenFixtures.refused)
        #expect(renderer.surface[options.width / 2, options.height / 2] == PixelColor(hex: 0x000000))
        let body = try #require(renderer.layout(ScreenFixtures.refused).texts.first { $0.text.hasPrefix("Buchen") })
        #expect(body.colors.foreground == PixelColor(hex: 0xFFFFFF))
    }

    @Test func arabicLinesAreRightAlignedAndOthersLeftAligned() throws {
        let renderer = PixelRenderer(options: .landscape, fonts: try openFonts())
        let texts = renderer.layout(ScreenFixtures.languages).texts
        let arabic = try #require(texts.first { $0.text.hasPrefix("مرحبا") })
        #expect(arabic.x + arabic.width == arabic.box.maxX)
        let turkish = try #require(texts.first { $0.text.hasPrefix("Şu anda") })
        #expect(turkish.x == turkish.box.x)
        // The Arabic option mirrors: its label stands right of the centre, its detail left.
        let layout = renderer.layout(ScreenFixtures.languages)
        let button = layout.optionTargets[2]
        let label = try #require(texts.first { $0.text == "العربية" })
        let detail = try #require(texts.first { $0.text == "ca. 5 Min." })
        #expect(label.x > button.x + button.width / 2 && detail.x + detail.width < button.x + button.width / 2)
    }

    @Test func longBodyIsCutVisiblyAndOptionsKeepTheirPlace() throws {
        var screen = ScreenFixtures.home
        screen.body = Array(repeating: "Ein sehr langer Absatz, der immer weiter geht und nie aufhört zu erklären.", count: 40)
        for options in [PixelRendererOptions.portrait, .landscape] {
            let layout = PixelRenderer(options: options, fonts: try openFonts()).layout(screen)
            #expect(layout.optionTargets.count == 8)
            let bodyLines = layout.texts.filter { $0.text.hasPrefix("Ein sehr") || $0.text.hasPrefix("geht") || $0.text.hasSuffix("…") }
            #expect(bodyLines.contains { $0.text.hasSuffix("…") }, "a cut body ends in an ellipsis in \(options.name)")
        }
    }
}

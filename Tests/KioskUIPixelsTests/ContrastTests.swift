import KioskUI
import KioskUIPixels
import KioskUITesting
import Testing

/// Every text colour on its background has at least 7:1 contrast (WCAG 2.x AAA), on every screen and mode.
@Suite struct ContrastTests {
    @Test func formulaMatchesWCAGReferenceValues() {
        let black = PixelColor(hex: 0x000000)
        let white = PixelColor(hex: 0xFFFFFF)
        #expect(abs(black.contrastRatio(with: white) - 21) < 0.001)
        #expect(abs(white.contrastRatio(with: white) - 1) < 0.001)
        // #767676 on white is the well-known 4.54:1 AA boundary grey; #595959 is 7.0:1.
        #expect(abs(PixelColor(hex: 0x767676).contrastRatio(with: white) - 4.54) < 0.01)
        #expect(abs(PixelColor(hex: 0x595959).contrastRatio(with: white) - 7.0) < 0.01)
        #expect(PixelColor(hex: 0x777777).contrastRatio(with: white) < 7, "a grey too light must fail the check")
    }

    @Test(arguments: allOptions)
    func everyPairOnEveryScreenReachesSevenToOne(options: PixelRendererOptions) throws {
        let renderer = PixelRenderer(options: options, fonts: try openFonts())
        var pairs: Set<ColorPair> = []
        for screen in ScreenFixtures.all {
            let texts = renderer.layout(screen).texts
            #expect(!texts.isEmpty)
            for text in texts { pairs.insert(text.colors) }
        }
        // Pairs the layout used, not a list kept by hand: a new colour on a screen is checked automatically.
        #expect(pairs.count >= 5, "the screens use title, body, notices, options, footer and more")
        for pair in pairs {
            #expect(pair.contrastRatio >= 7, "\(pair) has only \(pair.contrastRatio):1 in \(options.name)")
        }
    }

    @Test func textStandsOnTheBackgroundItsPairNames() throws {
        // The pair is only meaningful if the pixels under the text really are its background: the most common
        // colour in each line's box (glyphs cover well under half of it) must be the pair's background.
        for options in [PixelRendererOptions.portrait, .landscape] {
            for screen in ScreenFixtures.all {
                let renderer = PixelRenderer(options: options, fonts: try openFonts())
                renderer.render(screen)
                for text in renderer.layout(screen).texts {
                    var counts: [PixelColor: Int] = [:]
                    for y in text.box.y..<text.box.maxY {
                        for x in text.box.x..<text.box.maxX { counts[renderer.surface[x, y], default: 0] += 1 }
                    }
                    let common = counts.max { $0.value < $1.value }?.key
                    #expect(common == text.colors.background, "\(screen.id): under \"\(text.text)\" lies \(String(describing: common)), not \(text.colors.background)")
                }
            }
        }
    }
}

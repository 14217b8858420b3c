@testable import KioskUIPixels
import KioskUI
import KioskUITesting
import Testing

/// The mode switches and footer hints as touch targets: on every screen, at least 20 mm, and hit where drawn.
@Suite struct TouchTargetTests {
    @Test(arguments: allOptions)
    func everyScreenHasBothModeSwitchesAndTappableFooterHints(options: PixelRendererOptions) throws {
        let fonts = try openFonts()
        for dotsPerInch in [96.0, 102, 160] {
            var options = options
            options.dotsPerInch = dotsPerInch
            let minimum = 20 / 25.4 * dotsPerInch
            let renderer = PixelRenderer(options: options, fonts: fonts)
            let screenRect = PixelRect(x: 0, y: 0, width: options.width, height: options.height)
            for screen in ScreenFixtures.all {
              for layout in renderer.pages(of: screen) {
                #expect(Set(layout.switchTargets.keys) == Set(DisplayMode.allCases), "\(screen.id) in \(options.name)")
                #expect(layout.footerTargets.count == screen.footer.count, "\(screen.id): every footer hint is a target in \(options.name)")
                let all = Array(layout.switchTargets.values) + layout.footerTargets + layout.shownOptionTargets.map(\.rect) + layout.pageTargets.values
                for (index, target) in all.enumerated() {
                    #expect(Double(target.height) >= minimum && Double(target.width) >= minimum, "\(screen.id) target \(target) at \(dotsPerInch) dpi")
                    #expect(screenRect.contains(target), "\(screen.id) target \(target) leaves the screen in \(options.name)")
                    for other in all[(index + 1)...] {
                        #expect(!target.intersects(other), "\(screen.id): \(target) overlaps \(other) in \(options.name)")
                    }
                }
                for (mode, rect) in layout.switchTargets {
                    #expect(layout.target(atX: rect.x + rect.width / 2, y: rect.y + rect.height / 2) == .mode(mode))
                }
                for (index, rect) in layout.footerTargets.enumerated() {
                    #expect(layout.target(atX: rect.x + 2, y: rect.maxY - 2) == .footer(index))
                }
                for (index, rect) in layout.shownOptionTargets {
                    #expect(layout.target(atX: rect.maxX - 1, y: rect.y) == .option(index))
                }
                for (page, rect) in layout.pageTargets {
                    #expect(layout.target(atX: rect.x + 1, y: rect.maxY - 1) == .page(page))
                }
              }
            }
        }
    }

    @Test func theOutputDrawsWithTheModesTheScreenSwitchedOn() async throws {
        let output = PixelScreenOutput(options: .portrait)
        var screen = ScreenFixtures.all[0]
        await output.show(screen)
        let plain = try #require(await output.png())
        #expect(await output.options(for: screen).highContrast == false)
        screen.switches[0].isOn = true
        screen.switches[1].isOn = true
        let options = await output.options(for: screen)
        #expect(options.highContrast && options.largeText)
        await output.show(screen)
        let switched = try #require(await output.png())
        #expect(plain != switched)
        // A tap on the contrast switch of the frame shown is reported as that switch.
        let layout = PixelRenderer(options: options, fonts: try openFonts()).layout(screen)
        let rect = try #require(layout.switchTargets[.highContrast])
        #expect(await output.target(atX: rect.x + 5, y: rect.y + 5) == .mode(.highContrast))
    }
}

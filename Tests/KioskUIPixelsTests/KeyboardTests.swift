import KioskUI
import KioskUIPixels
import KioskUITesting
import Testing

/// The on-screen keyboard: every key a full touch target, inside the screen, clear of the other targets.
@Suite struct KeyboardTests {
    @Test(arguments: [PixelRendererOptions.portrait, .landscape])
    func keysAreTouchTargetsClearOfEverythingElse(options: PixelRendererOptions) throws {
        let renderer = PixelRenderer(options: options, fonts: try openFonts())
        for screen in ScreenFixtures.all where screen.entry != nil {
            let layout = renderer.layout(screen)
            let keys = layout.keyTargets
            #expect(keys.count == (screen.entry?.keyboard == .digits ? 12 : 11 * 3 + 10 + 2), "\(screen.id)")
            let screenRect = PixelRect(x: 0, y: 0, width: options.width, height: options.height)
            let others = layout.optionTargets + layout.footerTargets + Array(layout.switchTargets.values) + [layout.entryField].compactMap { $0 }
            for key in keys {
                #expect(key.rect.width >= options.touchTargetPixels && key.rect.height >= options.touchTargetPixels, "\(screen.id) \(key.key)")
                #expect(key.rect.intersection(screenRect) == key.rect)
                #expect(others.allSatisfy { $0.intersection(key.rect).isEmpty }, "\(screen.id) \(key.key)")
                #expect(keys.filter { !$0.rect.intersection(key.rect).isEmpty }.count == 1)
                let middle = (x: key.rect.x + key.rect.width / 2, y: key.rect.y + key.rect.height / 2)
                #expect(layout.target(atX: middle.x, y: middle.y) == .key(key.key))
            }
        }
    }

    @Test func lettersShiftAtTheStartOfAWord() throws {
        let renderer = PixelRenderer(options: .portrait, fonts: try openFonts())
        var screen = ScreenFixtures.all.first { $0.entry?.keyboard == .text }!
        screen.entry?.text = ""
        #expect(renderer.layout(screen).keyTargets.contains { $0.key == "Ä" })
        screen.entry?.text = "Am"
        let keys = renderer.layout(screen).keyTargets.map(\.key)
        #expect(keys.contains("ä") && !keys.contains("Ä") && keys.contains("ß") && keys.contains(" "))
    }
}

import Foundation
import KioskUI
import KioskUIPixels
import PNG
import KioskUITesting
import Testing

/// Every screen in both orientations compared with PNGs under Golden/; `KIOSK_RECORD_GOLDEN=1 swift test` writes
/// them anew (look at them before committing).
@Suite struct GoldenScreenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["KIOSK_RECORD_GOLDEN"] == "1"

    /// A pixel counts as different when a channel is off by more than this: FreeType releases differ in
    /// anti-aliasing by a few levels, a moved or changed glyph by far more.
    static let channelTolerance: UInt32 = 40
    /// How many different pixels a frame may have; one changed letter gives several hundred.
    static let pixelTolerance = 60

    static let cases: [(name: String, screen: Screen, options: PixelRendererOptions, page: Int)] = {
        var cases: [(String, Screen, PixelRendererOptions, Int)] = []
        for screen in ScreenFixtures.all + ScreenFixtures.translatedHomes {
            cases.append((screen.id + "-portrait", screen, .portrait, 0))
            cases.append((screen.id + "-landscape", screen, .landscape, 0))
        }
        // The modes as a citizen switches them: the screen's switch on, the renderer drawing with it.
        var contrast = PixelRendererOptions.portrait
        contrast.highContrast = true
        var home = ScreenFixtures.all[0]
        home.switches[0].isOn = true
        cases.append(("home-portrait-contrast", home, contrast, 0))
        var large = PixelRendererOptions.landscape
        large.largeText = true
        var ticket = ScreenFixtures.all[1]
        ticket.switches[1].isOn = true
        cases.append(("ticket.issued-landscape-large", ticket, large, 0))
        // Options a page at a time: large text in portrait, both pages; in landscape beside the texts.
        var largePortrait = PixelRendererOptions.portrait
        largePortrait.largeText = true
        home.switches[0].isOn = false
        home.switches[1].isOn = true
        home.paging = OptionPaging(previous: "Vorherige", next: "Weitere")
        cases.append(("home-portrait-large-page1", home, largePortrait, 0))
        cases.append(("home-portrait-large-page2", home, largePortrait, 1))
        cases.append(("home-landscape-large", home, large, 0))
        return cases
    }()

    /// Pixels whose channels differ by more than the tolerance.
    static func differingPixels(_ a: PixelSurface, _ b: PixelSurface) -> Int {
        guard a.width == b.width && a.height == b.height else { return Int.max }
        var count = 0
        for (x, y) in zip(a.pixels, b.pixels) where x != y {
            for shift: UInt32 in [0, 8, 16] {
                let delta = abs(Int((x >> shift) & 0xFF) - Int((y >> shift) & 0xFF))
                if delta > channelTolerance {
                    count += 1
                    break
                }
            }
        }
        return count
    }

    @Test(arguments: cases.map(\.name))
    func screenMatchesGoldenImage(name: String) throws {
        let (_, screen, options, page) = Self.cases.first { $0.name == name }!
        let renderer = PixelRenderer(options: options, fonts: try openFonts())
        renderer.render(screen, page: page)
        let file = Self.directory.appendingPathComponent("\(name).png")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(renderer.surface.pngBytes()).write(to: file)
            return
        }
        guard let golden = try? Data(contentsOf: file) else {
            Issue.record("no golden image \(file.path): run with KIOSK_RECORD_GOLDEN=1 and look at it before committing")
            return
        }
        let expected = PixelSurface(png: try PNGDecoder.decode([UInt8](golden)))
        let differing = Self.differingPixels(expected, renderer.surface)
        if differing > Self.pixelTolerance {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
            try Data(renderer.surface.pngBytes()).write(to: actual)
            Issue.record("\(name): \(differing) pixels differ from \(file.lastPathComponent); this run's image: \(actual.path)")
        }
    }

    @Test func toleranceStillCatchesOneChangedLetter() throws {
        let fonts = try openFonts()
        var changed = ScreenFixtures.home
        changed.options[1].label = "Reisepaß"
        var lit = ScreenFixtures.all[0]
        lit.switches[0].isOn = true
        let switched = PixelRenderer(options: .portrait, fonts: fonts)
        switched.render(lit)
        let plain = PixelRenderer(options: .portrait, fonts: fonts)
        plain.render(ScreenFixtures.all[0])
        #expect(Self.differingPixels(plain.surface, switched.surface) > Self.pixelTolerance, "a switch turned on shows")
        let original = PixelRenderer(options: .portrait, fonts: fonts)
        original.render(ScreenFixtures.home)
        let other = PixelRenderer(options: .portrait, fonts: fonts)
        other.render(changed)
        #expect(Self.differingPixels(original.surface, other.surface) > Self.pixelTolerance)
        #expect(Self.differingPixels(original.surface, original.surface) == 0)
    }
}

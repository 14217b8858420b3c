import KioskCore
import Testing

/// terminal.yaml's `display:`, `touch:`, `keypad:` and `headphones:` sections.
@Suite struct DisplayConfigurationTests {
    static let head = "terminal:\n  id: t1\n"

    @Test func withoutSectionsTheTerminalShowsAndNothingIsTouched() throws {
        let configuration = try TerminalConfiguration.parse(yaml: Self.head, source: "t.yaml")
        #expect(configuration.display.kind == .terminal)
        #expect(configuration.touch == nil)
        #expect(configuration.keypads.isEmpty)
        #expect(configuration.headphoneJack == nil)
    }

    @Test func sectionsAreRead() throws {
        let yaml = Self.head + """
            display: {kind: offscreen, orientation: landscape, output: frame.png, dpi: 160}
            touch:
              device: /dev/input/event5
              rotation: 270
              calibration: {minX: 100, maxX: 3900, minY: 50, maxY: 4000, matrix: [0, 1, 0, -1, 0, 1]}
            keypad: {device: /dev/input/event3}
            headphones: {device: /dev/input/by-path/platform-snd-headphone-jack}
            """
        let configuration = try TerminalConfiguration.parse(yaml: yaml, source: "t.yaml")
        #expect(configuration.display.kind == .offscreen)
        #expect(configuration.display.orientation == .landscape)
        #expect(configuration.display.output == "frame.png")
        #expect(configuration.display.dotsPerInch == 160)
        let touch = try #require(configuration.touch)
        #expect(touch.device == "/dev/input/event5" && touch.rotation == 270)
        #expect(touch.minX == 100 && touch.maxX == 3900 && touch.minY == 50 && touch.maxY == 4000)
        #expect(touch.matrix == [0, 1, 0, -1, 0, 1])
        #expect(configuration.keypads == ["/dev/input/event3"])
        #expect(configuration.headphoneJack == "/dev/input/by-path/platform-snd-headphone-jack")
    }

    /// A DRM display defaults to the first card; a device given wins.
    @Test func drmDisplaysDefaultToTheFirstCard() throws {
        let plain = try TerminalConfiguration.parse(yaml: Self.head + "display: {kind: drm}\n", source: "t.yaml")
        #expect(plain.display.kind == .drm && plain.display.device == "/dev/dri/card0")
        let given = try TerminalConfiguration.parse(yaml: Self.head + "display: {kind: drm, device: /dev/dri/card1}\n", source: "t.yaml")
        #expect(given.display.device == "/dev/dri/card1")
    }

    @Test(arguments: [
        "display: {kind: hologram}", "display: {orientation: diagonal}", "touch: {rotation: 90}",
        "touch: {device: /dev/input/event1, rotation: 45}", "touch: {device: x, calibration: {minX: 10, maxX: 5}}",
        "touch: {device: x, calibration: {matrix: [1, 0, 0]}}", "headphones: {}", "headphones: /dev/input/event6",
    ])
    func mistakesAreRefusedInBothLanguages(section: String) {
        #expect(throws: CatalogError.self) { try TerminalConfiguration.parse(yaml: Self.head + section + "\n", source: "t.yaml") }
    }
}

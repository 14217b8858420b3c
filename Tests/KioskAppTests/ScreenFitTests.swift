import Foundation
import KioskCore
import KioskUI
import KioskUIPixels
import Testing
@testable import KioskApp
@testable import Printing

extension KioskSession {
    /// Shows the error screen, which otherwise needs a broken database.
    func showFailureForTest(_ message: Message) {
        state = .failure(message)
    }
}

/// Every screen the flows build, in every language, laid out by the pixel renderer in both orientations and with
/// large text: no text may be cut or lose lines.
@Suite struct ScreenFitTests {
    /// The screens of the sample set (home, ticket, ticket not printed, refused, error, polling entry, languages)
    /// and the rest of the flows, as the session builds them in `language`.
    static func screens(in language: Language) async throws -> [Screen] {
        let kiosk = try SpeakingKiosk(language: language)
        let session = kiosk.session
        var screens: [Screen] = [await session.screen()]
        screens.append(await session.handle(.character("L")))
        _ = await session.handle(.back)
        screens.append(await session.handle(.digit(1)))
        _ = await session.handle(.back)
        kiosk.printer.simulate(.paperEnd)
        screens.append(await session.handle(.digit(2)))
        kiosk.printer.simulate(nil)
        _ = await session.handle(.back)
        screens.append(await session.handle(.character("T")))
        _ = await session.handle(.back)
        screens.append(await session.handle(.character("W")))
        for character in "Kirshallee 1" { _ = await session.handle(character.isNumber ? .digit(Int(String(character))!) : .character(character)) }
        screens.append(await session.handle(.confirm))
        for _ in 0..<20 { _ = await session.handle(.deleteBackward) }
        for digit in [1, 1, 0, 2] { _ = await session.handle(.digit(digit)) }
        screens.append(await session.handle(.confirm))
        screens.append(await session.handle(.character("D")))
        // The idle warning over a full screen.
        kiosk.clock.now += TimeInterval(kiosk.loaded.settings.configuration.idleTimeoutSeconds - 10)
        screens.append(try #require(await session.tick()))
        _ = await session.handle(.back)
        kiosk.collection.answers["0123456789"] = CollectionAnswer(kind: .personalausweis, state: .ready)
        screens.append(await session.handle(.character("A")))
        for digit in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] { _ = await session.handle(.digit(digit)) }
        screens.append(await session.handle(.confirm))
        _ = await session.handle(.back)
        await session.showFailureForTest(Message(de: "Die Datenbank ist nicht lesbar.", en: "The database cannot be read."))
        screens.append(await session.screen())
        _ = await session.handle(.back)
        // Before opening: every service refused, with the reason.
        kiosk.clock.now = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 7, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
        screens.append(await session.screen())
        screens.append(await session.handle(.digit(1)))
        #expect(Set(screens.map(\.id)).isSuperset(of: [
            "home", "language", "ticket.issued", "ticket.not-printed", "ticket.refused", "error", "wahl.search", "wahl.place",
            "checkin.prompt", "collection.search", "collection.answer",
        ]))
        return screens
    }

    static let measuredGermanCuts = [15, 35, 19, 31]

    static let layouts: [PixelRendererOptions] = {
        var result: [PixelRendererOptions] = []
        for base in [PixelRendererOptions.portrait, .landscape] {
            for largeText in [false, true] {
                var options = base
                options.largeText = largeText
                result.append(options)
            }
        }
        return result
    }()

    /// Per screen and layout, how many texts the pixel layout cuts.
    static func cuts(_ screens: [Screen], fonts: FontLibrary) -> [[Int]] {
        layouts.map { options in
            let renderer = PixelRenderer(options: options, fonts: fonts)
            return screens.map { screen in
                // The print preview is a picture of the paper and may give way to a hint by design.
                renderer.layout(screen).cutTexts.filter { !(screen.aside ?? []).contains($0) && $0 != TerminalRenderer.asideHiddenHint }.count
            }
        }
    }

    /// No translation cuts more than German does on the same screen in the same layout at the normal text size,
    /// and every line stays in its box. German itself still has cut texts (see `germanCutsAreKnown`): those are the layout's to fix.
    @Test(arguments: Language.allCases.filter { $0 != .german })
    func noTranslationIsCutWhereGermanFits(language: Language) async throws {
        let fonts = try FontLibrary()
        let german = try await Self.screens(in: .german)
        let screens = try await Self.screens(in: language)
        #expect(screens.map(\.id) == german.map(\.id))
        let germanCuts = Self.cuts(german, fonts: fonts)
        let cuts = Self.cuts(screens, fonts: fonts)
        for (layout, options) in Self.layouts.enumerated() {
            let renderer = PixelRenderer(options: options, fonts: fonts)
            for (index, screen) in screens.enumerated() {
                let name = "\(language.rawValue) \(screen.id) \(options.width)x\(options.height)\(options.largeText ? " large" : "")"
                let layoutCuts = renderer.layout(screen).cutTexts
                // Large text cuts German too, a lot (germanCutsAreKnown); there only the boxes are checked.
                if !options.largeText {
                    #expect(cuts[layout][index] <= germanCuts[layout][index], "\(name) cuts \(layoutCuts)")
                }
                for text in renderer.layout(screen).texts {
                    #expect(text.x >= text.box.x && text.x + text.width <= text.box.maxX, "\(name): \"\(text.text)\" leaves its box")
                }
            }
        }
    }

    /// What the layout cuts in German today, measured: the home screen's twelve options with their hints, and
    /// large text. A change that makes it better or worse shows here.
    @Test func germanCutsAreKnown() async throws {
        let cuts = Self.cuts(try await Self.screens(in: .german), fonts: try FontLibrary())
        let total = cuts.map { $0.reduce(0, +) }
        // portrait, portrait large, landscape, landscape large
        #expect(total == Self.measuredGermanCuts, "\(total)")
    }

    @Test func theCheckSeesACutText() throws {
        var screen = Screen(id: "test", title: String(repeating: "Wartenummer ", count: 20))
        screen.body = [String(repeating: "Bitte warten Sie. ", count: 200)]
        let layout = PixelRenderer(options: .portrait, fonts: try FontLibrary()).layout(screen)
        #expect(layout.cutTexts.count == 2)
    }

    @Test func arabicScreensAreMirrored() async throws {
        let german = try await Self.screens(in: .german)[0]
        let arabic = try await Self.screens(in: .arabic)[0]
        #expect(arabic.rightToLeft && !german.rightToLeft)
        let fonts = try FontLibrary()
        let renderer = PixelRenderer(options: .portrait, fonts: fonts)
        let left = renderer.layout(german)
        let right = renderer.layout(arabic)
        // The option buttons keep their place (they span the column), the title and running text end at the
        // right margin, and the key badges sit on the buttons' right.
        #expect(left.optionTargets.map(\.x) == right.optionTargets.map(\.x))
        #expect(left.optionTargets.map(\.width) == right.optionTargets.map(\.width))
        // A long title takes two lines in the title bar; its first line is where it starts.
        let title = try #require(right.texts.first { !$0.text.isEmpty && arabic.title.hasPrefix($0.text) && $0.role == .bold })
        #expect(title.x + title.width == title.box.maxX)
        let germanTitle = try #require(left.texts.first { !$0.text.isEmpty && german.title.hasPrefix($0.text) && $0.role == .bold })
        #expect(germanTitle.x == germanTitle.box.x)
        let key = try #require(right.texts.first { $0.text == "1" && $0.size > 20 })
        let button = right.optionTargets[0]
        #expect(key.box.x > button.x + button.width / 2)
    }
}

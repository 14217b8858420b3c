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
/// large text, on every page of its options: no text may be cut or lose lines.
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

    /// Every screen in every language, on every page of its options, in both orientations with and without large
    /// text: no text is cut and every line stays in its box. Only the print preview, a picture of the paper, may
    /// be cut or give way to a hint.
    @Test(arguments: Language.allCases)
    func noTextIsCut(language: Language) async throws {
        let fonts = try FontLibrary()
        let screens = try await Self.screens(in: language)
        for options in Self.layouts {
            let renderer = PixelRenderer(options: options, fonts: fonts)
            for screen in screens {
                for (page, layout) in renderer.pages(of: screen).enumerated() {
                    let name = "\(language.rawValue) \(screen.id) \(options.width)x\(options.height)\(options.largeText ? " large" : "") page \(page + 1)"
                    let cuts = layout.cutTexts.filter { !(screen.aside ?? []).contains($0) }
                    #expect(cuts.isEmpty, "\(name) cuts \(cuts)")
                    for text in layout.texts {
                        #expect(text.x >= text.box.x && text.x + text.width <= text.box.maxX, "\(name): \"\(text.text)\" leaves its box")
                    }
                }
            }
        }
    }

    /// Every option is on exactly one page, in order, and has a touch target there and nowhere else.
    @Test(arguments: [Language.german, .easyGerman])
    func everyOptionIsOnAPage(language: Language) async throws {
        let fonts = try FontLibrary()
        for screen in try await Self.screens(in: language) where !screen.options.isEmpty {
            for options in Self.layouts {
                let renderer = PixelRenderer(options: options, fonts: fonts)
                let layouts = renderer.pages(of: screen)
                #expect(layouts[0].optionPages.flatMap { Array($0) } == Array(screen.options.indices), "\(screen.id)")
                for (page, layout) in layouts.enumerated() {
                    #expect(layout.optionPage == page)
                    let shown = layout.optionTargets.indices.filter { !layout.optionTargets[$0].isEmpty }
                    #expect(shown == Array(layout.optionPages[page]), "\(screen.id) page \(page + 1)")
                }
            }
        }
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
        let shown = left.optionPages[0].filter { right.optionPages[0].contains($0) }
        #expect(!shown.isEmpty)
        #expect(shown.map { left.optionTargets[$0].x } == shown.map { right.optionTargets[$0].x })
        #expect(shown.map { left.optionTargets[$0].width } == shown.map { right.optionTargets[$0].width })
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

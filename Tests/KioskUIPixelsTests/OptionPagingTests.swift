import KioskUI
import KioskUIPixels
import KioskUITesting
import Testing

/// Options that do not fit are shown a page at a time: the page buttons turn the page in the output, which the
/// session never sees, and a focus moved onto another page shows that page.
@Suite struct OptionPagingTests {
    /// The fixture home screen with twenty services: more than fit on a portrait screen.
    static var crowded: Screen {
        var screen = ScreenFixtures.home
        screen.options = (1...20).map { Option(key: $0 < 10 ? "\($0)" : "X", label: "Anliegen Nummer \($0)", detail: "Unterlagen mitbringen") }
        screen.paging = OptionPaging(previous: "Vorherige", next: "Weitere")
        screen.selection = nil
        return screen
    }

    @Test func aTapOnTheNextPageButtonTurnsThePageAndReachesNoSession() async throws {
        let output = PixelScreenOutput(options: .portrait)
        let screen = Self.crowded
        await output.show(screen)
        let first = try #require(await output.png())
        #expect(await output.optionPage.page == 0)
        let pages = await output.optionPage.of
        #expect(pages > 1)

        let layout = PixelRenderer(options: .portrait, fonts: try openFonts()).layout(screen)
        #expect(layout.pageTargets[-1] == nil, "the first page has no way back")
        let next = try #require(layout.pageTargets[1])
        // The tap is the output's own business: nothing for the session.
        #expect(await output.target(atX: next.x + next.width / 2, y: next.y + next.height / 2) == nil)
        #expect(await output.optionPage.page == 1)
        #expect(try #require(await output.png()) != first)

        // On page two an option's button answers with its own index, which page one did not show.
        let second = PixelRenderer(options: .portrait, fonts: try openFonts()).layout(screen, page: 1)
        let index = try #require(second.optionPages[1].first)
        #expect(!layout.optionPages[0].contains(index))
        let button = second.optionTargets[index]
        #expect(await output.target(atX: button.x + 5, y: button.y + 5) == .option(index))

        // Back to the first page.
        let previous = try #require(second.pageTargets[0])
        #expect(await output.target(atX: previous.x + 5, y: previous.y + 5) == nil)
        #expect(await output.optionPage.page == 0)
    }

    @Test func movingTheFocusToAnotherPageShowsThatPageAndANewScreenStartsOnTheFirst() async throws {
        let output = PixelScreenOutput(options: .portrait)
        var screen = Self.crowded
        await output.show(screen)
        screen.selection = screen.options.count - 1
        await output.show(screen)
        let pages = await output.optionPage.of
        #expect(await output.optionPage.page == pages - 1)

        var other = Self.crowded
        other.id = "other"
        await output.show(other)
        #expect(await output.optionPage.page == 0)
    }

    @Test func aScreenWhoseOptionsFitHasOnePageAndNoPageButtons() throws {
        let layout = PixelRenderer(options: .portrait, fonts: try openFonts()).layout(ScreenFixtures.ticketIssued)
        #expect(layout.optionPages.count == 1)
        #expect(layout.pageTargets.isEmpty)
        #expect(!layout.texts.contains { $0.text.contains("Weitere") })
    }
}

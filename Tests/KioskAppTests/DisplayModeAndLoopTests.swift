import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// The display mode switches on every screen, and the renderer-neutral loop turning taps and keypad keys into the
/// session's inputs.
@Suite struct DisplayModeAndLoopTests {
    let setup = try! SessionTests()

    @Test func everyScreenOffersBothModesAndTheyStayOnThroughTheFlow() async throws {
        let session = setup.session
        var screen = await session.screen()
        #expect(screen.switches.map(\.mode) == [.highContrast, .largeText])
        #expect(screen.switches.map(\.label) == ["Kontrast", "Große Schrift"])
        #expect(!screen.isOn(.highContrast))
        screen = await session.handle(.toggle(.highContrast))
        #expect(screen.id == "home" && screen.isOn(.highContrast) && !screen.isOn(.largeText))
        // Through a flow: every screen on the way carries both switches, the mode still on.
        for input: KioskInput in [.character("T"), .toggle(.largeText), .back, .digit(5)] {
            screen = await session.handle(input)
            #expect(screen.switches.count == 2, "\(screen.id)")
            #expect(screen.isOn(.highContrast), "\(screen.id)")
        }
        #expect(screen.id == "ticket.issued")
        // A switch leaves the screen where it is.
        #expect(screen.isOn(.largeText))
        screen = await session.handle(.toggle(.largeText))
        #expect(screen.id == "ticket.issued" && !screen.isOn(.largeText))
        // The switches speak the chosen language.
        _ = await session.handle(.toggleLanguage)
        let english = try #require(KioskSession.chooserLanguages.firstIndex(of: .english))
        screen = await session.handle(.digit(english + 1))
        #expect(screen.switches.map(\.label) == ["Contrast", "Large text"])
    }

    @Test func theNextCitizenGetsTheStandardDisplay() async throws {
        let session = setup.session
        _ = await session.handle(.toggle(.largeText))
        setup.clock.now += Double(setup.loaded.settings.configuration.idleTimeoutSeconds) + 1
        let screen = try #require(await session.tick())
        #expect(screen.id == "home" && !screen.isOn(.largeText))
    }

    @Test func buttonKeysBecomeInputs() {
        #expect(KioskLoop.input(forLabel: "3") == .digit(3))
        #expect(KioskLoop.input(forLabel: "W") == .character("W"))
        #expect(KioskLoop.input(forLabel: "Enter") == .confirm)
        #expect(KioskLoop.input(forLabel: "Esc") == .back)
        #expect(KioskLoop.input(forLabel: "⌫") == .deleteBackward)
        #expect(KioskLoop.input(forLabel: "F2") == .toggleLanguage)
        #expect(KioskLoop.input(forLabel: "1-9") == nil)
        #expect(KioskLoop.input(for: .function(3)) == .toggle(.highContrast))
        #expect(KioskLoop.input(for: .function(4)) == .toggle(.largeText))
        let screen = Screen(
            id: "x", title: "x", options: [Option(key: "1", label: "a"), Option(key: "2", label: "b", enabled: false)],
            footer: [FooterHint(key: "Esc", label: "Zurück")])
        #expect(KioskLoop.input(for: .option(0), on: screen) == .digit(1))
        #expect(KioskLoop.input(for: .option(1), on: screen) == nil, "a disabled button does nothing")
        #expect(KioskLoop.input(for: .footer(0), on: screen) == .back)
        #expect(KioskLoop.input(for: .mode(.largeText), on: screen) == .toggle(.largeText))
    }

    /// An output that lays options out as 100-pixel rows and records what it showed.
    actor RowsOutput: ScreenOutput {
        var shown: [Screen] = []
        func show(_ screen: Screen) async { shown.append(screen) }
        func target(atX x: Int, y: Int) async -> ScreenTarget? {
            guard let last = shown.last, y / 100 < last.options.count else { return nil }
            return .option(y / 100)
        }
    }

    @Test(.timeLimit(.minutes(1))) func aTapOnAServiceIssuesItsTicketAndKeypadKeysGoHome() async throws {
        let output = RowsOutput()
        let (inputs, continuation) = AsyncStream.makeStream(of: ScreenInput.self)
        let loop = KioskLoop(session: setup.session, output: output, sources: [ScreenInputSource(inputs, endsLoop: true)])
        let running = Task { await loop.run() }
        continuation.yield(.tap(x: 300, y: 450))  // the fifth row: Meldebescheinigung
        continuation.yield(.key(.escape))
        continuation.finish()
        await running.value
        let ids = await output.shown.map(\.id)
        #expect(ids == ["home", "ticket.issued", "home"])
        #expect(await output.shown[1].highlight == "M 001")
        #expect(try setup.store.walkInCounts(day: BusinessDay(year: 2026, month: 11, day: 23)).values.reduce(0, +) == 1)
    }
}

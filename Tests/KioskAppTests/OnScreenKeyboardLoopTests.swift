import Foundation
import KioskCore
import KioskUI
import KioskUIPixels
import Testing
@testable import KioskApp

/// A touch-only terminal: the real session and loop on the pixel output, every input a tap on a drawn button or
/// on a key of the on-screen keyboard.
@Suite struct OnScreenKeyboardLoopTests {
    /// The pixel output as kioskd runs it (no display), recording each screen it was handed.
    actor RecordingOutput: ScreenOutput {
        let pixels: PixelScreenOutput
        var shown: [Screen] = []
        init(_ options: PixelRendererOptions) { pixels = PixelScreenOutput(options: options) }
        func show(_ screen: Screen) async {
            await pixels.show(screen)
            shown.append(screen)
        }
        func target(atX x: Int, y: Int) async -> ScreenTarget? { await pixels.target(atX: x, y: y) }
    }

    /// Taps through a running loop: finds the button or key on the screen shown last, taps its middle and waits
    /// for the next frame.
    struct Finger {
        let output: RecordingOutput
        let taps: AsyncStream<ScreenInput>.Continuation
        let renderer: PixelRenderer

        init(output: RecordingOutput, options: PixelRendererOptions, taps: AsyncStream<ScreenInput>.Continuation) throws {
            self.output = output
            self.taps = taps
            renderer = PixelRenderer(options: options, fonts: try FontLibrary())
        }

        func layout() async throws -> (Screen, PixelLayout) {
            let screen = try #require(await output.shown.last)
            renderer.update(options: await output.pixels.options(for: screen))
            return (screen, renderer.layout(screen, page: await output.pixels.optionPage.page))
        }

        func tap(_ rect: PixelRect) async throws -> Screen {
            let before = await output.shown.count
            taps.yield(.tap(x: rect.x + rect.width / 2, y: rect.y + rect.height / 2))
            while await output.shown.count == before { try await Task.sleep(for: .milliseconds(5)) }
            return try #require(await output.shown.last)
        }

        /// Taps the option whose printed key is `key`, turning the options' pages with their buttons until it is shown.
        func tapOption(_ key: String) async throws -> Screen {
            while true {
                let (screen, layout) = try await layout()
                let index = try #require(screen.options.firstIndex { $0.key == key }, "no option \(key) on \(screen.id)")
                if !layout.optionTargets[index].isEmpty { return try await tap(layout.optionTargets[index]) }
                let page = try #require(layout.optionPages.firstIndex { $0.contains(index) })
                let button = try #require(layout.pageTargets[layout.optionPage + (page > layout.optionPage ? 1 : -1)])
                // A page button brings no new screen from the session: the output turns the page itself.
                taps.yield(.tap(x: button.x + button.width / 2, y: button.y + button.height / 2))
                while await output.pixels.optionPage.page == layout.optionPage { try await Task.sleep(for: .milliseconds(5)) }
            }
        }

        /// Taps the on-screen keys typing `text`, then returns the screen after the last one.
        @discardableResult
        func type(_ text: String) async throws -> Screen {
            var screen = try #require(await output.shown.last)
            for character in text {
                let (_, layout) = try await layout()
                let key = try #require(layout.keyTargets.first { $0.key == String(character) }, "no key \(character)")
                screen = try await tap(key.rect)
            }
            return screen
        }

        /// Taps a key by name ("Enter", "⌫").
        func tapKey(_ name: String) async throws -> Screen {
            let (_, layout) = try await layout()
            return try await tap(try #require(layout.keyTargets.first { $0.key == name }).rect)
        }
    }

    @Test(.timeLimit(.minutes(2)), arguments: [PixelRendererOptions.portrait, .landscape])
    func theWahlraumsucheIsCompletedByTapsOnly(options: PixelRendererOptions) async throws {
        let setup = try ScanFlowTests()
        let output = RecordingOutput(options)
        let (inputs, continuation) = AsyncStream.makeStream(of: ScreenInput.self)
        let loop = KioskLoop(session: setup.session, output: output, sources: [ScreenInputSource(inputs, endsLoop: true)])
        let running = Task { await loop.run() }
        while await output.shown.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let finger = try Finger(output: output, options: options, taps: continuation)

        let search = try await finger.tapOption("W")
        #expect(search.id == "wahl.search" && search.entry?.keyboard == .text)
        // Capitals at the start of each word, as the keys show them; a mistyped letter is taken back with ⌫.
        try await finger.type("Am Raubfanx")
        #expect(try await finger.tapKey("⌫").entry?.text == "Am Raubfan")
        let typed = try await finger.type("g 16")
        #expect(typed.entry?.text == "Am Raubfang 16")
        let found = try await finger.tapKey("Enter")
        #expect(found.id == "wahl.place")
        #expect(found.body.contains("Wahlbezirk 1102"))
        continuation.finish()
        await running.value
    }

    @Test(.timeLimit(.minutes(2))) func aTransportPINIsReplacedByTapsOnTheNumberPad() async throws {
        let setup = try PINServiceFlowTests()
        _ = await setup.session.handle(card: .cardInserted(reader: "Virtual PCD 00 00", atr: []))
        let output = RecordingOutput(.portrait)
        let (inputs, continuation) = AsyncStream.makeStream(of: ScreenInput.self)
        let loop = KioskLoop(session: setup.session, output: output, sources: [ScreenInputSource(inputs, endsLoop: true)])
        let running = Task { await loop.run() }
        while await output.shown.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let finger = try Finger(output: output, options: .portrait, taps: continuation)

        let entry = try await finger.tapOption("T")
        #expect(entry.id == "pin.entry" && entry.entry?.keyboard == .digits)
        let pad = try await finger.layout().1.keyTargets
        #expect(pad.map(\.key) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "Enter"])
        let touch = PixelRendererOptions.portrait.touchTargetPixels
        #expect(pad.allSatisfy { $0.rect.width >= touch && $0.rect.height >= touch })
        #expect(try await finger.type("12345").entry?.text == "•••••", "the digits are never shown")
        _ = try await finger.tapKey("Enter")
        try await finger.type("654321")
        _ = try await finger.tapKey("Enter")
        try await finger.type("654321")
        let done = try await finger.tapKey("Enter")
        #expect(done.id == "pin.done", "\(done.id)")
        #expect(setup.card.pin == Array("654321".utf8))
        continuation.finish()
        await running.value
    }
}

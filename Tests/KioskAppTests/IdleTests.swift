import Foundation
import KioskCore
import KioskSpeech
import KioskUI
import KioskUIPixels
import Testing
@testable import KioskApp

extension KioskSession {
    /// Every string and character the session holds outside its fixed configuration and its edges (catalog and
    /// texts, store, printer, the polling directory, which lists every street of the town): what a memory dump of
    /// the session would show of the last citizen.
    func reachableStrings() -> [String] {
        let configuration: Set<String> = [
            "settings", "store", "printer", "collectionStatus", "idCards", "speaker", "logger", "now", "afterCommit",
            "calendar", "pollingDirectory", "pollingDirectoryStamp",
        ]
        var found: [String] = []
        func walk(_ value: Any, depth: Int) {
            guard depth < 12 else { return }
            switch value {
            case let string as String: found.append(string)
            case let character as Character: found.append(String(character))
            case let bytes as [UInt8]: found.append(String(decoding: bytes, as: UTF8.self))
            default:
                let mirror = Mirror(reflecting: value)
                guard mirror.displayStyle != .class else { return }
                for child in mirror.children { walk(child.value, depth: depth + 1) }
            }
        }
        for child in Mirror(reflecting: self).children where !configuration.contains(child.label ?? "") {
            walk(child.value, depth: 0)
        }
        return found
    }

    /// Opens the PIN service's first step as a card would and types digits, without a card reader.
    func enterPINForTest(digits: [Int]) async {
        startPIN(.transportPIN, reader: "test reader")
        for digit in digits { _ = await handlePINEntry(.digit(digit)) }
    }
}

/// The idle warning (seen and heard), and the return home that leaves nothing of the last citizen behind.
@Suite struct IdleTests {
    let kiosk: SpeakingKiosk
    init() throws { kiosk = try SpeakingKiosk() }

    var timeout: TimeInterval { TimeInterval(kiosk.loaded.settings.configuration.idleTimeoutSeconds) }

    func type(_ text: String) async {
        for character in text {
            _ = await kiosk.session.handle(character.isNumber ? .digit(Int(String(character))!) : .character(character))
        }
    }

    @Test func aWarningIsShownAndSpokenOnceBeforeTheTimeoutAndAnyKeyCancelsIt() async throws {
        let session = kiosk.session
        _ = await session.handle(.character("W"))
        await type("Am Raubfang")
        #expect(await session.tick() == nil, "no warning long before the timeout")
        kiosk.clock.now += timeout - 12
        let warned = try #require(await session.tick())
        #expect(warned.notice?.text == "Sind Sie noch da? Tippen Sie auf den Bildschirm oder drücken Sie eine Taste, um weiterzumachen.")
        #expect(warned.countdown == "Zurück zum Start in 12 s – beliebige Taste zum Bleiben")
        #expect(warned.entry?.text == "Am Raubfang", "the warning lies over the screen; nothing is lost yet")
        #expect(kiosk.heard() == ["Sind Sie noch da? Drücken Sie eine Taste. Sonst geht es in 12 Sekunden zurück zum Start."])
        kiosk.clock.now += 1
        #expect(await session.tick()?.countdown == "Zurück zum Start in 11 s – beliebige Taste zum Bleiben")
        #expect(kiosk.heard().isEmpty, "spoken once, not every second")
        // Any key: the warning goes, the typing goes on.
        let kept = await session.handle(.character(" "))
        #expect(kept.countdown == nil)
        #expect(kept.notice == nil)
        #expect(kept.entry?.text == "Am Raubfang ")
        #expect(await session.tick() == nil)
    }

    @Test func theWarningIsInTheCitizensLanguage() async throws {
        let session = kiosk.session
        _ = await session.handle(.character("L"))
        _ = await session.handle(.digit(4))  // Türkçe
        _ = await session.handle(.character("A"))
        kiosk.clock.now += timeout - 10
        let warned = try #require(await session.tick())
        #expect(warned.countdown == "10 sn sonra başa dönülecek – kalmak için bir tuşa basın")
        #expect(kiosk.speaker.spoken == [Utterance(text: "Hâlâ orada mısınız? Bir tuşa basın. Aksi halde 10 saniye sonra başa dönülecek.", language: .turkish)])
    }

    @Test func afterTheTimeoutNothingOfTheLastCitizenIsInTheSessionOrTheFrame() async throws {
        let session = kiosk.session
        let fonts = try FontLibrary()
        let pixels = PixelRenderer(options: .portrait, fonts: fonts)
        // A citizen types an address in Ukrainian, finds the polling place, then asks about an ID document.
        _ = await session.handle(.character("L"))
        _ = await session.handle(.digit(6))
        _ = await session.handle(.character("W"))
        await type("Am Raubfang 16")
        let place = await session.handle(.confirm)
        #expect(place.id == "wahl.place")
        pixels.render(place)
        let personal = ["Raubfang", "Bornim", "1102", "0123456789"]
        #expect(await session.reachableStrings().contains { $0.contains("Bornim") }, "the check can see the state")
        _ = await session.handle(.back)
        _ = await session.handle(.character("A"))
        await type("0123456789")
        let asked = await session.handle(.confirm)
        #expect(asked.id == "collection.answer")
        #expect(kiosk.collection.asked == ["0123456789"])
        pixels.render(await session.screen())

        kiosk.clock.now += timeout + 1
        let home = try #require(await session.tick())
        #expect(home.id == "home")
        #expect(home.title == "Willkommen im Bürgerbüro", "back in the default language")

        let strings = await session.reachableStrings()
        for secret in personal {
            #expect(!strings.contains { $0.contains(secret) }, "\"\(secret)\" is still reachable from the session")
        }
        // The frame: the pixel renderer drew home over the old screen (a partial redraw) and the result is the
        // same as home drawn on a blank screen; its texts and the terminal's cells hold nothing of before.
        pixels.render(home)
        let fresh = PixelRenderer(options: .portrait, fonts: fonts)
        fresh.render(home)
        #expect(pixels.surface == fresh.surface)
        let drawn = pixels.layout(home).texts.map(\.text) + TerminalRenderer().render(home, columns: 100, rows: 40).lines
        for secret in personal {
            #expect(!drawn.contains { $0.contains(secret) }, "\"\(secret)\" is still on screen")
        }
    }

    @Test func pinDigitsAreWipedOnTheTimeout() async throws {
        // The PIN service's digits are bytes, not text; the reflection sees them too.
        let session = kiosk.session
        await session.enterPINForTest(digits: [4, 7, 1, 1, 9])
        #expect(await session.reachableStrings().contains { $0.contains("47119") })
        kiosk.clock.now += timeout + 1
        _ = await session.tick()
        #expect(!(await session.reachableStrings()).contains { $0.contains("47119") })
    }

    @Test func inHeadphoneModeTheHomeScreenIsSpokenAfterTheTimeoutAndRepeatNoLongerReadsTheOldScreen() async throws {
        let session = kiosk.session
        _ = await session.headphones(plugged: true)
        _ = await session.handle(.digit(1))
        _ = await session.handle(.digit(0))
        _ = await session.handle(.digit(2))
        await type("1102")
        _ = await session.handle(.confirm)
        #expect(kiosk.heard().last?.contains("Bornim") == true)
        kiosk.clock.now += timeout + 1
        _ = await session.tick()
        let spoken = kiosk.heard()
        #expect(spoken.last?.hasPrefix("Willkommen im Bürgerbüro.") == true)
        _ = await session.handle(.digit(5))
        #expect(kiosk.heard().allSatisfy { !$0.contains("Bornim") && $0.hasPrefix("Willkommen") })
    }
}

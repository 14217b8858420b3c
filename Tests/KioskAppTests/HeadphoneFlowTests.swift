import Foundation
import KioskCore
import KioskSpeech
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// A session on the example site with the Potsdam polling directory, an emulated printer and speaker.
struct SpeakingKiosk {
    let directory: URL
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))
    let loaded: SiteLoader.Loaded
    let store: KioskStore
    let printer: EmulatedTicketPrinter
    let speaker = EmulatedSpeaker()
    let collection = CollectionTwin()
    let session: KioskSession

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    init(language: Language = .german) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-speaking-\(UUID().uuidString)")
        var loaded = try ExampleSite.standalone(in: directory)
        loaded.settings.configuration.defaultLanguage = language
        self.loaded = loaded
        store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
        let election = try ElectionLoader.load(election: Self.repository.appendingPathComponent("Kiosk/example/election.yaml"))
        try store.replacePollingDirectory(election.directory, at: clock.now)
        printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        let clock = self.clock
        session = KioskSession(
            settings: loaded.settings, store: store, printer: printer, collectionStatus: collection, speaker: speaker,
            logger: Logger(label: "test"), now: { clock.now })
    }

    /// What was said since the last call, one string per utterance, and forgets it.
    func heard() -> [String] {
        defer { speaker.clear() }
        return speaker.spoken.map(\.text)
    }
}

/// Headphone mode: the keypad alone drives the flows, every new screen is spoken.
@Suite struct HeadphoneFlowTests {
    let kiosk: SpeakingKiosk
    init() throws { kiosk = try SpeakingKiosk() }

    @Test func withoutHeadphonesNothingIsSpokenButTheScreensAreTheSame() async {
        let screen = await kiosk.session.handle(.digit(1))
        #expect(screen.id == "ticket.issued")
        #expect(kiosk.speaker.spoken.isEmpty)
    }

    @Test func aWalkInTicketByKeypadOnly() async throws {
        let session = kiosk.session
        // Plugging in: a short note, then the languages, each in its own language and voice.
        var screen = await session.headphones(plugged: true)
        #expect(screen.id == "language")
        let chooser = kiosk.speaker.spoken
        #expect(chooser.first?.text == "Kopfhörer erkannt. Sie bedienen das Terminal jetzt mit den Zifferntasten.")
        #expect(chooser.contains(Utterance(text: "For English, press 2.", language: .english)))
        #expect(chooser.contains(Utterance(text: "Türkçe için 4 tuşuna basın.", language: .turkish)))
        // Arabic is the fifth language, but 5 repeats: it is said with 6.
        #expect(chooser.contains(Utterance(text: "لاختيار العربية اضغط الرقم 6.", language: .arabic)))
        #expect(chooser.last?.text.contains("drücken Sie die 5") == true)
        _ = kiosk.heard()

        // 5 repeats the chooser; 1 picks German and the home screen is read with its keypad digits.
        _ = await session.handle(.digit(5))
        #expect(kiosk.heard().count == chooser.count - 1, "the same list again, without the plug-in note")
        screen = await session.handle(.digit(1))
        #expect(screen.id == "home")
        let home = try #require(kiosk.heard().first)
        #expect(home.hasPrefix("Willkommen im Bürgerbüro."))
        #expect(home.contains("Für Personalausweis beantragen drücken Sie die 1."))
        #expect(home.contains("Für Meldebescheinigung"))
        #expect(home.components(separatedBy: "drücken Sie die 5.").count == 2, "5 is the repeat key, never an option")
        #expect(home.contains("Für weitere Möglichkeiten drücken Sie die 0."))
        #expect(home.hasSuffix("Zum Wiederholen drücken Sie die 5. Zurück zum Start mit der Taste Zurück."))

        // Which service is on 6? The fifth enabled one, as said.
        let sixth = try #require(HeadphoneKeypad.page(screen, number: 0).first { $0.digit == 6 }?.option)
        #expect(home.contains("Für \(sixth.label)"))
        screen = await session.handle(.digit(6))
        #expect(screen.id == "ticket.issued")
        #expect(screen.body.contains { $0.contains(sixth.label) })
        let ticket = try #require(kiosk.heard().first)
        #expect(ticket.hasPrefix("Ihre Wartenummer."))
        // The number as a listener needs it: "M 1", not "M null null eins".
        let number = try #require(screen.highlight)
        #expect(ticket.contains(ScreenSpeech.spelled(number) + "."))
        #expect(ticket.contains("Bitte warten Sie, bis Ihre Nummer aufgerufen wird."))
        #expect(try kiosk.store.allOutboxEntries().map(\.type).contains("ticket.issued"))

        // A digit that stands for nothing says nothing and changes nothing; Back returns home, read again.
        #expect(await session.handle(.digit(9)).id == "ticket.issued")
        #expect(kiosk.heard().isEmpty)
        #expect(await session.handle(.back).id == "home")
        #expect(kiosk.heard().first?.hasPrefix("Willkommen") == true)
    }

    @Test func aPollingPlaceLookupByKeypadOnly() async throws {
        let session = kiosk.session
        _ = await session.headphones(plugged: true)
        _ = await session.handle(.digit(1))  // Deutsch
        _ = kiosk.heard()
        // Page two of the home menu holds the lettered actions: check-in, Wahlraumsuche, Lieferstatus.
        var screen = await session.handle(.digit(0))
        #expect(screen.id == "home")
        let second = try #require(kiosk.heard().first)
        #expect(second.contains("Für Termin: einchecken drücken Sie die 1."))
        #expect(second.contains("Für Wahlraumsuche drücken Sie die 2."))
        screen = await session.handle(.digit(2))
        #expect(screen.id == "wahl.search")
        let prompt = try #require(kiosk.heard().first)
        #expect(prompt.hasPrefix("Wahlraumsuche."))
        #expect(prompt.contains("Wahlbezirk oder Straße und Hausnummer: Tippen Sie die Ziffern und drücken Sie Enter."))
        // Enter on the empty field repeats; the digits type, 5 included, without a word each.
        _ = await session.handle(.confirm)
        #expect(kiosk.heard() == [prompt])
        for digit in [1, 1, 0, 2] { screen = await session.handle(.digit(digit)) }
        #expect(screen.entry?.text == "1102")
        #expect(kiosk.heard().isEmpty)
        screen = await session.handle(.confirm)
        #expect(screen.id == "wahl.place")
        let place = try #require(kiosk.heard().first)
        #expect(place.hasPrefix("Ihr Wahlraum."))
        #expect(place.contains("Grundschule In Bornim (11)."))
        #expect(place.contains("Wahlbezirk 1102."))
        #expect(place.contains("Für Zettel mit dem Wahlraum drucken drücken Sie die 1."))
        // 1 prints the slip, and the new notice is read.
        screen = await session.handle(.digit(1))
        #expect(screen.notice?.text == "Bitte nehmen Sie den Zettel aus dem Drucker.")
        #expect(kiosk.heard().first?.contains("Bitte nehmen Sie den Zettel aus dem Drucker.") == true)
        #expect(!kiosk.printer.isEmptyOutput)
    }

    @Test func otherLanguagesAreSpokenInTheirOwnVoiceAndLeichteSpracheWithoutMiddleDots() async throws {
        let session = kiosk.session
        _ = await session.headphones(plugged: true)
        _ = kiosk.heard()
        _ = await session.handle(.digit(6))  // العربية
        let arabic = try #require(kiosk.speaker.spoken.first)
        #expect(arabic.language == .arabic)
        #expect(arabic.text.hasPrefix("مرحبًا بكم في مكتب خدمة المواطنين."))
        #expect(arabic.text.contains("اضغط الرقم 1."))
        _ = kiosk.heard()
        // The chooser is on the keypad too: Back closes it, and a new plug-in opens it again.
        _ = await session.headphones(plugged: false)
        _ = await session.headphones(plugged: true)
        _ = kiosk.heard()
        _ = await session.handle(.digit(3))  // Leichte Sprache
        let easy = try #require(kiosk.speaker.spoken.first)
        #expect(easy.language == .easyGerman)
        #expect(easy.text.hasPrefix("Willkommen im Bürgerbüro."))
        #expect(!easy.text.contains("·"))
    }

    @Test func pullingTheHeadphonesOutStopsSpeech() async {
        _ = await kiosk.session.headphones(plugged: true)
        let stops = kiosk.speaker.stops
        _ = await kiosk.session.headphones(plugged: false)
        #expect(kiosk.speaker.stops == stops + 1)
        _ = kiosk.heard()
        _ = await kiosk.session.handle(.digit(1))
        #expect(kiosk.heard().isEmpty)
    }

    @Test func aFailingSpeakerDoesNotStopTheFlow() async {
        kiosk.speaker.simulate(SpeechError(Message(de: "kaputt", en: "broken")))
        _ = await kiosk.session.headphones(plugged: true)
        #expect(await kiosk.session.handle(.digit(1)).id == "home")
        #expect(await kiosk.session.handle(.digit(1)).id == "ticket.issued")
    }
}

/// The jack's switch reaches the session through the kiosk loop like a key: in, the language chooser is spoken;
/// out, speech stops and the keypad works the screen again.
@Suite struct HeadphoneJackLoopTests {
    actor Recorder: ScreenOutput {
        var shown: [Screen] = []
        func show(_ screen: Screen) async { shown.append(screen) }
        func target(atX x: Int, y: Int) async -> ScreenTarget? { nil }
    }

    @Test(.timeLimit(.minutes(1))) func pluggingInAndPullingOutSwitchHeadphoneMode() async throws {
        let kiosk = try SpeakingKiosk()
        let output = Recorder()
        let (inputs, continuation) = AsyncStream.makeStream(of: ScreenInput.self)
        let loop = KioskLoop(session: kiosk.session, output: output, sources: [ScreenInputSource(inputs, endsLoop: true)])
        let running = Task { await loop.run() }
        continuation.yield(.headphones(plugged: true))
        continuation.yield(.key(.digit(1)))  // the spoken chooser's first language: Deutsch
        continuation.yield(.headphones(plugged: true))  // a repeated report of the same state changes nothing
        continuation.yield(.headphones(plugged: false))
        continuation.yield(.key(.digit(1)))  // without headphones: the first service on the screen
        continuation.finish()
        await running.value
        #expect(await !kiosk.session.headphonesPlugged)
        let spoken = kiosk.speaker.spoken.map(\.text)
        let prompt = kiosk.loaded.settings.texts.text("speech.headphones", .german)
        #expect(spoken.first == prompt, "plugging in starts with the headphone prompt")
        #expect(spoken.filter { $0 == prompt }.count == 1, "the second report of plugged in says nothing again")
        #expect(kiosk.speaker.stops >= 1, "pulling out stops speech")
        #expect(await output.shown.last?.id == "ticket.issued")
    }
}

extension EmulatedTicketPrinter {
    /// Whether nothing has been printed yet.
    var isEmptyOutput: Bool { ((try? Data(contentsOf: output)) ?? Data()).isEmpty }
}

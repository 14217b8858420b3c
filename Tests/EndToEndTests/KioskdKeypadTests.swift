import ChildProcess
import Foundation
import KioskApp
import KioskCore
import KioskSpeech
import KioskStore
import KioskTesting
import KioskUI
import KioskUIPixels
import Logging
import PNG
import Printing
import Testing

/// kioskd on the pixel renderer off-screen with no touch panel at all: umockdev emulates a tactile keypad on
/// /dev/input/event7 and a headphone jack on /dev/input/event6, replaying evemu scripts, and the whole flow is
/// done with keys. What kioskd shows is compared, frame by frame, with the same keys given to a session of the
/// same configuration in this process. Skipped without umockdev-run.
@Suite(.serialized, .timeLimit(.minutes(3))) struct KioskdKeypadTests {
    static let demoTime = KioskdTouchTests.demoTime

    static var available: Bool { KioskdTouchTests.available }

    /// The keys of the emulated keypad (linux/input-event-codes.h): an ATM-style keypad's digits, Enter, arrows,
    /// back keys and the two mode keys, as EvdevKeyMap reads them.
    enum Code {
        static let escape: UInt16 = 1, backspace: UInt16 = 14, up: UInt16 = 103, down: UInt16 = 108
        static let left: UInt16 = 105, right: UInt16 = 106, keypadEnter: UInt16 = 96, enter: UInt16 = 28
        static let keypadAsterisk: UInt16 = 55, keypadSlash: UInt16 = 98
        /// KEY_KP0 ... KEY_KP9.
        static let keypadDigits: [UInt16] = [82, 79, 80, 81, 75, 76, 77, 71, 72, 73]
        static let all = keypadDigits + [escape, backspace, up, down, left, right, keypadEnter, enter, keypadAsterisk, keypadSlash]
    }

    /// One node in the umockdev testbed: its udev record and, for the jack, the switch bitmap `EVIOCGSW` answers.
    struct EmulatedNode {
        var number: Int
        var kind: String
        var attributes: [String]
        var switchBitmap: [UInt8]?
        var node: String { "/dev/input/event\(number)" }

        /// The keypad: an input device with EV_SYN and EV_KEY and exactly the keys in `Code.all` (sysfs lists the
        /// capability bitmaps as hex longs, the highest first).
        static let keypad = EmulatedNode(
            number: 7, kind: "ID_INPUT_KEY=1", attributes: ["capabilities/ev=3", "capabilities/key=\(bitmap(Code.all))"])

        /// A sound card's jack: EV_SYN and EV_SW with SW_HEADPHONE_INSERT; `plugged` is the state at open.
        static func jack(plugged: Bool) -> EmulatedNode {
            EmulatedNode(
                number: 6, kind: "ID_INPUT_SWITCH=1", attributes: ["capabilities/ev=21", "capabilities/sw=4"],
                switchBitmap: [plugged ? 0x04 : 0x00, 0, 0, 0, 0, 0, 0, 0])
        }

        static func bitmap(_ codes: [UInt16]) -> String {
            var longs = [UInt64](repeating: 0, count: Int(codes.max()! / 64) + 1)
            for code in codes { longs[Int(code / 64)] |= 1 << UInt64(code % 64) }
            return longs.reversed().map { String($0, radix: 16) }.joined(separator: " ")
        }

        var description: String {
            """
            P: /devices/virtual/input/input\(number)/event\(number)
            N: input/event\(number)
            E: DEVNAME=\(node)
            E: MAJOR=13
            E: MINOR=\(64 + number)
            E: SUBSYSTEM=input
            E: ID_INPUT=1
            E: \(kind)
            \(attributes.map { "A: \($0)" }.joined(separator: "\n"))
            A: dev=13:\(64 + number)

            """
        }

        /// The ioctl record umockdev answers `EVIOCGSW` from (the jack only).
        var ioctl: String? {
            switchBitmap.map { bytes in
                "@DEV \(node)\nEVIOCGSW(0) \(bytes.count) \(bytes.map { String(format: "%02X", $0) }.joined())\n"
            }
        }
    }

    /// An evemu script: each (time, type, code, value) followed by SYN_REPORT.
    static func evemu(_ comment: String, _ events: [(Double, UInt16, UInt16, Int32)]) -> String {
        var lines = ["# EVEMU 1.3", "# \(comment)", "E: 0.000000 0000 0000 0"]
        for (time, type, code, value) in events {
            let at = String(format: "%.6f", time)
            lines.append("E: \(at) \(String(format: "%04x %04x", type, code)) \(value)")
            lines.append("E: \(at) 0000 0000 0")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Key presses at the given times, each released 60 ms later.
    static func presses(_ keys: [(Double, UInt16)]) -> [(Double, UInt16, UInt16, Int32)] {
        keys.flatMap { time, code in [(time, UInt16(1), code, Int32(1)), (time + 0.06, 1, code, 0)] }
    }

    /// A session of the same configuration on a scratch database with kioskd's start time: what kioskd should show.
    struct Twin {
        let session: KioskSession
        let renderer: PixelRenderer
        var keys = EvdevKeyMap()

        init(configuration: URL, scratch: URL) throws {
            renderer = PixelRenderer(options: .portrait, fonts: try FontLibrary())
            var loaded = try SiteLoader.load(configuration: configuration)
            loaded.databaseURL = scratch.appendingPathComponent("kiosk.sqlite")
            let store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "test"))
            let printer = EmulatedTicketPrinter(output: scratch.appendingPathComponent("printer.bin"), profile: loaded.printerProfile)
            let now = try #require(DemoClock.parse(KioskdKeypadTests.demoTime, calendar: loaded.settings.catalog.site.calendar))
            session = KioskSession(settings: loaded.settings, store: store, printer: printer, logger: Logger(label: "test"), now: { now })
        }

        /// The screen after one key of the emulated keypad, read through the same key map and loop mapping.
        mutating func press(_ code: UInt16) async throws -> Screen {
            let decoded = keys.key(for: InputEvent(type: 1, code: code, value: 1))
            let key = try #require(decoded)
            return await session.handle(try #require(KioskLoop.input(for: key)))
        }

        func frame(_ screen: Screen) -> PixelSurface {
            renderer.render(screen)
            return renderer.surface
        }
    }

    /// Runs kioskd in a umockdev testbed with `nodes`, each replaying its script from `scripts`.
    static func kioskd(state: URL, configuration: URL, nodes: [(EmulatedNode, script: String)], arguments: [String] = []) throws -> ChildProcess {
        var testbed: [String] = []
        for (node, script) in nodes {
            let name = "event\(node.number)"
            try node.description.write(to: state.appendingPathComponent("\(name).umockdev"), atomically: true, encoding: .utf8)
            try script.write(to: state.appendingPathComponent("\(name).evemu"), atomically: true, encoding: .utf8)
            testbed += ["-d", state.appendingPathComponent("\(name).umockdev").path]
            testbed += ["-e", "\(node.node)=\(state.appendingPathComponent("\(name).evemu").path)"]
            if let ioctl = node.ioctl {
                try ioctl.write(to: state.appendingPathComponent("\(name).ioctl"), atomically: true, encoding: .utf8)
                testbed += ["-i", "\(node.node)=\(state.appendingPathComponent("\(name).ioctl").path)"]
            }
        }
        return try ChildProcess(
            "/usr/bin/umockdev-run",
            testbed + [
                "--", try #require(BuiltProducts.executable("kioskd")).path, "--config", configuration.path, "--demo-time", demoTime,
            ] + arguments,
            error: .file(state.appendingPathComponent("kioskd.stderr").path))
    }

    /// Fetches `kioskctl screenshot` until `done` says enough has been seen or `seconds` pass; every distinct frame
    /// in the order it was seen.
    /// Waits by sleeping the task, never the thread: a blocked thread would starve the tests running beside it.
    static func watch(configuration: URL, state: URL, seconds: Double, until done: ([PixelSurface]) -> Bool) async throws -> [PixelSurface] {
        let shot = state.appendingPathComponent("shot.png")
        let kioskctl = try #require(BuiltProducts.executable("kioskctl")).path
        var seen: [PixelSurface] = []
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !done(seen) {
            let result = try ChildProcess.run(kioskctl, ["screenshot", "--config", configuration.path, shot.path], timeout: .seconds(30))
            if result.termination.succeeded, let data = try? Data(contentsOf: shot), let png = try? PNGDecoder.decode([UInt8](data)) {
                let frame = PixelSurface(png: png)
                if seen.last != frame { seen.append(frame) }
            }
            try await Task.sleep(for: .milliseconds(150))
        }
        return seen
    }

    /// Polls `condition` every 100 ms for up to `seconds`, sleeping the task; whether it became true.
    static func eventually(seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    /// Whether `milestones` appear among `seen` in this order.
    static func inOrder(_ milestones: [PixelSurface], in seen: [PixelSurface]) -> Bool {
        var next = 0
        for frame in seen where next < milestones.count && frame == milestones[next] { next += 1 }
        return next == milestones.count
    }

    static func scratchState(_ name: String) throws -> URL {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state.appendingPathComponent("scratch"), withIntermediateDirectories: true)
        return state
    }

    static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test func arrowsEnterAndBackWalkThroughTwoTicketsWithoutTouch() async throws {
        try #require(Self.available, "umockdev-run, kioskd and kioskctl are needed (swift build; apt-get install umockdev)")
        let state = try Self.scratchState("keypad")
        defer { try? FileManager.default.removeItem(at: state) }
        let configuration = try KioskdTouchTests.configuration(in: state, inputs: "keypad: {device: /dev/input/event7}\n")

        // The script, and the same keys through a session here: its screens are what kioskd must show.
        var twin = try Twin(configuration: configuration, scratch: state.appendingPathComponent("scratch"))
        let home = await twin.session.screen()
        let target = try #require(home.options.firstIndex { $0.label == "Meldebescheinigung" && $0.enabled })
        // Another service, chosen by its digit.
        let digit = try #require(
            home.options.enumerated().first { $0.offset != target && $0.element.enabled && Int($0.element.key) != nil }.flatMap { Int($0.element.key) })
        // Down once too far and back up, Enter on the keypad; Esc home; the second service by its digit; Backspace home.
        var keys: [(Double, UInt16)] = []
        var time = 4.0
        for code in Array(repeating: Code.down, count: target + 1) + [Code.up, Code.keypadEnter] {
            keys.append((time, code))
            time += 0.4
        }
        let firstTicketAt = time
        keys.append((time + 8, Code.escape))
        keys.append((time + 11, Code.keypadDigits[digit]))
        keys.append((time + 19, Code.backspace))
        #expect(Set(keys.map(\.1)).isSubset(of: Code.all), "the script presses only keys the keypad has")

        // The first home frame is not a milestone: on a loaded machine kioskd may draw it late, and the keys queued
        // meanwhile replace it before a screenshot catches it. Rendering it still starts the twin where kioskd starts.
        let homeFrame = twin.frame(home)
        var milestones: [PixelSurface] = []
        var ids: [String] = []
        for (_, code) in keys {
            let screen = try await twin.press(code)
            if code == Code.keypadEnter || code == Code.escape || code == Code.backspace || Code.keypadDigits.contains(code) {
                milestones.append(twin.frame(screen))
                ids.append(screen.id)
            }
        }
        #expect(ids == ["ticket.issued", "home", "ticket.issued", "home"], "the twin took the flow the script means")
        let services = try SiteLoader.load(configuration: configuration).settings.catalog.services.map(\.id.rawValue)
        let distinct = milestones[0] != homeFrame && milestones[2] != milestones[0]
        #expect(distinct, "each ticket screen is its own frame")

        let kioskd = try Self.kioskd(
            state: state, configuration: configuration,
            nodes: [(.keypad, Self.evemu("A tactile keypad: arrows, Enter, Esc, a digit, Backspace.", Self.presses(keys)))])
        defer { _ = kioskd.terminate() }
        let logURL = state.appendingPathComponent("kioskd.log")
        let issuedTwice = { Self.text(logURL).components(separatedBy: "Ticket issued").count - 1 >= 2 }
        // Screenshots poll kioskctl; on a machine busy with the whole suite a poll can take longer than a ticket
        // screen stays up, so the frames in between are checked only when caught. The last one must be home again,
        // after the second ticket, drawn as the twin drew it.
        let seen = try await Self.watch(configuration: configuration, state: state, seconds: firstTicketAt + 60) { seen in
            Self.inOrder(milestones, in: seen) || (issuedTwice() && seen.last == milestones.last)
        }
        let log = Self.text(logURL)
        let stderr = Self.text(state.appendingPathComponent("kioskd.stderr"))
        // Booleans, not frames, go into the expectations: a failure then prints the log, not millions of pixels.
        let endsHome = seen.last == milestones.last
        #expect(endsHome, "kioskd's last frame is not the twin's home after the second ticket (\(seen.count) frames seen); log:\n\(log)\nstderr:\n\(stderr)")
        // Every ticket frame caught is the twin's, in the twin's order.
        let ticketFrames = [milestones[0], milestones[2]]
        let caught = seen.filter { ticketFrames.contains($0) }
        let caughtInOrder = Self.inOrder(caught, in: ticketFrames)
        #expect(caughtInOrder, "ticket frames out of order")
        // Both tickets went through the store and the printer, for the services the keys chose.
        let issued = log.split(separator: "\n").filter { $0.contains("Ticket issued") }
        #expect(issued.count == 2)
        #expect(issued.first?.contains("kiosk.service=meldebescheinigung") == true)
        #expect(issued.last?.contains("kiosk.service=\(services[digit - 1])") == true)
        let printed = (try? Data(contentsOf: state.appendingPathComponent("printer.bin"))) ?? Data()
        let twinPrinted = (try? Data(contentsOf: state.appendingPathComponent("scratch/printer.bin"))) ?? Data()
        #expect(!printed.isEmpty && printed.count == twinPrinted.count, "two tickets of the twin's size were printed")
    }

    /// Speaks `text` in German with the voice kioskd uses, into `directory`: the WAV kioskd's must equal.
    static func expectedSpeech(_ text: String, in directory: URL) async throws -> Data {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let speaker = EspeakSpeaker(output: .waveFiles(directory: directory.path), logger: Logger(label: "test"))
        try await speaker.say([Utterance(text: text, language: .german)])
        #expect(await speaker.finish() == true)
        return try Data(contentsOf: directory.appendingPathComponent("utterance-1.wav"))
    }

    /// The headphone prompt in German as it is spoken (one sentence with its full stop, so nothing is added).
    static func prompt(configuration: URL) throws -> String {
        let prompt = try SiteLoader.load(configuration: configuration).settings.texts.text("speech.headphones", .german)
        #expect(prompt.hasSuffix("."))
        return prompt
    }

    static let headphoneSections = "keypad: {device: /dev/input/event7}\nheadphones: {device: /dev/input/event6}\n"

    @Test func pluggingInHeadphonesSpeaksAndTheKeypadDrivesTheSpokenMenu() async throws {
        try #require(Self.available, "umockdev-run, kioskd and kioskctl are needed (swift build; apt-get install umockdev)")
        let state = try Self.scratchState("jack")
        defer { try? FileManager.default.removeItem(at: state) }
        let configuration = try KioskdTouchTests.configuration(in: state, inputs: Self.headphoneSections)
        let speech = state.appendingPathComponent("speech")
        try FileManager.default.createDirectory(at: speech, withIntermediateDirectories: true)
        let expected = try await Self.expectedSpeech(try Self.prompt(configuration: configuration), in: state.appendingPathComponent("expected"))

        // Plugged in at 3 s; 1 chooses the spoken first language (Deutsch), 1 the first service; pulled out at 14 s.
        var twin = try Twin(configuration: configuration, scratch: state.appendingPathComponent("scratch"))
        _ = twin.frame(await twin.session.screen())
        var milestones = [twin.frame(await twin.session.headphones(plugged: true))]
        let home = try await twin.press(Code.keypadDigits[1])
        let ticket = try await twin.press(Code.keypadDigits[1])
        #expect(home.id == "home" && ticket.id == "ticket.issued", "the twin took the flow the script means")
        milestones += [twin.frame(home), twin.frame(ticket)]
        let service = try #require(SiteLoader.load(configuration: configuration).settings.catalog.services.first).id.rawValue

        let kioskd = try Self.kioskd(
            state: state, configuration: configuration,
            nodes: [
                (.jack(plugged: false), Self.evemu("Headphones in, and out again.", [(3, 5, 2, 1), (14, 5, 2, 0)])),
                (.keypad, Self.evemu("Two digits for the spoken menu.", Self.presses([(7, Code.keypadDigits[1]), (10, Code.keypadDigits[1])]))),
            ],
            arguments: ["--speech-files", speech.path])
        defer { _ = kioskd.terminate() }
        let seen = try await Self.watch(configuration: configuration, state: state, seconds: 40) { Self.inOrder(milestones, in: $0) }
        // The pull-out comes after the ticket; wait for it in the log.
        let logURL = state.appendingPathComponent("kioskd.log")
        _ = try await Self.eventually(seconds: 20) { Self.text(logURL).contains("kiosk.headphones=false") }
        let log = Self.text(logURL)
        let stderr = Self.text(state.appendingPathComponent("kioskd.stderr"))
        let followed = Self.inOrder(milestones, in: seen)
        #expect(followed, "kioskd did not show language chooser, home, ticket as the twin did (\(seen.count) frames seen); log:\n\(log)\nstderr:\n\(stderr)")
        let plugged = try #require(log.range(of: "kiosk.headphones=true"), "no headphone mode; log:\n\(log)\nstderr:\n\(stderr)")
        let pulled = try #require(log.range(of: "kiosk.headphones=false"), "headphone mode not left; log:\n\(log)")
        #expect(plugged.upperBound < pulled.lowerBound)
        #expect(log.contains("kiosk.service=\(service)"), "the spoken menu's digit 1 issued the first service's ticket")
        // What kioskd said first is the headphone prompt, sample for sample as espeak-ng says it here.
        let first = try Data(contentsOf: speech.appendingPathComponent("utterance-1.wav"))
        let samePrompt = first == expected
        #expect(samePrompt, "kioskd's first utterance is not the headphone prompt (\(first.count) bytes, expected \(expected.count))")
        let utterances = try FileManager.default.contentsOfDirectory(atPath: speech.path).filter { $0.hasSuffix(".wav") }
        #expect(utterances.count >= 3, "the prompt, the language chooser and the screens after it are spoken")
    }

    @Test func headphonesAlreadyInAtStartAreReadFromTheSwitchBitmap() async throws {
        try #require(Self.available, "umockdev-run, kioskd and kioskctl are needed (swift build; apt-get install umockdev)")
        let state = try Self.scratchState("jack-start")
        defer { try? FileManager.default.removeItem(at: state) }
        let configuration = try KioskdTouchTests.configuration(in: state, inputs: Self.headphoneSections)
        let speech = state.appendingPathComponent("speech")
        try FileManager.default.createDirectory(at: speech, withIntermediateDirectories: true)
        let expected = try await Self.expectedSpeech(try Self.prompt(configuration: configuration), in: state.appendingPathComponent("expected"))
        let twin = try Twin(configuration: configuration, scratch: state.appendingPathComponent("scratch"))
        let chooser = twin.frame(await twin.session.headphones(plugged: true))

        // No switch event at all: only EVIOCGSW at open says the headphones are in.
        let kioskd = try Self.kioskd(
            state: state, configuration: configuration,
            nodes: [(.jack(plugged: true), Self.evemu("Nothing happens on the jack.", [])), (.keypad, Self.evemu("No keys.", []))],
            arguments: ["--speech-files", speech.path])
        defer { _ = kioskd.terminate() }
        let seen = try await Self.watch(configuration: configuration, state: state, seconds: 40) { $0.last == chooser }
        let log = Self.text(state.appendingPathComponent("kioskd.log"))
        let choosing = seen.last == chooser
        #expect(choosing, "kioskd did not open the spoken language chooser; log:\n\(log)")
        #expect(log.contains("kiosk.headphones=true"))
        let first = speech.appendingPathComponent("utterance-1.wav")
        _ = try await Self.eventually(seconds: 10) { ((try? Data(contentsOf: first)) ?? Data()).count >= expected.count }
        let samePrompt = (try? Data(contentsOf: first)) == expected
        #expect(samePrompt, "kioskd's first utterance is not the headphone prompt")
    }
}

import Foundation
import KioskCore
import KioskSpeech
import Logging
import Testing

/// espeak-ng run for real, writing WAV files instead of playing them.
@Suite(.timeLimit(.minutes(2))) struct EspeakSpeakerTests {
    let directory: URL
    let speaker: EspeakSpeaker

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-speech-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        speaker = EspeakSpeaker(output: .waveFiles(directory: directory.path), logger: Logger(label: "test"))
    }

    /// The sound of a WAV file espeak-ng wrote: sample rate, and the samples of its data chunk (16 bit mono).
    struct Wave {
        var sampleRate: Int
        var samples: [Int16]
        var seconds: Double { Double(samples.count) / Double(sampleRate) }
        var loudest: Int { samples.map { abs(Int($0)) }.max() ?? 0 }
    }

    static func read(_ url: URL) throws -> Wave {
        let bytes = [UInt8](try Data(contentsOf: url))
        try #require(bytes.count > 44)
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF")
        #expect(String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE")
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        var offset = 12
        var rate = 0
        var samples: [Int16] = []
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            // espeak-ng writing to a file it cannot seek leaves the size at its maximum; the file's end bounds it.
            let size = min(u32(offset + 4), bytes.count - offset - 8)
            if id == "fmt " {
                #expect(u16(offset + 8) == 1, "PCM")
                #expect(u16(offset + 10) == 1, "mono")
                rate = u32(offset + 12)
                #expect(u16(offset + 22) == 16, "16 bit")
            } else if id == "data" {
                samples = stride(from: offset + 8, to: offset + 8 + size - 1, by: 2).map { Int16(bitPattern: UInt16(u16($0))) }
            }
            offset += 8 + size + size % 2
        }
        try #require(rate > 0)
        return Wave(sampleRate: rate, samples: samples)
    }

    func speak(_ text: String, _ language: Language) async throws -> Wave {
        try await speaker.say(Utterance(text: text, language: language))
        #expect(await speaker.finish() == true, "espeak-ng exited with an error")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".wav") }.sorted {
            $0.count == $1.count ? $0 < $1 : $0.count < $1.count
        }
        return try Self.read(directory.appendingPathComponent(try #require(files.last)))
    }

    @Test func germanAndEnglishComeOutAsSpeechOfPlausibleLength() async throws {
        let german = try await speak("Willkommen im Bürgerbüro. Bitte wählen Sie Ihr Anliegen.", .german)
        let english = try await speak("Welcome to the Citizens' Office. Please choose what you came for.", .english)
        for wave in [german, english] {
            // About ten words at 155 words a minute: some three seconds; silence or a truncated file is far off.
            #expect(wave.seconds > 1.5 && wave.seconds < 8, "\(wave.seconds) s")
            #expect(wave.loudest > 3000, "the file holds sound, not silence")
        }
        let longer = try await speak(
            "Willkommen im Bürgerbüro. Bitte wählen Sie Ihr Anliegen. Tippen Sie die Nummer Ihres Anliegens. Sie erhalten eine Wartenummer.",
            .german)
        #expect(longer.seconds > german.seconds * 1.5, "twice the words take longer to say")
    }

    @Test func leichteSpracheIsSpokenSlowerWithTheGermanVoice() async throws {
        let text = "Drücken Sie die Zahl vor Ihrem Anliegen. Dann bekommen Sie eine Wartenummer."
        let german = try await speak(text, .german)
        let easy = try await speak(text, .easyGerman)
        #expect(easy.seconds > german.seconds * 1.15, "\(easy.seconds) s against \(german.seconds) s")
        #expect(EspeakVoice(for: .easyGerman).name == EspeakVoice(for: .german).name)
    }

    @Test(arguments: [Language.turkish, .arabic, .ukrainian])
    func theOtherLanguagesHaveAVoiceToo(language: Language) async throws {
        let text = switch language {
        case .turkish: "Lütfen işleminizi seçin."
        case .arabic: "يرجى اختيار الخدمة المطلوبة."
        default: "Оберіть, будь ласка, потрібну послугу."
        }
        let wave = try await speak(text, language)
        #expect(wave.seconds > 0.8 && wave.loudest > 3000)
    }

    @Test func aNewUtteranceCutsTheOldOneOff() async throws {
        // Some ninety seconds of speech; cut off at once, its file holds a fraction of that, or nothing at all.
        let long = String(repeating: "Bitte warten Sie, bis Ihre Nummer aufgerufen wird. ", count: 30)
        try await speaker.say(Utterance(text: long, language: .german))
        let short = try await speak("Zurück.", .german)
        #expect(short.seconds < 3)
        let first = directory.appendingPathComponent("utterance-1.wav")
        if FileManager.default.fileExists(atPath: first.path), let cut = try? Self.read(first) {
            #expect(cut.seconds < 30, "the first utterance ran on for \(cut.seconds) s")
        }
    }

    @Test func aMissingProgramIsASpeechErrorInBothLanguages() async {
        let missing = EspeakSpeaker(executable: "/nonexistent/espeak-ng", logger: Logger(label: "test"))
        await #expect {
            try await missing.say(Utterance(text: "Hallo", language: .german))
        } throws: { error in
            (error as? SpeechError)?.message[.german].contains("espeak-ng") == true
                && (error as? SpeechError)?.message[.english].contains("installed") == true
        }
    }
}

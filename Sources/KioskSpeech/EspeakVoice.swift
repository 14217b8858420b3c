public import KioskCore

/// The espeak-ng voice and pace for a language.
public struct EspeakVoice: Hashable, Sendable {
    /// The voice name espeak-ng's `-v` takes.
    public var name: String
    /// Speed in words per minute (`-s`).
    public var wordsPerMinute: Int

    /// espeak-ng's default of 175 words a minute is quick for someone who meets a screen for the first time; the
    /// kiosk speaks a little slower, and Leichte Sprache, which is German for people who need it simple,
    /// noticeably slower with the same German voice.
    public init(for language: Language) {
        switch language {
        case .german: self = EspeakVoice(name: "de", wordsPerMinute: 155)
        case .easyGerman: self = EspeakVoice(name: "de", wordsPerMinute: 120)
        case .english: self = EspeakVoice(name: "en", wordsPerMinute: 155)
        case .turkish: self = EspeakVoice(name: "tr", wordsPerMinute: 150)
        case .arabic: self = EspeakVoice(name: "ar", wordsPerMinute: 145)
        case .ukrainian: self = EspeakVoice(name: "uk", wordsPerMinute: 150)
        }
    }

    /// Creates a voice by name.
    public init(name: String, wordsPerMinute: Int) {
        self.name = name
        self.wordsPerMinute = wordsPerMinute
    }
}

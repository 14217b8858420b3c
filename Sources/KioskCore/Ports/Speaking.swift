/// One thing to say aloud, in the citizen's language.
public struct Utterance: Hashable, Sendable {
    /// The words, as plain text; never logged (it can hold what the citizen typed).
    public var text: String
    /// The language to pronounce it in; the speaker picks the voice and the pace.
    public var language: Language

    /// Creates an utterance.
    public init(text: String, language: Language) {
        self.text = text
        self.language = language
    }
}

/// Speech output failed; the screen still shows everything, so flows go on and only log it.
public struct SpeechError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for the technician.
    public var message: Message

    /// Creates an error.
    public init(_ message: Message) { self.message = message }

    public var description: String { message.description }
}

/// Speech output: the terminal's loudspeaker, or the headphones in headphone mode.
///
/// A new call cuts off whatever is still being said, as the screen it described is gone.
public protocol Speaking: Sendable {
    /// Starts saying `utterances` one after the other (each in its own language, so that a list of languages can
    /// name each in its own voice) and returns without waiting for them to end.
    func say(_ utterances: [Utterance]) async throws(SpeechError)
    /// Stops whatever is being said.
    func stop() async
}

extension Speaking {
    /// Starts saying one utterance.
    public func say(_ utterance: Utterance) async throws(SpeechError) {
        try await say([utterance])
    }
}

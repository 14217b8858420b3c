public import KioskCore
import Foundation

/// The speaker's emulated twin: records what it was asked to say, for tests and the demo without audio.
public final class EmulatedSpeaker: Speaking, @unchecked Sendable {
    // @unchecked: every stored property is read and written under `lock`.
    private let lock = NSLock()
    private var utterances: [Utterance] = []
    private var stopCount = 0
    private var failure: SpeechError?

    /// Creates a speaker that has said nothing yet.
    public init() {}

    /// Everything said so far, oldest first.
    public var spoken: [Utterance] { lock.withLock { utterances } }

    /// How often speech was stopped.
    public var stops: Int { lock.withLock { stopCount } }

    /// Forgets what was said, so that a test can look at the next steps only.
    public func clear() { lock.withLock { utterances.removeAll() } }

    /// Makes every following `say` fail with `error` (nil: speak again).
    public func simulate(_ error: SpeechError?) { lock.withLock { failure = error } }

    public func say(_ utterances: [Utterance]) async throws(SpeechError) {
        let refused: SpeechError? = lock.withLock {
            if failure == nil { self.utterances += utterances }
            return failure
        }
        if let refused { throw refused }
    }

    public func stop() async { lock.withLock { stopCount += 1 } }
}

public import KioskCore
import ChildProcess
import Foundation
public import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Speech through the espeak-ng command line program, one child process per utterance.
///
/// The CLI rather than libespeak-ng: a new screen must cut the old sentence off at once, and killing a child
/// does that without touching the library's audio thread and global state from our threads; a crash in a voice
/// stays in the child; and the same program a technician runs by hand is what the kiosk runs. Starting
/// espeak-ng takes a few milliseconds against seconds of speech. The text goes in on standard input, never as
/// an argument, because arguments are readable by every local user in /proc.
public final class EspeakSpeaker: Speaking, @unchecked Sendable {
    // @unchecked: `current`, `sequence`, `generation` and `count` are read and written under `lock`; the rest is set once in init.

    /// Where the sound goes.
    public enum Output: Hashable, Sendable {
        /// espeak-ng's own audio output: the default ALSA device (through pcaudiolib), i.e. loudspeaker or
        /// headphones, whichever the sound card routes to.
        case audioDevice
        /// One WAV file per utterance in this directory (`utterance-1.wav`, ...), for tests and diagnostics.
        case waveFiles(directory: String)
    }

    let executable: String
    let output: Output
    let logger: Logger
    private let lock = NSLock()
    private var current: ChildProcess?
    private var sequence: Task<Void, Never>?
    private var generation = 0
    private var count = 0

    /// Creates a speaker; `executable` is looked up in PATH unless it is a path.
    public init(executable: String = "espeak-ng", output: Output = .audioDevice, logger: Logger) {
        self.executable = executable
        self.output = output
        self.logger = logger
    }

    /// The arguments for one utterance: voice, pace, UTF-8 text on standard input, and the WAV file if any.
    func arguments(for utterance: Utterance, waveFile: String?) -> [String] {
        let voice = EspeakVoice(for: utterance.language)
        var arguments = ["-v", voice.name, "-s", String(voice.wordsPerMinute), "-b", "1", "--stdin"]
        if let waveFile { arguments += ["-w", waveFile] }
        return arguments
    }

    /// The WAV file the next utterance goes to, or nil when it goes to the audio device.
    private func nextWaveFile() -> String? {
        guard case .waveFiles(let directory) = output else { return nil }
        let number = lock.withLock {
            count += 1
            return count
        }
        return directory + "/utterance-\(number).wav"
    }

    public func say(_ utterances: [Utterance]) async throws(SpeechError) {
        await stop()
        guard let first = utterances.first else { return }
        let generation = lock.withLock {
            self.generation += 1
            return self.generation
        }
        let child = try start(first)
        lock.withLock { current = child }
        guard utterances.count > 1 else { return }
        // The rest one after the other, until a newer `say` or `stop` bumps the generation.
        let rest = utterances.dropFirst()
        let sequence = Task {
            var previous = child
            for utterance in rest {
                _ = await previous.exit()
                guard lock.withLock({ self.generation == generation }) else { return }
                guard let next = try? self.start(utterance) else { return }
                let stillCurrent = lock.withLock {
                    guard self.generation == generation else { return false }
                    current = next
                    return true
                }
                guard stillCurrent else {
                    next.signal(SIGTERM)
                    _ = await next.exit()
                    return
                }
                previous = next
            }
        }
        lock.withLock { self.sequence = sequence }
    }

    /// Starts espeak-ng for one utterance and hands it the text.
    private func start(_ utterance: Utterance) throws(SpeechError) -> ChildProcess {
        let waveFile = nextWaveFile()
        // A socket pair rather than a pipe: writing to it with MSG_NOSIGNAL cannot raise SIGPIPE in the daemon
        // when espeak-ng has already died. Both ends close on exec; the child gets its end as standard input.
        var ends: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            throw Self.failure(errno)
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(
                executable, arguments(for: utterance, waveFile: waveFile), input: .descriptor(ends[1]), output: .null,
                error: .null)
        } catch {
            close(ends[0])
            close(ends[1])
            logger.warning("Speech not started", metadata: ["kiosk.speech.error": "\(error)"])
            throw SpeechError(
                Message(
                    de: "espeak-ng ließ sich nicht starten (\(error)). Ist das Paket espeak-ng installiert?",
                    en: "espeak-ng could not be started (\(error)). Is the espeak-ng package installed?"))
        }
        close(ends[1])
        let bytes = Array((utterance.text + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { send(ends[0], $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        close(ends[0])
        // The language only: the text may hold what the citizen typed.
        logger.debug("Speaking", metadata: ["kiosk.speech.language": "\(utterance.language.rawValue)"])
        return child
    }

    public func stop() async {
        let (child, sequence) = lock.withLock { () -> (ChildProcess?, Task<Void, Never>?) in
            generation += 1
            defer {
                current = nil
                self.sequence = nil
            }
            return (current, self.sequence)
        }
        child?.signal(SIGTERM)
        if let child { await child.exit() }
        await sequence?.value
    }

    /// Waits until everything being said has been said; true when espeak-ng finished normally, false when it
    /// failed, nil when nothing was being said.
    @discardableResult
    public func finish() async -> Bool? {
        if let sequence = lock.withLock({ self.sequence }) { await sequence.value }
        guard let child = lock.withLock({ current }) else { return nil }
        return await child.exit().succeeded
    }

    static func failure(_ code: Int32) -> SpeechError {
        let reason = String(cString: strerror(code))
        return SpeechError(Message(de: "Sprachausgabe nicht möglich: \(reason).", en: "Speech output failed: \(reason)."))
    }
}

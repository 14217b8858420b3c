import ChildProcess
public import Foundation

/// Speaks calls with espeak-ng ("Wartenummer A 17 bitte zu Schalter 3") and makes the gong, as WAV files.
///
/// espeak-ng runs as a child process per new sentence; results are cached by text, so a recall or a second
/// display costs nothing. Only ticket numbers and counter names are spoken, never personal data.
public actor Announcer {
    let cache: URL
    let executable: String
    var spoken: [String: Data] = [:]

    /// Creates an announcer caching into `cache`; `executable` is espeak-ng's path.
    public init(cache: URL, executable: String = "/usr/bin/espeak-ng") {
        self.cache = cache
        self.executable = executable
    }

    /// The sentence a display speaks for a call, in German.
    public static func sentence(spokenNumber: String, counterName: String) -> String {
        "Wartenummer \(spokenNumber) bitte zu \(counterName)"
    }

    /// Why speech is not available.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What failed.
        public var description: String
    }

    /// WAV audio of `text` with the German voice.
    public func speech(_ text: String) async throws -> Data {
        if let data = spoken[text] { return data }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw Unavailable(description: "espeak-ng not installed at \(executable)")
        }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let file = cache.appendingPathComponent("\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: file) }
        let child = try ChildProcess(executable, ["-v", "de", "-s", "140", "-w", file.path, text])
        let termination = await child.exit()
        guard termination.succeeded, let data = try? Data(contentsOf: file), data.count > 44 else {
            throw Unavailable(description: "espeak-ng ended with \(termination)")
        }
        if spoken.count > 500 { spoken.removeAll() }
        spoken[text] = data
        return data
    }

    /// A two-tone gong (E5 then C5 with decay), 16-bit mono PCM at 22.05 kHz.
    public static let gong: Data = {
        let rate = 22_050
        var samples: [Int16] = []
        for (frequency, seconds) in [(659.25, 0.45), (523.25, 0.9)] {
            let count = Int(Double(rate) * seconds)
            for index in 0..<count {
                let time = Double(index) / Double(rate)
                let envelope = exp(-3.5 * time / seconds)
                let value = sin(2 * .pi * frequency * time) * 0.6 + sin(4 * .pi * frequency * time) * 0.15
                samples.append(Int16(max(-1, min(1, value * envelope)) * 30_000))
            }
        }
        return wav(samples: samples, rate: rate)
    }()

    static func wav(samples: [Int16], rate: Int) -> Data {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        let payload = samples.count * 2
        data.append(contentsOf: Array("RIFF".utf8))
        append(UInt32(36 + payload))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(UInt32(16))
        append(UInt16(1))  // PCM
        append(UInt16(1))  // mono
        append(UInt32(rate))
        append(UInt32(rate * 2))
        append(UInt16(2))
        append(UInt16(16))
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(payload))
        for sample in samples { append(sample) }
        return data
    }
}

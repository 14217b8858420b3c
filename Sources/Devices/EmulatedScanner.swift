import Foundation
public import KioskCore

#if canImport(Glibc)
import Glibc
#endif

/// The scanner's emulated twin for the demo and tests: scans are lines written to a named pipe (FIFO).
///
/// Each line is one scan; a leading AIM id such as `]Q1` names the symbology and is not part of the data.
/// `#unplug` and `#replug` emit `.detached` and `.attached`. The pipe is created when missing. Needs no libusb.
public final class EmulatedScanner: BarcodeScanning, @unchecked Sendable {
    // @unchecked: the descriptor is used only by the reader thread after init; the stop flag is under `lock`.

    /// The device name in events.
    public let device: String
    /// The pipe's path.
    public let fifoPath: String

    private let stream: AsyncStream<ScannerEvent>
    private let continuation: AsyncStream<ScannerEvent>.Continuation
    private let descriptor: Int32
    private let lock = NSLock()
    private var stopRequested = false
    private let stopped = DispatchSemaphore(value: 0)

    /// The pipe could not be made or opened.
    public struct SetupError: Error, CustomStringConvertible {
        /// What failed, in German and English.
        public let problem: Message
        public var description: String { problem.description }
    }

    /// Reads scans from the FIFO at `fifo` (created when missing) and emits `.attached` at once.
    public init(fifo: String, device: String = "emulated-scanner") throws(SetupError) {
        self.device = device
        fifoPath = fifo
        var status = stat()
        if stat(fifo, &status) != 0 {
            guard mkfifo(fifo, 0o600) == 0 else {
                throw SetupError(problem: Message(
                    de: "Die Scanner-Pipe \(fifo) kann nicht angelegt werden (errno \(errno)).",
                    en: "Cannot create the scanner pipe \(fifo) (errno \(errno))."))
            }
        } else if status.st_mode & S_IFMT != S_IFIFO {
            throw SetupError(problem: Message(
                de: "\(fifo) ist keine Pipe (FIFO).", en: "\(fifo) is not a named pipe (FIFO)."))
        }
        // Read and write: open does not wait for a writer, and the pipe never reports end-of-file when a writer
        // closes, so one scanner reads any number of writers in turn.
        descriptor = open(fifo, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SetupError(problem: Message(
                de: "Die Scanner-Pipe \(fifo) lässt sich nicht öffnen (errno \(errno)).",
                en: "Cannot open the scanner pipe \(fifo) (errno \(errno))."))
        }
        (stream, continuation) = AsyncStream.makeStream(of: ScannerEvent.self, bufferingPolicy: .bufferingNewest(256))
        continuation.yield(.attached(device: device))
        let thread = Thread { [self] in readLines() }
        thread.name = "emulated-scanner"
        thread.start()
    }

    /// The events, in order, until `shutdown()`; one consumer.
    public func events() -> AsyncStream<ScannerEvent> { stream }

    /// Stops reading and closes the pipe (the FIFO file stays); returns when done. Idempotent.
    public func shutdown() {
        let first = lock.withLock {
            defer { stopRequested = true }
            return !stopRequested
        }
        if first { stopped.wait() }
    }

    private var isStopRequested: Bool { lock.withLock { stopRequested } }

    private func readLines() {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !isStopRequested {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            pending.append(contentsOf: chunk[0..<count])
            while let newline = pending.firstIndex(of: 0x0A) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }
                if let event = Self.event(line: line, device: device) { continuation.yield(event) }
            }
        }
        close(descriptor)
        continuation.finish()
        stopped.signal()
    }

    /// What one line of the pipe means; nil for an empty line.
    static func event(line: [UInt8], device: String) -> ScannerEvent? {
        guard !line.isEmpty else { return nil }
        if line == Array("#unplug".utf8) { return .detached(device: device) }
        if line == Array("#replug".utf8) { return .attached(device: device) }
        if line.count >= 3, line[0] == UInt8(ascii: "]") {
            let symbology = Symbology(aimIdentifier: String(decoding: line[0..<3], as: UTF8.self))
            if symbology != .unknown {
                return .scanned(ScannedCode(symbology: symbology, data: Array(line[3...])))
            }
        }
        return .scanned(ScannedCode(symbology: .unknown, data: line))
    }
}

/// Feeds an `EmulatedScanner` (tests, the demo script): writes lines into its FIFO.
public enum ScannerScript {
    /// The line that makes the emulated scanner report an unplug.
    public static let unplug = "#unplug"
    /// The line that makes it report the scanner back.
    public static let replug = "#replug"

    /// Writes `text` as one line (one scan, or `unplug` / `replug`) to the FIFO at `fifoPath`, waiting up to
    /// `timeout` for a reader; a line feed in `text` would split it into two scans.
    public static func send(_ text: String, to fifoPath: String, timeout: Duration = .seconds(5)) throws(EmulatedScanner.SetupError) {
        let deadline = ContinuousClock.now + timeout
        var descriptor: Int32 = -1
        while true {
            // Non-blocking: fails with ENXIO while nobody reads, instead of hanging the caller.
            descriptor = open(fifoPath, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0 || ContinuousClock.now >= deadline { break }
            usleep(20_000)
        }
        guard descriptor >= 0 else {
            throw EmulatedScanner.SetupError(problem: Message(
                de: "Niemand liest die Scanner-Pipe \(fifoPath).", en: "Nobody reads the scanner pipe \(fifoPath)."))
        }
        defer { close(descriptor) }
        // One write of at most PIPE_BUF bytes is atomic: lines from several writers never interleave.
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw EmulatedScanner.SetupError(problem: Message(
                de: "Die Zeile passte nicht in die Scanner-Pipe.", en: "The line did not fit into the scanner pipe."))
        }
    }
}

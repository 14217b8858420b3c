import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal reports to the application.
public enum TerminalEvent: Hashable, Sendable {
    /// A key was pressed.
    case key(Key)
    /// The terminal has a new size; render again, and check the minimum size again.
    case resize(columns: Int, rows: Int)
}

/// A terminal size in character cells.
public struct TerminalSize: Hashable, Sendable {
    /// Width in cells.
    public var columns: Int
    /// Height in cells.
    public var rows: Int

    /// Creates a size.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

// Opening changes the terminal's settings; `close()` puts every one of them back and is also called on
// deinit, so a session that goes out of scope never leaves a shell without echo behind. Signals that kill
// the process are the caller's to handle (kioskd's service group closes the session on SIGTERM).

/// The terminal as the kiosk's screen and keyboard: raw mode, alternate screen, diffed drawing and key events.
public final class TerminalSession: @unchecked Sendable {
    // @unchecked: every mutable field is read and written only while holding `lock`; the descriptors,
    // the saved settings and the reader never change after init.
    private let input: Int32
    private let output: Int32
    private let savedAttributes: termios
    private let reader: InputReader
    private let renderer = TerminalRenderer()
    private let lock = NSLock()
    private var isOpen = true
    private var writer = ANSIWriter()
    private var currentSize: TerminalSize
    private var resizeSource: (any DispatchSourceSignal)?

    /// Escape sequences that set the screen up: alternate screen, hidden cursor, no auto-wrap.
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l"
    /// Escape sequences that undo `enterSequence` and reset attributes.
    static let leaveSequence = "\u{1B}[0m\u{1B}[?7h\u{1B}[?25h\u{1B}[?1049l"

    /// Takes over the terminal on the given descriptors (standard input and output by default).
    public init(input: Int32 = 0, output: Int32 = 1) throws(TerminalError) {
        guard isatty(input) == 1 && isatty(output) == 1 else {
            throw TerminalError.notATerminal
        }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else {
            throw TerminalError.systemCall("tcgetattr", errno: errno)
        }
        let reader = try InputReader(descriptor: input)
        var raw = saved
        // No echo, no line editing, no signals from Ctrl-C/Ctrl-Z: the application decides what keys mean.
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { characters in
            // poll() decides when to read, so read() must never wait on its own.
            characters[Int(VMIN)] = 0
            characters[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else {
            let code = errno
            reader.stop()
            throw TerminalError.systemCall("tcsetattr", errno: code)
        }
        self.input = input
        self.output = output
        self.savedAttributes = saved
        self.reader = reader
        self.currentSize = Self.querySize(of: output)
        Self.writeAll(Self.enterSequence, to: output)
        startResizeSource()
    }

    deinit {
        close()
    }

    /// The terminal's size as last reported.
    public var size: TerminalSize {
        lock.withLock { currentSize }
    }

    /// Throws `tooSmall` when the terminal is below the layout's minimum of 80×24.
    public func checkSize() throws(TerminalError) {
        let size = self.size
        if size.columns < TerminalRenderer.minimumColumns || size.rows < TerminalRenderer.minimumRows {
            throw TerminalError.tooSmall(columns: size.columns, rows: size.rows)
        }
    }

    // Reading happens on a thread of its own, so awaiting the stream never blocks the cooperative pool.
    /// Keys and resizes as they happen, for one consumer at a time; asking again ends the earlier stream.
    public func events() -> AsyncStream<TerminalEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: TerminalEvent.self,
            bufferingPolicy: .bufferingNewest(256)
        )
        let open = lock.withLock { isOpen }
        if open {
            reader.attach(continuation)
        } else {
            continuation.finish()
        }
        return stream
    }

    /// Draws a screen, writing only what changed since the previous frame.
    public func render(_ screen: Screen) {
        lock.withLock {
            guard isOpen else { return }
            let grid = renderer.render(screen, columns: currentSize.columns, rows: currentSize.rows)
            Self.writeAll(writer.frame(grid), to: output)
        }
    }

    /// Shows a message alone on the screen, e.g. the too-small or an error message.
    public func showMessage(_ text: String) {
        lock.withLock {
            guard isOpen else { return }
            let grid = renderer.renderMessage(text, columns: currentSize.columns, rows: currentSize.rows)
            Self.writeAll(writer.frame(grid), to: output)
        }
    }

    /// Gives the terminal back as it was found: settings, main screen, cursor; safe to call more than once.
    public func close() {
        let (wasOpen, source): (Bool, (any DispatchSourceSignal)?) = lock.withLock {
            guard isOpen else { return (false, nil) }
            isOpen = false
            defer { resizeSource = nil }
            return (true, resizeSource)
        }
        guard wasOpen else { return }
        source?.cancel()
        reader.stop()
        lock.withLock {
            Self.writeAll(Self.leaveSequence, to: output)
            var attributes = savedAttributes
            _ = tcsetattr(input, TCSAFLUSH, &attributes)
        }
    }

    // MARK: Resize

    private func startResizeSource() {
        #if !os(Linux)
        // kqueue sees the signal even when ignored, and ignoring keeps the default action out of the way.
        // On Linux libdispatch installs its own handler once per process; SIG_IGN there would undo it for
        // every later session.
        signal(SIGWINCH, SIG_IGN)
        #endif
        let source = DispatchSource.makeSignalSource(
            signal: SIGWINCH,
            queue: DispatchQueue(label: "kiosk.terminal.resize")
        )
        source.setEventHandler { [weak self] in
            self?.sizeChanged()
        }
        lock.withLock { resizeSource = source }
        source.resume()
    }

    private func sizeChanged() {
        let size = Self.querySize(of: output)
        let open = lock.withLock {
            guard isOpen else { return false }
            currentSize = size
            // After a resize the terminal may have reflowed or cleared; only a full redraw is certain.
            writer.invalidate()
            return true
        }
        if open {
            reader.deliver(.resize(columns: size.columns, rows: size.rows))
        }
    }

    /// The size from TIOCGWINSZ, else from COLUMNS/LINES, else 80×24.
    static func querySize(of descriptor: Int32) -> TerminalSize {
        var size = winsize()
        #if os(Linux)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        if ioctl(descriptor, request, &size) == 0 && size.ws_col > 0 && size.ws_row > 0 {
            return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
        }
        let environment = ProcessInfo.processInfo.environment
        let columns = environment["COLUMNS"].flatMap { Int($0) } ?? TerminalRenderer.minimumColumns
        let rows = environment["LINES"].flatMap { Int($0) } ?? TerminalRenderer.minimumRows
        return TerminalSize(columns: columns, rows: rows)
    }

    /// Writes everything, retrying after interruptions; gives up silently when the terminal is gone.
    static func writeAll(_ text: String, to descriptor: Int32) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && (errno == EINTR || errno == EAGAIN) {
                    var descriptors = [pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)]
                    _ = poll(&descriptors, 1, 100)
                } else {
                    return
                }
            }
        }
    }
}

/// Reads the terminal on a thread of its own, so that waiting for keys never occupies a thread of the pool.
final class InputReader: @unchecked Sendable {
    // @unchecked: `continuation`, `started`, `stopped` and `inputEnded` are guarded by `lock`; the
    // descriptors are fixed at init, and the wake pipe is closed only after the thread has ended.
    private let descriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let lock = NSLock()
    private let ended = DispatchSemaphore(value: 0)
    private var continuation: AsyncStream<TerminalEvent>.Continuation?
    private var started = false
    private var stopped = false
    private var inputEnded = false

    /// How long a lone ESC waits for the rest of a sequence before it counts as the Escape key.
    static let escapeTimeoutMilliseconds: Int32 = 50

    init(descriptor: Int32) throws(TerminalError) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw TerminalError.systemCall("pipe", errno: errno)
        }
        self.descriptor = descriptor
        self.wakeRead = pipeEnds[0]
        self.wakeWrite = pipeEnds[1]
    }

    /// Hands events to a new consumer, finishing the previous one; starts the thread on first use.
    func attach(_ newContinuation: AsyncStream<TerminalEvent>.Continuation) {
        let (previous, start): (AsyncStream<TerminalEvent>.Continuation?, Bool) = lock.withLock {
            // Nothing will ever be read again: hand the new consumer an ended stream.
            guard !stopped && !inputEnded else { return (newContinuation, false) }
            let previous = continuation
            continuation = newContinuation
            let start = !started
            started = true
            return (previous, start)
        }
        previous?.finish()
        if start {
            let thread = Thread { [self] in
                run()
            }
            thread.name = "kiosk.terminal.input"
            thread.start()
        }
    }

    func deliver(_ event: TerminalEvent) {
        lock.withLock {
            _ = continuation?.yield(event)
        }
    }

    /// Ends the thread and the stream; waits briefly for the thread so the pipe is not closed under it.
    func stop() {
        let wasStarted: Bool? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            return started
        }
        guard let wasStarted else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        if wasStarted {
            _ = ended.wait(timeout: .now() + .seconds(2))
        }
        _ = close(wakeRead)
        _ = close(wakeWrite)
        let last = lock.withLock {
            defer { continuation = nil }
            return continuation
        }
        last?.finish()
    }

    private func run() {
        defer { ended.signal() }
        var decoder = KeyDecoder()
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            var descriptors = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            let timeout = decoder.hasPending ? Self.escapeTimeoutMilliseconds : -1
            let ready = poll(&descriptors, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                emit(decoder.flush())
                continue
            }
            if descriptors[1].revents != 0 {
                return
            }
            let events = descriptors[0].revents
            if events & Int16(POLLIN) != 0 {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 {
                    emit(decoder.feed(buffer[0..<count]))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    break
                }
            } else if events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                break
            }
        }
        // The terminal went away: tell the consumer by ending its stream.
        let last = lock.withLock {
            inputEnded = true
            defer { continuation = nil }
            return continuation
        }
        last?.finish()
    }

    private func emit(_ keys: [Key]) {
        guard !keys.isEmpty else { return }
        lock.withLock {
            for key in keys {
                _ = continuation?.yield(.key(key))
            }
        }
    }
}

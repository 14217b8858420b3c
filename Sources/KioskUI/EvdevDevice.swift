import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What an evdev node delivered, decoded: a key or a tap on the touch panel.
public enum EvdevInput: Hashable, Sendable {
    /// A key of a keyboard or keypad.
    case key(Key)
    /// A tap at screen pixel (`x`, `y`).
    case tap(x: Int, y: Int)
    /// The node could not be opened or read (errno); the reader tries again every two seconds.
    case unavailable(errno: Int32)
}

/// A Linux input node (`/dev/input/eventN`) read with plain `read()` on a thread of its own.
///
/// Keys go through `EvdevKeyMap`, touches through a `TouchTracker` when one is given. A node that is missing or
/// unplugged is opened again every two seconds, so a keypad plugged in later works without a restart.
public final class EvdevDevice: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `lock`; path and tracker are fixed at init, and the tracker and key map
    // are only touched on the reader thread.
    /// The device node.
    public let path: String
    private let tracker: TouchTracker?
    private let lock = NSLock()
    private var stopped = false

    /// Reads keys from `path`; with `touch`, also taps.
    public init(path: String, touch: TouchTracker? = nil) {
        self.path = path
        self.tracker = touch
    }

    /// Starts the reader thread; the stream ends after `stop()`.
    public func inputs() -> AsyncStream<EvdevInput> {
        let (stream, continuation) = AsyncStream.makeStream(of: EvdevInput.self)
        let thread = Thread { [self] in
            run(continuation)
            continuation.finish()
        }
        thread.name = "kiosk.evdev"
        thread.start()
        return stream
    }

    /// Ends the reader thread within a quarter of a second.
    public func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func run(_ continuation: AsyncStream<EvdevInput>.Continuation) {
        var keys = EvdevKeyMap()
        var touch = tracker
        var lastProblem: Int32 = 0
        while !isStopped {
            let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                if code != lastProblem { continuation.yield(.unavailable(errno: code)) }
                lastProblem = code
                for _ in 0..<8 where !isStopped { usleep(250_000) }
                continue
            }
            lastProblem = 0
            var buffer = [UInt8](repeating: 0, count: InputEvent.recordSize * 64)
            var pending: [UInt8] = []
            reading: while !isStopped {
                var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&descriptors, 1, 250)
                if ready < 0 && errno != EINTR { break }
                if ready <= 0 { continue }
                if descriptors[0].revents & Int16(POLLIN) != 0 {
                    let count = read(descriptor, &buffer, buffer.count)
                    if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
                    if count <= 0 {
                        continuation.yield(.unavailable(errno: count < 0 ? errno : ENODEV))
                        break reading
                    }
                    pending += buffer[0..<count]
                    let whole = pending.count / InputEvent.recordSize * InputEvent.recordSize
                    for event in InputEvent.decode(pending[0..<whole]) {
                        if let key = keys.key(for: event) { continuation.yield(.key(key)) }
                        if let tap = touch?.feed(event) { continuation.yield(.tap(x: tap.x, y: tap.y)) }
                    }
                    pending.removeFirst(whole)
                } else if descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    continuation.yield(.unavailable(errno: ENODEV))
                    break reading
                }
            }
            close(descriptor)
        }
    }
}

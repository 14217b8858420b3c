import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What an evdev node delivered, decoded: a key, a tap on the touch panel, or the headphone jack's switch.
public enum EvdevInput: Hashable, Sendable {
    /// A key of a keyboard or keypad.
    case key(Key)
    /// A tap at screen pixel (`x`, `y`).
    case tap(x: Int, y: Int)
    /// Headphones plugged into the jack (true) or pulled out (false).
    case headphones(plugged: Bool)
    /// The node could not be opened or read (errno); the reader tries again every two seconds.
    case unavailable(errno: Int32)
}

/// A Linux input node (`/dev/input/eventN`) read with plain `read()` on a thread of its own.
///
/// Keys go through `EvdevKeyMap`, touches through a `TouchTracker` when one is given, the headphone jack's switch
/// through `HeadphoneJack` when asked to watch it. A node that is missing or unplugged is opened again every two
/// seconds, so a keypad plugged in later works without a restart.
public final class EvdevDevice: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `lock`; path, tracker and the jack flag are fixed at init, and the
    // tracker, jack and key map are only touched on the reader thread.
    /// The device node.
    public let path: String
    private let tracker: TouchTracker?
    private let watchesJack: Bool
    private let lock = NSLock()
    private var stopped = false

    /// Reads keys from `path`; with `touch`, also taps; with `headphoneJack`, the jack's switch (its state at
    /// open, then its changes).
    public init(path: String, touch: TouchTracker? = nil, headphoneJack: Bool = false) {
        self.path = path
        self.tracker = touch
        self.watchesJack = headphoneJack
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
        var jack = HeadphoneJack()
        var lastProblem: Int32 = 0
        while !isStopped {
            let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else {
                let code = errno
                if code != lastProblem { continuation.yield(.unavailable(errno: code)) }
                lastProblem = code
                if watchesJack, jack.lost() { continuation.yield(.headphones(plugged: false)) }
                for _ in 0..<8 where !isStopped { usleep(250_000) }
                continue
            }
            lastProblem = 0
            // Headphones already in when the kiosk starts (or the node comes back) count as plugged in now.
            if watchesJack, let plugged = Self.switchBitmap(descriptor).flatMap({ jack.read(switchBitmap: $0) }) {
                continuation.yield(.headphones(plugged: plugged))
            }
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
                        guard watchesJack else { continue }
                        switch jack.feed(event) {
                        case .changed(let plugged)?:
                            continuation.yield(.headphones(plugged: plugged))
                        case .readSwitchesAgain?:
                            if let plugged = Self.switchBitmap(descriptor).flatMap({ jack.read(switchBitmap: $0) }) {
                                continuation.yield(.headphones(plugged: plugged))
                            }
                        case nil:
                            break
                        }
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

    /// `EVIOCGSW(len)`: `_IOC(_IOC_READ, 'E', 0x1b, len)`.
    public static let switchBitmapRequest = UInt(2) << 30 | UInt(HeadphoneJack.switchBitmapSize) << 16 | UInt(0x45) << 8 | 0x1b

    /// The node's switch bitmap, nil when it has none (not a switch device: the events alone then tell).
    static func switchBitmap(_ descriptor: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: HeadphoneJack.switchBitmapSize)
        let result = bytes.withUnsafeMutableBytes { ioctl(descriptor, switchBitmapRequest, $0.baseAddress!) }
        return result < 0 ? nil : bytes
    }
}

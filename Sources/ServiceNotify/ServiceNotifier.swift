public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how a `Type=notify` service is doing (sd_notify(3)): READY=1 once it serves, WATCHDOG=1 while it
/// lives, STOPPING=1 when it shuts down. One datagram per message to the socket in `$NOTIFY_SOCKET`.
///
/// Without `NOTIFY_SOCKET` (started by hand, or in tests) every call does nothing, as sd_notify does.
public final class ServiceNotifier: Sendable {
    /// The socket address, nil when not started by systemd.
    public let socketPath: String?
    /// Half the watchdog interval systemd asks for (`$WATCHDOG_USEC`), nil without a watchdog.
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET` and `WATCHDOG_USEC` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        // WATCHDOG_PID, when set, names the process meant; a child that inherited the variables must stay quiet.
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if forUs, let text = environment["WATCHDOG_USEC"], let micro = Int64(text), micro > 0 {
            watchdogInterval = .microseconds(micro / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// The service is up: it answers requests (central) or shows its first screen (kioskd).
    public func ready() { send("READY=1") }

    /// The service lives; systemd restarts it when these stop coming for `WatchdogSec`.
    public func watchdog() { send("WATCHDOG=1") }

    /// The service has begun to shut down.
    public func stopping() { send("STOPPING=1") }

    /// A line for `systemctl status`, e.g. "3 terminals connected"; never personal data.
    public func status(_ text: String) { send("STATUS=\(text)") }

    /// Sends `WATCHDOG=1` every `watchdogInterval` until cancelled; returns at once without a watchdog.
    public func runWatchdog() async {
        guard let interval = watchdogInterval else { return }
        while !Task.isCancelled {
            watchdog()
            try? await Task.sleep(for: interval)
        }
    }

    /// Sends one message; failures are ignored, as systemd's own sd_notify does: the service must not stop for
    /// want of a listener.
    func send(_ message: String) {
        guard var path = socketPath else { return }
        // "@name" is Linux's abstract namespace: a leading NUL byte in the address.
        let abstract = path.hasPrefix("@")
        if abstract { path.removeFirst() }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let offset = abstract ? 1 : 0
        guard bytes.count + offset < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            for (index, byte) in bytes.enumerated() { raw[index + offset] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + offset + bytes.count + (abstract ? 0 : 1))
        let payload = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                payload.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, socketAddress, length) }
            }
        }
    }
}

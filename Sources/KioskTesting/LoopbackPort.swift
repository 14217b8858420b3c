import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports for test servers that are stopped and started again on the same port.
///
/// Ports come from below the kernel's ephemeral range (32768–60999 on Debian): a port the kernel hands
/// out for "port 0" may be taken by any outgoing connection while a test server is down, and the restart
/// then fails to bind. Below that range only servers that ask for a port by number compete.
public enum LoopbackPort {
    /// Ports this process handed out already: between `free()` and the test's bind another suite could be handed
    /// the same one ("Address already in use"), so none is handed out twice.
    private static let handedOut = Mutex<Set<Int>>([])

    /// A port in 20000..<32000 that nothing listens on right now and that this process has not handed out before.
    public static func free() -> Int {
        var generator = SystemRandomNumberGenerator()
        while true {
            let candidate = Int.random(in: 20000..<32000, using: &generator)
            guard canBind(candidate) else { continue }
            if handedOut.withLock({ $0.insert(candidate).inserted }) { return candidate }
        }
    }

    /// Whether a listening socket could be bound to 127.0.0.1:`port` now.
    public static func canBind(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        return withLoopback(port) { bind(socket, $0, $1) == 0 }
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    public static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        return withLoopback(port) { connect(socket, $0, $1) == 0 }
    }

    /// Calls `body` with 127.0.0.1:`port` as a socket address.
    private static func withLoopback(_ port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Bool) -> Bool {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}

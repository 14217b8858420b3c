import Foundation
import KioskTesting
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP proxy to a local port that can hold back the replies: requests still reach the upstream
/// (which acts on them), the answers wait until `hold` is false. Plays a central whose sync response stalls.
final class HoldingProxy: @unchecked Sendable {
    // @unchecked: `holding`, `held` and `sockets` are only touched under `lock`; the threads own their descriptors.
    let port = LoopbackPort.free()
    let upstreamPort: Int
    private let lock = NSLock()
    private var holding = false
    private var held = 0
    private var sockets: [Int32] = []
    private let listener: Int32

    var url: String { "http://127.0.0.1:\(port)" }

    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var reuse: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        sockets.append(listener)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// While true, bytes from upstream wait in the proxy.
    var hold: Bool {
        get { lock.withLock { holding } }
        set { lock.withLock { holding = newValue } }
    }

    /// How many upstream reads are waiting for `hold` to end: a reply central sent that the client has not seen.
    var heldReplies: Int { lock.withLock { held } }

    /// Closes the listener and every connection.
    func close() {
        lock.withLock {
            for descriptor in sockets { shutdown(descriptor, Int32(SHUT_RDWR)) }
            sockets = []
        }
        Glibc.close(listener)
    }

    static func loopback(_ port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                Glibc.close(client)
                Glibc.close(upstream)
                continue
            }
            lock.withLock { sockets += [client, upstream] }
            Thread.detachNewThread { [self] in pump(from: client, to: upstream, holdable: false) }
            Thread.detachNewThread { [self] in pump(from: upstream, to: client, holdable: true) }
        }
    }

    private func pump(from source: Int32, to destination: Int32, holdable: Bool) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            if holdable, hold {
                lock.withLock { held += 1 }
                while hold { usleep(10_000) }
                lock.withLock { held -= 1 }
            }
            guard buffer.withUnsafeBytes({ send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }) == count else { break }
        }
        shutdown(destination, Int32(SHUT_WR))
    }
}

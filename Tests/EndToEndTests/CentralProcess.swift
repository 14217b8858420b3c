import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `kiosk-central` binary running as a child process on a free loopback port.
final class CentralProcess: @unchecked Sendable {
    // @unchecked: only the test's task starts, kills and restarts it.
    let database: String
    let catalog: String
    let port: Int
    private var process: Process?

    init(database: String, catalog: String) throws {
        self.database = database
        self.catalog = catalog
        port = try Self.freePort()
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// A port the kernel just gave out and released: free unless someone takes it in the next moment.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func start() throws {
        let binary = try #require(KioskdTerminalTests.executable("kiosk-central"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--database", database, "--catalog", catalog, "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if Self.accepts(port) { return }
            usleep(50_000)
        }
        throw POSIXError(.ETIMEDOUT)
    }

    /// SIGKILL: no graceful shutdown, as when the machine loses power.
    func kill() {
        guard let process else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    deinit { kill() }
}

import ChildProcess
import Foundation
import KioskTesting
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
    /// Further arguments of `serve`, e.g. `--tls-dir`.
    let arguments: [String]
    private var process: ChildProcess?
    private let sealingKey = FileManager.default.temporaryDirectory.appendingPathComponent("central-sealing-\(UUID().uuidString).key")

    init(database: String, catalog: String, arguments: [String] = []) throws {
        self.database = database
        self.catalog = catalog
        self.arguments = arguments
        port = LoopbackPort.free()
    }

    var url: String { "\(arguments.contains("--tls-dir") ? "https" : "http")://127.0.0.1:\(port)" }

    func start() throws {
        let binary = try #require(KioskdTerminalTests.executable("kiosk-central"))
        // A PostgreSQL database has no folder for central's sealing key: it gets one of the test's own, kept across
        // restarts, so that the key never lands in the checkout.
        let sealing = database.hasPrefix("postgres") ? ["--sealing-key", sealingKey.path] : []
        let child = try ChildProcess(binary, ["--database", database, "--catalog", catalog, "--port", String(port)] + sealing + arguments)
        process = child
        switch child.waitUntilReady(within: .seconds(20), { LoopbackPort.accepts(port) }) {
        case .ready: return
        case .ended(let end):
            Issue.record("kiosk-central ended before it answered: \(end)")
            throw POSIXError(.ECHILD)
        case .timedOut: throw POSIXError(.ETIMEDOUT)
        }
    }

    /// SIGKILL: no graceful shutdown, as when the machine loses power.
    func kill() {
        guard let process else { return }
        process.signal(SIGKILL)
        process.wait()
        self.process = nil
    }

    deinit { kill() }
}

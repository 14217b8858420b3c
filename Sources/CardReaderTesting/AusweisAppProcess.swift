public import Foundation
import ChildProcess
import KioskTesting

#if canImport(Glibc)
import Glibc
#endif

/// Debian's AusweisApp2 run headless for a test: Qt's offscreen platform, the WebSocket SDK on a free
/// loopback port, its settings in a temporary home. It finds the PC/SC readers of a running pcscd.
public final class AusweisAppProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched under `lock`; everything else is set once in init.

    /// The SDK's port.
    public let port: Int
    /// The temporary home with its settings and output.
    public let directory: URL
    private let lock = NSLock()
    private var process: ChildProcess?
    private static let executable = "/usr/bin/AusweisApp2"

    /// Starts AusweisApp and waits (20 s) until its SDK port accepts connections; nil (with a printed reason)
    /// when it is not installed and the run is not CI.
    public static func forTest() throws -> AusweisAppProcess? {
        if !FileManager.default.isExecutableFile(atPath: executable) {
            let reason = "\(executable) is missing: apt-get install ausweisapp2 (scripts/test.sh installs it)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw PCSCPeerUnavailable(description: reason) }
            print("skipped: \(reason)")
            return nil
        }
        return try AusweisAppProcess()
    }

    private init() throws {
        port = LoopbackPort.free()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ausweisapp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(directory.path, 0o700)
        var environment = ProcessInfo.processInfo.environment
        environment["QT_QPA_PLATFORM"] = "offscreen"
        environment["HOME"] = directory.path
        environment["XDG_RUNTIME_DIR"] = directory.path
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        let child = try ChildProcess(
            Self.executable, ["--ui", "websocket", "--port", String(port), "--address", "127.0.0.1", "--no-logfile"],
            environment: environment, output: .file(directory.appendingPathComponent("out.log").path),
            error: .file(directory.appendingPathComponent("err.log").path))
        process = child
        let port = port
        switch child.waitUntilReady(within: .seconds(60), { LoopbackPort.accepts(port) }) {
        case .ready: break
        case .ended(let end): throw PCSCPeerUnavailable(description: "AusweisApp2 ended at start (\(end))")
        case .timedOut:
            stop()
            throw PCSCPeerUnavailable(description: "AusweisApp2 did not listen on \(port) within 20 s")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// AusweisApp's last log lines about card readers, for failure messages.
    public var logTail: String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("out.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.localizedCaseInsensitiveContains("pcsc") || $0.contains("card") }
            .suffix(15).joined(separator: "\n")
    }

    /// Stops AusweisApp: SIGTERM, then SIGKILL after 5 s. Idempotent.
    public func stop() {
        lock.withLock {
            guard let child = process else { return }
            process = nil
            child.terminate()
        }
    }
}

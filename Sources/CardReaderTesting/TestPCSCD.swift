public import Foundation
import ChildProcess
import KioskTesting

#if canImport(Glibc)
import Glibc
#endif

/// A peer a PC/SC test needs is missing (not installed, no root, another pcscd running); says what to do.
public struct PCSCPeerUnavailable: Error, CustomStringConvertible, Sendable {
    /// What is missing and how to get it.
    public let description: String
}

/// pcscd run by the test itself, with vsmartcard's vpcd driver on free loopback ports.
///
/// pcscd 1.9.9 (Debian 12) has its socket at the fixed path /run/pcscd/pcscd.comm: unlike the client
/// library, the daemon ignores PCSCLITE_CSOCK_NAME. So only one pcscd can run per machine, and this one
/// refuses to start beside another. What is private is the reader configuration (`-c`): the vpcd readers
/// listen on `port` and `port + 1` instead of the package's fixed 35963, so a system vpcd never clashes.
/// Tests using it must run one at a time (one serialized suite). Needs root to create /run/pcscd.
public final class TestPCSCD: @unchecked Sendable {
    // @unchecked: `process` is only touched under `lock`; everything else is set once in init.

    /// The directory with the reader configuration and the logs.
    public let directory: URL
    /// vpcd's port for the first reader; the second reader listens on `port + 1`.
    public let port: Int
    private let lock = NSLock()
    private var process: ChildProcess?

    /// The name pcscd gives vpcd's first reader.
    public static let firstReader = "Virtual PCD 00 00"
    /// The name pcscd gives vpcd's second reader.
    public static let secondReader = "Virtual PCD 00 01"
    private static let socketPath = "/run/pcscd/pcscd.comm"
    private static let pidPath = "/run/pcscd/pcscd.pid"

    /// Why the test pcscd cannot run here, or nil when it can.
    public static var unavailableReason: String? {
        for path in ["/usr/sbin/pcscd", "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"]
        where !FileManager.default.fileExists(atPath: path) {
            return "\(path) is missing: apt-get install pcscd vsmartcard-vpcd (scripts/test.sh installs them)"
        }
        if getuid() != 0 { return "the test pcscd needs root (it creates /run/pcscd)" }
        if let other = runningPCSCD {
            return "another pcscd runs (pid \(other)); pcscd's socket path is fixed, so stop it first "
                + "(systemctl stop pcscd.socket pcscd, or kill \(other))"
        }
        return nil
    }

    /// The pid of a live pcscd named in pcscd's pid file, nil when none.
    private static var runningPCSCD: Int32? {
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8),
            let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0,
            kill(pid, 0) == 0
        else { return nil }
        return pid
    }

    /// A started pcscd, or nil (with a printed reason) when this machine cannot run one and the run is not CI.
    ///
    /// In CI (`CI=true`) nothing may pass unrun, so there a missing peer throws, as every other start-up error
    /// does everywhere.
    public static func forTest() throws -> TestPCSCD? {
        if let reason = unavailableReason, ProcessInfo.processInfo.environment["CI"] != "true" {
            print("skipped: \(reason)")
            return nil
        }
        return try TestPCSCD()
    }

    /// Writes the reader configuration and starts pcscd; returns once it answers clients.
    public init() throws {
        if let reason = Self.unavailableReason { throw PCSCPeerUnavailable(description: reason) }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pcscd-\(UUID().uuidString)")
        var candidate = LoopbackPort.free()
        while !LoopbackPort.canBind(candidate + 1) { candidate = LoopbackPort.free() }
        port = candidate
        let configuration = directory.appendingPathComponent("reader.conf.d")
        try FileManager.default.createDirectory(at: configuration, withIntermediateDirectories: true)
        // As /etc/reader.conf.d/vpcd, with the port (after the colon) made private: "/dev/null" as host makes
        // vpcd listen for the card side rather than connect out.
        try """
            FRIENDLYNAME "Virtual PCD"
            DEVICENAME   /dev/null:\(port)
            LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so
            CHANNELID    \(port)

            """.write(to: configuration.appendingPathComponent("vpcd"), atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts pcscd (again) and waits until its socket and vpcd's port are up (at most 15 s).
    public func start() throws {
        try lock.withLock {
            guard process == nil else { return }
            let child = try ChildProcess(
                "/usr/sbin/pcscd", ["--foreground", "--debug", "-c", directory.appendingPathComponent("reader.conf.d").path],
                output: .file(directory.appendingPathComponent("pcscd.log").path),
                error: .file(directory.appendingPathComponent("pcscd.err").path))
            process = child
            let port = port
            let ready = child.waitUntilReady(within: .seconds(30)) {
                FileManager.default.fileExists(atPath: Self.socketPath) && LoopbackPort.accepts(port)
                    && LoopbackPort.accepts(port + 1)
            }
            switch ready {
            case .ready: return
            case .ended(let end):
                process = nil
                throw PCSCPeerUnavailable(description: "pcscd ended at start (\(end)): \(logTail)")
            case .timedOut:
                throw PCSCPeerUnavailable(description: "pcscd was not ready within 15 s: \(logTail)")
            }
        }
    }

    /// Stops pcscd: SIGTERM, then SIGKILL after 5 s; waits until it is gone. Idempotent.
    public func stop() {
        lock.withLock {
            guard let child = process else { return }
            process = nil
            child.terminate()
        }
    }

    /// The last lines of pcscd's log, for failure messages.
    public var logTail: String {
        let log = (try? String(contentsOf: directory.appendingPathComponent("pcscd.log"), encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: directory.appendingPathComponent("pcscd.err"), encoding: .utf8)) ?? ""
        return (log.split(separator: "\n").suffix(15) + errors.split(separator: "\n").suffix(5)).joined(separator: "\n")
    }
}

public import Foundation
public import ChildProcess
import KioskTesting
public import Printing

#if canImport(Glibc)
import Glibc
#endif

/// A peer a test needs is missing (not installed, no root); the description says what to do.
public struct PeerUnavailable: Error, CustomStringConvertible, Sendable {
    /// What is missing and how to get it.
    public let description: String
}

/// A cupsd of its own for one test or benchmark, as CUPS' own test/run-stp-tests.sh runs one.
///
/// Configuration, spool, cache, state and logs live in a fresh temporary directory; it listens on a free
/// loopback port only, runs in the foreground (`-f`) as a child process and is stopped (SIGTERM, then
/// SIGKILL) by `stop()` or when the value goes away. Needs root, as the scheduler runs backends as user lp.
public final class PrivateCUPSD: @unchecked Sendable {
    // @unchecked: `process` is only touched under `lock`; everything else is set once in init.
    /// The temporary directory with everything of this cupsd.
    public let directory: URL
    /// The loopback port it listens on.
    public let port: Int
    private let lock = NSLock()
    private var process: ChildProcess?

    /// Where clients reach it.
    public var endpoint: NetworkEndpoint { NetworkEndpoint(host: "127.0.0.1", port: port) }

    /// Why a private cupsd cannot run on this machine, or nil when it can.
    public static var unavailableReason: String? {
        for path in ["/usr/sbin/cupsd", "/usr/sbin/lpadmin", "/usr/bin/lp", "/usr/lib/cups/backend/socket"]
        where !FileManager.default.isExecutableFile(atPath: path) {
            return "\(path) is missing: apt-get install cups cups-client cups-daemon (scripts/test.sh installs them)"
        }
        if getuid() != 0 { return "a private cupsd needs root (it runs its backends as user lp)" }
        return nil
    }

    /// Writes the configuration, starts cupsd and waits until it accepts connections (at most 15 s).
    public init() throws {
        if let reason = Self.unavailableReason { throw PeerUnavailable(description: reason) }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cupsd-\(UUID().uuidString)")
        port = LoopbackPort.free()
        for sub in ["spool/temp", "cache", "state", "log"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        // The backend runs as lp and reads spool files; the temp dir must be as open as /var/spool/cups/tmp.
        chmod(directory.path, 0o755)
        chmod(directory.appendingPathComponent("spool/temp").path, 0o1777)
        let root = directory.path
        try """
            ServerRoot \(root)
            StateDir \(root)/state
            CacheDir \(root)/cache
            RequestRoot \(root)/spool
            TempDir \(root)/spool/temp
            ServerBin /usr/lib/cups
            DataDir /usr/share/cups
            DocumentRoot /usr/share/cups/doc-root
            AccessLog \(root)/log/access_log
            ErrorLog \(root)/log/error_log
            PageLog \(root)/log/page_log
            Printcap

            """.write(to: directory.appendingPathComponent("cups-files.conf"), atomically: true, encoding: .utf8)
        // Open to anyone on loopback, no authentication: nothing else can reach this port.
        try """
            Listen 127.0.0.1:\(port)
            Browsing Off
            WebInterface No
            LogLevel debug
            DefaultAuthType None
            <Location />
              Order allow,deny
              Allow all
            </Location>
            <Policy default>
              <Limit All>
                Order allow,deny
                Allow all
              </Limit>
            </Policy>

            """.write(to: directory.appendingPathComponent("cupsd.conf"), atomically: true, encoding: .utf8)
        let child = try ChildProcess(
            "/usr/sbin/cupsd", ["-f", "-c", "\(root)/cupsd.conf", "-s", "\(root)/cups-files.conf"],
            output: .file("\(root)/log/stdout"), error: .file("\(root)/log/stderr"))
        process = child
        switch child.waitUntilReady(within: .seconds(15), { LoopbackPort.accepts(port) }) {
        case .ready: break
        case .ended(let end): throw PeerUnavailable(description: "cupsd ended at start (\(end)): \(errorLogTail)")
        case .timedOut:
            stop()
            throw PeerUnavailable(description: "cupsd did not listen on \(port) within 15 s: \(errorLogTail)")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The last lines of cupsd's error log, for failure messages.
    public var errorLogTail: String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("log/error_log"), encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: directory.appendingPathComponent("log/stderr"), encoding: .utf8)) ?? ""
        return (text.split(separator: "\n").suffix(15) + stderr.split(separator: "\n").suffix(5)).joined(separator: "\n")
    }

    /// Runs a CUPS command-line tool against this server and returns what it printed.
    @discardableResult
    public func run(_ tool: String, _ arguments: [String]) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["CUPS_SERVER"] = endpoint.description
        return try ChildProcess.run(tool, arguments, environment: environment, timeout: .seconds(30))
    }

    /// Adds an enabled raw queue sending to a socket printer on 127.0.0.1:`printerPort`.
    ///
    /// The socket backend's defaults (retry the connection for a week, wait for the printer to close) would
    /// hold a test for ever; `contimeout` bounds the retry and `waiteof=false` ends the job after the last byte.
    public func addRawQueue(_ name: String, printerPort: Int, connectTimeoutSeconds: Int = 5) throws {
        let uri = "socket://127.0.0.1:\(printerPort)/?contimeout=\(connectTimeoutSeconds)&waiteof=false"
        let result = try run("/usr/sbin/lpadmin", ["-p", name, "-E", "-v", uri, "-m", "raw"])
        guard result.termination.succeeded else {
            throw PeerUnavailable(
                description: "lpadmin failed (\(result.termination)): \(String(decoding: result.error, as: UTF8.self))")
        }
    }

    /// The queue's jobs as `lpstat -W which -o queue` lists them; `which` is "not-completed", "completed" or "all".
    public func jobs(_ queue: String, which: String = "not-completed") throws -> [String] {
        try run("/usr/bin/lpstat", ["-W", which, "-o", queue]).text.split(separator: "\n").map(String.init)
    }

    /// Stops cupsd: SIGTERM, then SIGKILL after 5 s; waits until it is gone.
    public func stop() {
        lock.withLock {
            guard let child = process else { return }
            process = nil
            child.terminate()
        }
    }
}

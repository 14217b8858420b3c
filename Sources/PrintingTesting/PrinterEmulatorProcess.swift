public import Foundation
import ChildProcess
import KioskTesting

#if canImport(Glibc)
import Glibc
#endif

/// The `printer-emulator` executable running as a child process on a free loopback port.
///
/// It records job bytes to `recordURL`, answers DLE EOT from the state in its control file and writes one
/// log line per event; see Tests/PrinterEmulator/main.swift for the control line's format.
public final class PrinterEmulatorProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched under `lock`; everything else is set once in init.
    /// Its loopback port.
    public let port: Int
    /// The temporary directory with its files.
    public let directory: URL
    private let lock = NSLock()
    private var process: ChildProcess?

    /// The printed bytes.
    public var recordURL: URL { directory.appendingPathComponent("printed.bin") }
    /// The control file.
    public var controlURL: URL { directory.appendingPathComponent("control") }
    /// The event log.
    public var logURL: URL { directory.appendingPathComponent("events.log") }

    /// Starts the emulator in `state` and waits until it listens (at most 10 s).
    public init(state: String = "ok") throws {
        guard let executable = BuiltProducts.executable("printer-emulator") else {
            throw PeerUnavailable(description: "printer-emulator is not built: run `swift build --build-tests` first")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("printer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = LoopbackPort.free()
        try Data((state + "\n").utf8).write(to: directory.appendingPathComponent("control"))
        let child = try ChildProcess(
            executable.path,
            ["--port", String(port), "--record", recordURL.path, "--control", controlURL.path, "--log", logURL.path],
            error: .file(directory.appendingPathComponent("stderr").path))
        process = child
        switch child.waitUntilReady(within: .seconds(10), { events.contains(where: { $0.hasPrefix("listening") }) }) {
        case .ready: break
        case .ended(let end): throw PeerUnavailable(description: "printer-emulator ended at start (\(end))")
        case .timedOut:
            stop()
            throw PeerUnavailable(description: "printer-emulator did not start listening within 10 s")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every event line so far, e.g. "status 4 12", "printed 120", "held 40", "clear 40".
    public var events: [String] {
        ((try? String(contentsOf: logURL, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The bytes printed so far.
    public var recorded: [UInt8] {
        (try? [UInt8](Data(contentsOf: recordURL))) ?? []
    }

    /// Waits until at least `count` bytes are printed or `timeout` passes; returns what is printed then.
    public func waitForRecorded(count: Int, timeout: Duration = .seconds(10)) -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        var bytes = recorded
        while bytes.count < count, ContinuousClock.now < deadline {
            usleep(5_000)
            bytes = recorded
        }
        return bytes
    }

    /// Switches the state (a control line such as "paper-end" or "ok paper-after=60") and waits until the
    /// emulator has taken it over. The line must differ from the current one.
    public func setState(_ line: String) throws {
        let before = events.filter { $0.hasPrefix("state ") }.count
        let temporary = directory.appendingPathComponent("control.new")
        try Data((line + "\n").utf8).write(to: temporary)
        guard rename(temporary.path, controlURL.path) == 0 else { throw POSIXError(.EIO) }
        let deadline = ContinuousClock.now + .seconds(5)
        while events.filter({ $0.hasPrefix("state ") }).count == before {
            guard ContinuousClock.now < deadline else { throw PeerUnavailable(description: "printer-emulator ignored the state \(line)") }
            usleep(2_000)
        }
    }

    /// A loopback port nothing listens on, for a printer that is switched off.
    public static func unusedPort() -> Int { LoopbackPort.free() }

    /// Stops the emulator and waits until it is gone.
    public func stop() {
        lock.withLock {
            guard let child = process else { return }
            process = nil
            child.terminate()
        }
    }
}

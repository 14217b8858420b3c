public import Foundation
import ChildProcess
import KioskTesting

#if canImport(Glibc)
import Glibc
#endif

/// The `id-card-emulator` executable as a child process: while it runs, its card lies on the vpcd reader.
public final class CardEmulatorProcess: @unchecked Sendable {
    // @unchecked: `process` is only touched under `lock`; everything else is set once in init.

    /// The temporary directory with its log.
    public let directory: URL
    private let lock = NSLock()
    private var process: ChildProcess?

    /// The emulator's event lines ("connected", "disconnected", "apdu A4", ...).
    public var events: [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent("events.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Starts the emulator playing `profile` against vpcd on `port`; returns once it is connected (10 s).
    /// With `pullAtGeneralAuthenticate` the card leaves the reader when that GENERAL AUTHENTICATE (1-based)
    /// arrives, in the middle of PACE.
    public init(profile: EmulatedIDCard.Profile = .idCard, port: Int, pullAtGeneralAuthenticate: Int? = nil) throws {
        guard let executable = BuiltProducts.executable("id-card-emulator") else {
            throw PCSCPeerUnavailable(description: "id-card-emulator is not built: run `swift build --build-tests` first")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let child = try ChildProcess(
            executable.path,
            ["--port", String(port), "--profile", profile.rawValue, "--log", directory.appendingPathComponent("events.log").path]
                + (pullAtGeneralAuthenticate.map { ["--pull-at-general-authenticate", String($0)] } ?? []),
            error: .file(directory.appendingPathComponent("stderr").path))
        process = child
        switch child.waitUntilReady(within: .seconds(10), { events.contains("connected") }) {
        case .ready: break
        case .ended(let end): throw PCSCPeerUnavailable(description: "id-card-emulator ended at start (\(end))")
        case .timedOut:
            remove()
            throw PCSCPeerUnavailable(description: "id-card-emulator did not connect to vpcd on \(port) within 10 s")
        }
    }

    deinit {
        remove()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Takes the card out of the reader: ends the emulator, which closes its vpcd connection. Idempotent.
    public func remove() {
        lock.withLock {
            guard let child = process else { return }
            process = nil
            child.terminate()
        }
    }
}

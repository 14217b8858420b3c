import ChildProcess
import Foundation
import KioskTesting
import Testing

/// Where kiosk-central keeps its sealing key when the database is PostgreSQL, which has no folder of its own:
/// systemd's state directory, or the file `--sealing-key` names, and never the working directory.
@Suite(.timeLimit(.minutes(2))) struct CentralSealingKeyTests {
    static let catalog = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/services.yaml").path
    /// A PostgreSQL address nobody answers: the key is settled before the database is opened.
    static let database = "postgres://kiosk@127.0.0.1:1/nobody"

    /// This process's environment without systemd's state directory.
    static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["STATE_DIRECTORY"] = nil
        return environment
    }

    @Test func withoutAStateDirectoryOrAKeyFileServeRefusesAndWritesNothing() throws {
        let binary = try #require(KioskdTerminalTests.executable("kiosk-central"))
        let stray = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sealing.key")
        let strayBefore = FileManager.default.fileExists(atPath: stray.path)
        let result = try ChildProcess.run(
            binary, ["serve", "--database", Self.database, "--catalog", Self.catalog, "--port", String(LoopbackPort.free())],
            environment: Self.environment, timeout: .seconds(60))
        #expect(result.termination == .exited(78))
        let error = String(decoding: result.error, as: UTF8.self)
        #expect(error.contains("--sealing-key") && error.contains("PostgreSQL"), "\(error)")
        if !strayBefore { #expect(!FileManager.default.fileExists(atPath: stray.path), "a key was written to the working directory") }
    }

    @Test func underSystemdTheKeyGoesToTheStateDirectory() throws {
        let binary = try #require(KioskdTerminalTests.executable("kiosk-central"))
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("central-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        var environment = Self.environment
        environment["STATE_DIRECTORY"] = state.path + ":/var/lib/other"
        let key = state.appendingPathComponent("sealing.key")
        // The database does not answer, so serve never gets ready: it is stopped once its key is there. The key
        // appears whole or not at all (written aside, then linked into place).
        let serve = try ChildProcess(
            binary, ["serve", "--database", Self.database, "--catalog", Self.catalog, "--port", String(LoopbackPort.free())],
            environment: environment)
        let ready = serve.waitUntilReady(within: .seconds(30)) { FileManager.default.fileExists(atPath: key.path) }
        _ = serve.terminate(grace: .seconds(2))
        guard case .ready = ready else {
            Issue.record("no sealing key in the state directory: \(ready)")
            return
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
    }
}

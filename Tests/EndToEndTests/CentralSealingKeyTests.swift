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
        // The database does not answer, so serve ends (or is stopped) after making its key.
        _ = try? ChildProcess.run(
            binary, ["serve", "--database", Self.database, "--catalog", Self.catalog, "--port", String(LoopbackPort.free())],
            environment: environment, timeout: .seconds(30))
        let key = state.appendingPathComponent("sealing.key")
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
    }
}

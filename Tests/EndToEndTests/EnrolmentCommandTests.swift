import ChildProcess
import Foundation
import KioskTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The enrolment as a technician and an administrator do it, with the built binaries: `kiosk-central ca init`,
/// `serve --tls-dir`, `kioskctl enrol` (interrupted once and started again), `kiosk-central terminal approve`
/// and `revoke`.
@Suite(.serialized, .timeLimit(.minutes(3))) struct EnrolmentCommandTests {
    static func binary(_ name: String) throws -> String { try #require(KioskdTerminalTests.executable(name)) }

    /// Waits until `condition` holds, at most `seconds`.
    static func eventually(seconds: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(100_000)
        }
        return false
    }

    @Test func enrolApproveAndRevokeWithTheCommandLineTools() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-enrol-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let central = try Self.binary("kiosk-central")
        let tls = state.appendingPathComponent("tls").path
        let database = state.appendingPathComponent("central.sqlite").path

        let created = try KioskdTerminalTests.run([central, "ca", "init", "--dir", tls, "--name", "127.0.0.1", "--site", "Teststadt"])
        #expect(created.status == 0, "\(created.error)")
        let lines = created.output.split(separator: "\n").map(String.init)
        let fingerprint = try #require(lines.last?.trimmingCharacters(in: .whitespaces))
        #expect(fingerprint.count == 64 + 15, "SHA-256 in 16 groups: \(fingerprint)")

        let example = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example")
        let server = try CentralProcess(
            database: database, catalog: example.appendingPathComponent("services.yaml").path, arguments: ["--tls-dir", tls])
        try server.start()
        defer { server.kill() }

        let configuration = state.appendingPathComponent("terminal.yaml")
        try """
            terminal:
              id: musterstadt-t1
              catalog: \(example.path)/services.yaml
              texts: \(KioskdTerminalTests.repository.path)/Kiosk/texts
              devices: \(KioskdTerminalTests.repository.path)/Devices
              database: \(state.path)/kiosk.sqlite
            printer:
              kind: emulated
              output: \(state.path)/printer.bin
              profile: generic-58mm
            central:
              url: \(server.url)
              tls:
                key: identity/key.pem
                certificate: identity/terminal.pem
                ca: identity/ca.pem
            """.write(to: configuration, atomically: true, encoding: .utf8)
        let kioskctl = try Self.binary("kioskctl")
        let enrol = [kioskctl, "enrol", "--config", configuration.path, "--ca-fingerprint", fingerprint, "--poll", "1", "--wait", "2"]

        // First run: submits, then the technician presses Ctrl-C while it waits.
        let firstOutput = state.appendingPathComponent("enrol-1.txt").path
        let first = try ChildProcess(enrol[0], Array(enrol.dropFirst()), output: .file(firstOutput), error: .file(firstOutput + ".err"))
        #expect(Self.eventually { ((try? String(contentsOfFile: firstOutput, encoding: .utf8)) ?? "").contains("waiting for approval") })
        first.signal(SIGINT)
        let interrupted = try #require(first.wait(timeout: .seconds(20)))
        #expect(interrupted == .exited(130))
        #expect(try String(contentsOfFile: firstOutput + ".err", encoding: .utf8).contains("run 'kioskctl enrol' again"))
        let shown = try String(contentsOfFile: firstOutput, encoding: .utf8)

        // The administrator sees the request with the same key fingerprint and approves it.
        let listed = try KioskdTerminalTests.run([central, "terminal", "list", "--database", database])
        #expect(listed.output.contains("musterstadt-t1"))
        let keyLine = try #require(shown.split(separator: "\n").first { $0.hasPrefix("  ") })
        #expect(listed.output.contains(keyLine.trimmingCharacters(in: .whitespaces)), "terminal and console show the same key")
        let approved = try KioskdTerminalTests.run([central, "terminal", "approve", "--database", database, "--tls-dir", tls, "--terminal", "musterstadt-t1"])
        #expect(approved.status == 0, "\(approved.error)")

        // Second run follows the same request and writes the certificate.
        let second = try KioskdTerminalTests.run(enrol, timeout: .seconds(60))
        #expect(second.status == 0, "\(second.output)\n\(second.error)")
        #expect(second.output.contains("following request"))
        #expect(second.output.contains("is enrolled"))
        let identity = state.appendingPathComponent("identity")
        #expect(FileManager.default.fileExists(atPath: identity.appendingPathComponent("terminal.pem").path))
        let key = try FileManager.default.attributesOfItem(atPath: identity.appendingPathComponent("key.pem").path)
        #expect((key[.posixPermissions] as? Int) == 0o600)

        let again = try KioskdTerminalTests.run(enrol, timeout: .seconds(30))
        #expect(again.status != 0, "an enrolled terminal is not enrolled again without --force")

        let revoked = try KioskdTerminalTests.run([central, "terminal", "revoke", "--database", database, "--terminal", "musterstadt-t1"])
        #expect(revoked.output.contains("revoked: 1"))
        let after = try KioskdTerminalTests.run([central, "terminal", "list", "--database", database])
        #expect(after.output.contains("revoked"))
    }
}

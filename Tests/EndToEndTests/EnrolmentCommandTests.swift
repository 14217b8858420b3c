import ChildProcess
import Foundation
import KioskCentral
import KioskTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The enrolment as a technician and an administrator do it, with the built binaries: `kiosk-central ca init`,
/// `serve --tls-dir`, `kioskctl enrol` (interrupted once and started again), `kiosk-central terminal approve`,
/// kioskd syncing with its certificate, and `revoke`.
@Suite(.serialized, .timeLimit(.minutes(5))) struct EnrolmentCommandTests {
    static func binary(_ name: String) throws -> String { try #require(KioskdTerminalTests.executable(name)) }

    /// Waits until `condition` holds, at most `seconds`.
    /// 60 s: on two cores beside the whole suite, a debug kioskctl that makes a key and a TLS connection has been
    /// seen to need more than 30 s before its first line.
    static func eventually(seconds: Double = 60, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func enrolApproveSyncAndRevokeWithTheBuiltBinaries() async throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
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
        #expect(await Self.eventually { ((try? String(contentsOfFile: firstOutput, encoding: .utf8)) ?? "").contains("waiting for approval") })
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

        // kioskd syncs over HTTPS with its certificate: a ticket drawn on the terminal arrives at central.
        let session = "kiosk-mtls-\(UUID().uuidString.prefix(8))"
        let kioskd = try Self.binary("kioskd")
        try KioskdTerminalTests.run([
            "tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30",
            "\(kioskd) --config \(configuration.path) --demo-time 2026-11-23T09:00; sleep 30",
        ])
        defer { _ = try? KioskdTerminalTests.run(["tmux", "kill-session", "-t", session]) }
        let store = try SQLiteCentralStore(path: database)
        #expect(await Self.eventually { (try? await store.terminalsLastSeen().isEmpty) == false }, "kioskd reached central")
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", session, "1"])
        #expect(await Self.eventually { ((try? await store.integrity().events) ?? 0) >= 1 }, "the ticket's events arrived over mutual TLS")

        let revoked = try KioskdTerminalTests.run([central, "terminal", "revoke", "--database", database, "--terminal", "musterstadt-t1"])
        #expect(revoked.output.contains("revoked: 1"))
        // Revoked: the terminal goes on issuing from its reserve, but central takes nothing more from it.
        let before = try await store.integrity().events
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", session, "Escape"])
        try KioskdTerminalTests.run(["tmux", "send-keys", "-t", session, "2"])
        let log = state.appendingPathComponent("kioskd.log").path
        #expect(await Self.eventually { ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("certificate-revoked") })
        #expect(try await store.integrity().events == before)
        let after = try KioskdTerminalTests.run([central, "terminal", "list", "--database", database])
        #expect(after.output.contains("revoked"))
    }
}


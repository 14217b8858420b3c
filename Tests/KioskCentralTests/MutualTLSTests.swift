import AsyncHTTPClient
import HummingbirdBcrypt
import Foundation
import KioskCentral
import KioskCore
import KioskIdentity
import KioskStore
import KioskTesting
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
@testable import KioskSync

/// kiosk-central over HTTPS with client certificates, every certificate made at test time; the store is this
/// run's backend, so the suite also runs on PostgreSQL.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct MutualTLSTests {
    /// Runs `body` against a new site and central, and stops the server also when the body fails.
    func withCentral(_ body: (TestAuthority, TLSCentral) async throws -> Void) async throws {
        let site = try TestAuthority()
        let central = TLSCentral(site: site, store: try await StoreBackend.makeStore())
        do {
            // Inside the do: a server that fails to start must still have its client shut down.
            try await central.start()
            try await body(site, central)
        } catch {
            await central.stop()
            throw error
        }
        await central.stop()
    }

    static func events(_ terminal: String, _ range: ClosedRange<Int64>) -> ByteBuffer {
        CentralFixtures.body(EventBatch(events: CentralFixtures.events(terminal, range)))
    }

    /// The terminal's files in a fresh folder, as terminal.yaml's central.tls names them.
    static func terminalFiles() -> TerminalConfiguration.IdentityFiles {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-terminal-\(UUID().uuidString)").path
        return TerminalConfiguration.IdentityFiles(key: folder + "/key.pem", certificate: folder + "/terminal.pem", ca: folder + "/ca.pem")
    }

    @Test func aTerminalEnrolsIsApprovedAndSyncsWithItsCertificate() async throws {
        try await withCentral { site, central in
            let files = Self.terminalFiles()
            let seen = ProgressLog()
            let enrolment = TerminalEnrolment(terminal: TerminalID(rawValue: "t1"), baseURL: central.baseURL, files: files, client: central.client)
            let fingerprint = site.authority.fingerprint
            let running = Task {
                try await enrolment.run(
                    authorityFingerprint: fingerprint.lowercased().replacingOccurrences(of: " ", with: ":"),
                    pollInterval: .milliseconds(100), waitAtMost: .seconds(60), progress: { seen.add($0) })
            }
            // The administrator finds the request and compares the fingerprint the terminal shows.
            var pending: [EnrolmentRecord] = []
            for _ in 0..<200 where pending.isEmpty || seen.submittedFingerprint == nil {
                pending = try await central.store.enrolments(state: .pending, limit: 10)
                try await Task.sleep(for: .milliseconds(50))
            }
            let request = try #require(pending.first)
            #expect(request.terminal == TerminalID(rawValue: "t1"))
            #expect(seen.submittedFingerprint == request.keyFingerprint)
            #expect(PEMFile.mode(files.key) == 0o600, "the key is readable by its owner only")
            #expect(try await central.store.terminalCertificates().isEmpty, "nothing issued before approval")
            let issued = try await TerminalEnrolments.approve(id: request.id, authority: site.authority, store: central.store, by: "admin", at: Date())

            let status = try await running.value
            #expect(status.state == .approved)
            #expect(seen.approved)
            #expect(try PEMFile.read(files.ca) == site.authority.certificatePEM, "the pinned CA was saved")
            #expect(!PEMFile.exists(files.key + ".enrolment"), "the request file is gone once decided")

            // Syncs over HTTPS with the certificate: events, numbers, snapshot.
            let credentials = try TerminalCredentials.load(files: files, terminal: TerminalID(rawValue: "t1"))
            #expect(abs(credentials.notAfter.timeIntervalSince(issued.notAfter)) < 1)
            let transport = HTTPSyncTransport(baseURL: central.baseURL, client: central.client, timeout: .seconds(5), credentials: credentials)
            let result = try await transport.send(EventBatch(events: CentralFixtures.events("t1", 1...3)), terminal: TerminalID(rawValue: "t1"))
            #expect(result == IngestResult(appliedThrough: 3, applied: 3, duplicates: 0))
            let block = try await transport.requestBlock(
                BlockRequest(requestID: UUID(), queue: QueueID(rawValue: "a"), day: CentralFixtures.day, count: 10), terminal: TerminalID(rawValue: "t1"))
            #expect(block.last - block.first == 9)
            guard case .changed = try await transport.snapshot(terminal: TerminalID(rawValue: "t1"), etag: nil) else {
                Issue.record("no snapshot")
                return
            }
            #expect(try await central.store.integrity().events == 3)

            // Running enrol again on an enrolled terminal is refused rather than replacing a working key.
            await #expect(throws: IdentityError.self) {
                try await enrolment.run(authorityFingerprint: nil, progress: { _ in })
            }
        }
    }

    @Test func aWrongCAFingerprintStopsEnrolmentBeforeAnythingIsSent() async throws {
        try await withCentral { site, central in
            let files = Self.terminalFiles()
            let other = try TestAuthority(site: "Anderswo")
            let enrolment = TerminalEnrolment(terminal: TerminalID(rawValue: "t1"), baseURL: central.baseURL, files: files, client: central.client)
            do {
                _ = try await enrolment.run(authorityFingerprint: other.authority.fingerprint, progress: { _ in })
                Issue.record("enrolment went on with a CA of another fingerprint")
            } catch let error as IdentityError {
                #expect(error.code == "ca-fingerprint-mismatch")
            }
            #expect(!PEMFile.exists(files.ca))
            #expect(!PEMFile.exists(files.key))
            #expect(try await central.store.enrolments(state: nil, limit: 10).isEmpty)
        }
    }

    @Test func terminalRoutesWithoutAClientCertificateAreRefusedAndNothingIsStored() async throws {
        try await withCentral { site, central in
            let answer = try await central.send(.POST, "/v1/terminals/t1/events", body: Self.events("t1", 1...2), tls: try site.clientTLS())
            #expect(answer.status == 401)
            #expect(answer.error?.code == "client-certificate-required")
            #expect(answer.error.map { !$0.de.isEmpty && !$0.en.isEmpty } == true)
            let snapshot = try await central.send(.GET, "/v1/terminals/t1/snapshot", tls: try site.clientTLS())
            #expect(snapshot.status == 401)
            #expect(try await central.store.integrity().events == 0)
            #expect(try await central.store.terminalsLastSeen().isEmpty, "not even the terminal's last contact is recorded")
        }
    }

    @Test func aCertificateFromAnotherCAIsRefusedAndNothingIsStored() async throws {
        try await withCentral { site, central in
            // Same terminal id, a well-formed certificate, but signed by a CA this site never heard of.
            let foreign = try TestAuthority(site: "Fremd")
            let key = TerminalKey()
            let certificate = try foreign.authority.issue(csrPEM: try key.csr(terminal: TerminalID(rawValue: "t1")), terminal: TerminalID(rawValue: "t1"), now: Date())
            let answer = try await central.send(
                .POST, "/v1/terminals/t1/events", body: Self.events("t1", 1...2), tls: try site.clientTLS(certificatePEM: certificate.pem, key: key))
            #expect(answer.status == 403)
            #expect(answer.error?.code == "certificate-untrusted")
            #expect(try await central.store.integrity().events == 0)
            #expect(try await central.store.terminalsLastSeen().isEmpty)
        }
    }

    @Test func aCertificateOfThisCAThatCentralNeverRegisteredIsRefused() async throws {
        try await withCentral { site, central in
            // Signed with the site's CA key but never approved (e.g. a database restored from an older backup).
            let key = TerminalKey()
            let certificate = try site.authority.issue(csrPEM: try key.csr(terminal: TerminalID(rawValue: "t1")), terminal: TerminalID(rawValue: "t1"), now: Date())
            let answer = try await central.send(
                .POST, "/v1/terminals/t1/number-blocks",
                body: CentralFixtures.body(BlockRequest(requestID: UUID(), queue: QueueID(rawValue: "a"), day: CentralFixtures.day, count: 5)),
                tls: try site.clientTLS(certificatePEM: certificate.pem, key: key))
            #expect(answer.status == 403)
            #expect(answer.error?.code == "certificate-unknown")
            #expect(try await central.store.integrity().events == 0)
        }
    }

    @Test func aValidCertificateOfT1CannotActForT2() async throws {
        try await withCentral { site, central in
            let t1 = try await site.enrol("t1", store: central.store)
            let tls = try site.clientTLS(certificatePEM: t1.certificate.pem, key: t1.key)
            let answer = try await central.send(.POST, "/v1/terminals/t2/events", body: Self.events("t2", 1...2), tls: tls)
            #expect(answer.status == 403)
            #expect(answer.error?.code == "certificate-wrong-terminal")
            let health = try await central.send(
                .POST, "/v1/terminals/t2/health",
                body: CentralFixtures.body(HealthReport(devices: [DeviceHealth(device: "printer", status: "ok", severity: .ok)])), tls: tls)
            #expect(health.status == 403)
            #expect(try await central.store.integrity().events == 0)
            #expect(try await central.store.deviceHealth().isEmpty)
            // The same certificate on its own terminal's route is accepted: the refusal above was about t2.
            let own = try await central.send(.POST, "/v1/terminals/t1/events", body: Self.events("t1", 1...1), tls: tls)
            #expect(own.status == 200)
            #expect(try await central.store.appliedThrough(TerminalID(rawValue: "t2")) == 0)
        }
    }

    @Test func aRevokedCertificateIsRefusedFromTheNextRequestOn() async throws {
        try await withCentral { site, central in
            let t1 = try await site.enrol("t1", store: central.store)
            let tls = try site.clientTLS(certificatePEM: t1.certificate.pem, key: t1.key)
            #expect(try await central.send(.POST, "/v1/terminals/t1/events", body: Self.events("t1", 1...2), tls: tls).status == 200)
            #expect(try await central.store.revokeCertificates(terminal: TerminalID(rawValue: "t1"), serial: nil, by: "admin", at: Date()) == 1)
            // The client keeps its pooled connection: the refusal must come per request, not from a new handshake.
            let answer = try await central.send(.POST, "/v1/terminals/t1/events", body: Self.events("t1", 3...4), tls: tls)
            #expect(answer.status == 403)
            #expect(answer.error?.code == "certificate-revoked")
            #expect(try await central.store.appliedThrough(TerminalID(rawValue: "t1")) == 2)
            #expect(try await central.store.revokeCertificates(terminal: TerminalID(rawValue: "t1"), serial: nil, by: "admin", at: Date()) == 0)
            #expect(try await central.store.auditLog(limit: 10).contains { $0.action == "certificate-revoke" })
        }
    }

    @Test func staffLogInOverHTTPSWithoutAClientCertificate() async throws {
        try await withCentral { site, central in
            try await central.store.putStaff(id: "anna", displayName: "Anna", role: .staff, passwordHash: Bcrypt.hash("richtig-geheim", cost: 4))
            let tls = try site.clientTLS()
            let login = try await central.send(
                .POST, "/v1/staff/login", body: ByteBuffer(string: #"{"user":"anna","password":"richtig-geheim"}"#), tls: tls)
            #expect(login.status == 200)
            let page = try await central.send(.GET, "/console", tls: tls)
            #expect(page.status == 200)
            #expect(try await central.send(.GET, "/healthz", tls: tls).status == 200)
        }
    }

    @Test func aClientThatDoesNotTrustTheSiteCAGetsNoAnswer() async throws {
        try await withCentral { site, central in
            // The default trust store does not know the site CA: a terminal never talks to an impostor, and
            // central's certificate is no more than the site CA vouches for.
            var request = HTTPClientRequest(url: central.baseURL + "/healthz")
            request.tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            await #expect(throws: (any Error).self) {
                _ = try await central.client.execute(request, timeout: .seconds(5))
            }
        }
    }
}

/// What an enrolment reported, for checks after it ran.
final class ProgressLog: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var entries: [EnrolmentProgress] = []

    func add(_ progress: EnrolmentProgress) { lock.withLock { entries.append(progress) } }

    var submittedFingerprint: String? {
        lock.withLock {
            entries.compactMap { if case .submitted(_, let fingerprint, _) = $0 { fingerprint } else { nil } }.first
        }
    }

    var approved: Bool {
        lock.withLock { entries.contains { if case .approved = $0 { true } else { false } } }
    }
}

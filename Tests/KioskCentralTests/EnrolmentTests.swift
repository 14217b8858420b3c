import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import KioskCore
import KioskTesting
import Testing
import X509
@testable import KioskCentral
@testable import KioskIdentity

/// Enrolment requests, the administrators' decisions and the store's identity tables, in process; the store is
/// this run's backend.
@Suite struct EnrolmentTests {
    let store: any CentralStore
    let site: TestAuthority
    let app: Application<RouterResponder<CentralRequestContext>>

    init() async throws {
        store = try await StoreBackend.makeStore()
        site = try TestAuthority()
        app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, authority: site.authority))
    }

    static func request(_ terminal: String, csr: String) -> ByteBuffer {
        CentralFixtures.body(EnrolmentRequest(terminal: TerminalID(rawValue: terminal), csr: csr))
    }

    /// The CSR with one byte of its signature changed, still well-formed PEM and DER.
    static func tampered(_ csr: String) throws -> String {
        let base64 = csr.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        var der = try #require(Data(base64Encoded: base64))
        // The signature's last integer ends the encoding; changing its last byte keeps the DER valid.
        der[der.count - 1] ^= 0x01
        let body = der.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE REQUEST-----\n\(body)\n-----END CERTIFICATE REQUEST-----\n"
    }

    @Test func aRequestIsStoredPendingAndPolledUntilApproved() async throws {
        let key = TerminalKey()
        let csr = try key.csr(terminal: TerminalID(rawValue: "t1"))
        try await app.test(.router) { client in
            let submitted = try await client.execute(uri: "/v1/enrolments", method: .post, body: Self.request("t1", csr: csr)) { response in
                #expect(response.status == .accepted)
                let status = try JSONDecoder().decode(EnrolmentStatus.self, from: Data(response.body.readableBytesView))
                #expect(response.headers[.location] == "/v1/enrolments/\(status.id.uuidString)")
                return status
            }
            #expect(submitted.state == .pending)
            #expect(submitted.keyFingerprint == key.publicKey.fingerprint)
            #expect(submitted.certificate == nil)
            // Sending the same request again (a retry) finds the first one instead of queueing a second.
            try await client.execute(uri: "/v1/enrolments", method: .post, body: Self.request("t1", csr: csr)) { response in
                let again = try JSONDecoder().decode(EnrolmentStatus.self, from: Data(response.body.readableBytesView))
                #expect(again.id == submitted.id)
            }
            #expect(try await store.enrolments(state: .pending, limit: 10).count == 1)

            _ = try await TerminalEnrolments.approve(id: submitted.id, authority: site.authority, store: store, by: "admin", at: Date())
            try await client.execute(uri: "/v1/enrolments/\(submitted.id.uuidString)", method: .get) { response in
                #expect(response.status == .ok)
                let status = try JSONDecoder().decode(EnrolmentStatus.self, from: Data(response.body.readableBytesView))
                #expect(status.state == .approved)
                #expect(status.ca == site.authority.certificatePEM)
                let certificate = try Certificate(pem: try #require(status.certificate))
                #expect(certificate.subjectCommonName == "t1")
                #expect(certificate.publicKey == key.publicKey, "the terminal's own key is certified")
                #expect(certificate.isSigned(by: site.authority.certificate))
                #expect(try certificate.extensions.extendedKeyUsage?.contains(.clientAuth) == true)
                #expect(try certificate.extensions.basicConstraints == .notCertificateAuthority)
            }
            try await client.execute(uri: "/v1/enrolments/\(UUID().uuidString)", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        #expect(try await store.auditLog(limit: 5).contains { $0.action == "enrol-approve" && $0.staff == "admin" })
    }

    @Test func brokenOrMismatchedRequestsAreRefusedWith400AndNothingIsStored() async throws {
        let key = TerminalKey()
        let good = try key.csr(terminal: TerminalID(rawValue: "t1"))
        let cases: [(terminal: String, csr: String, code: String)] = [
            ("t1", try Self.tampered(good), "csr-bad-signature"),
            ("t1", try key.csr(terminal: TerminalID(rawValue: "t2")), "csr-subject-mismatch"),
            ("t2", good, "csr-subject-mismatch"),
            ("t1", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", "csr-malformed"),
            ("t1", "", "csr-malformed"),
            ("T 1", good, "bad-terminal-id"),
        ]
        try await app.test(.router) { client in
            for item in cases {
                try await client.execute(uri: "/v1/enrolments", method: .post, body: Self.request(item.terminal, csr: item.csr)) { response in
                    #expect(response.status == .badRequest, "\(item.code)")
                    let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(error.code == item.code)
                    #expect(!error.de.isEmpty && !error.en.isEmpty && error.de != error.en)
                }
            }
        }
        #expect(try await store.enrolments(state: nil, limit: 10).isEmpty)
    }

    @Test func withoutATLSFolderEnrolmentIsNotOffered() async throws {
        let plain = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings))
        let csr = try TerminalKey().csr(terminal: TerminalID(rawValue: "t1"))
        try await plain.test(.router) { client in
            for (uri, method, body) in [
                ("/v1/enrolments", HTTPRequest.Method.post, Self.request("t1", csr: csr)), ("/v1/site-ca.pem", .get, ByteBuffer()),
            ] {
                try await client.execute(uri: uri, method: method, body: body) { response in
                    #expect(response.status == .notFound)
                    let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(response.body.readableBytesView))
                    #expect(error.code == "enrolment-not-configured")
                }
            }
            // Plain HTTP keeps today's behaviour: terminal routes need no certificate.
            try await client.execute(
                uri: "/v1/terminals/t1/events", method: .post, body: CentralFixtures.body(EventBatch(events: CentralFixtures.events("t1", 1...1)))
            ) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try await store.enrolments(state: nil, limit: 10).isEmpty)
    }

    @Test func withATLSFolderTerminalRoutesRefuseRequestsWithoutCertificate() async throws {
        // In process there is no TLS connection, hence no certificate: as a client without one.
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/v1/terminals/t1/events", method: .post, body: CentralFixtures.body(EventBatch(events: CentralFixtures.events("t1", 1...1)))
            ) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/terminals/BAD/snapshot", method: .get) { response in
                #expect(response.status == .badRequest, "the id is checked before the certificate")
            }
            try await client.execute(uri: "/v1/site-ca.pem", method: .get) { response in
                #expect(String(buffer: response.body) == site.authority.certificatePEM)
            }
        }
        #expect(try await store.integrity().events == 0)
    }

    @Test func decisionsAreMadeOnceAndPendingRequestsAreLimited() async throws {
        let first = try await site.enrol("t1", store: store)
        let records = try await store.enrolments(state: nil, limit: 10)
        let approved = try #require(records.first)
        #expect(approved.state == .approved && approved.certificate == first.certificate.pem)
        await #expect(throws: IdentityRefusal.alreadyDecided(.approved)) {
            try await store.rejectEnrolment(id: approved.id, by: "admin", at: Date())
        }
        await #expect(throws: IdentityRefusal.alreadyDecided(.approved)) {
            _ = try await TerminalEnrolments.approve(id: approved.id, authority: site.authority, store: store, by: "admin", at: Date())
        }
        await #expect(throws: IdentityRefusal.unknownEnrolment) {
            try await store.rejectEnrolment(id: UUID(), by: "admin", at: Date())
        }
        #expect(try await store.terminalCertificates().count == 1, "a refused second approval registers nothing")

        // A flood of requests stops at the limit until an administrator decides.
        var last: EnrolmentRecord?
        for index in 0..<3 {
            last = try await store.submitEnrolment(
                EnrolmentRecord(
                    id: UUID(), terminal: TerminalID(rawValue: "x\(index)"), csr: "-", keyFingerprint: "k\(index)", state: .pending,
                    requestedAt: Date()), maxPending: 3)
        }
        await #expect(throws: IdentityRefusal.tooManyPending) {
            _ = try await store.submitEnrolment(
                EnrolmentRecord(id: UUID(), terminal: TerminalID(rawValue: "x9"), csr: "-", keyFingerprint: "k9", state: .pending, requestedAt: Date()),
                maxPending: 3)
        }
        try await store.rejectEnrolment(id: try #require(last).id, by: "admin", at: Date())
        #expect(try await store.enrolments(state: .rejected, limit: 10).count == 1)
        _ = try await store.submitEnrolment(
            EnrolmentRecord(id: UUID(), terminal: TerminalID(rawValue: "x9"), csr: "-", keyFingerprint: "k9", state: .pending, requestedAt: Date()),
            maxPending: 3)

        // Revoking one serial leaves the terminal's other certificates valid.
        let second = try await site.enrol("t1", store: store)
        #expect(try await store.revokeCertificates(terminal: TerminalID(rawValue: "t1"), serial: first.certificate.serial, by: "admin", at: Date()) == 1)
        #expect(try await store.terminalCertificate(sha256: first.certificate.sha256)?.revokedAt != nil)
        #expect(try await store.terminalCertificate(sha256: second.certificate.sha256)?.revokedAt == nil)
        #expect(try await store.terminalCertificate(sha256: String(repeating: "0", count: 64)) == nil)
    }

    @Test func onlyAdministratorsSeeAndDecideOnTheTerminalsPage() async throws {
        try await store.putStaff(id: "ada", displayName: "Ada", role: .admin, passwordHash: Bcrypt.hash("admin-geheim-1", cost: 4))
        try await store.putStaff(id: "anna", displayName: "Anna", role: .staff, passwordHash: Bcrypt.hash("richtig-geheim", cost: 4))
        let key = TerminalKey()
        let csr = try key.csr(terminal: TerminalID(rawValue: "t7"))
        let checked = try TerminalRequest.check(csrPEM: csr, terminal: TerminalID(rawValue: "t7"))
        let pending = try await store.submitEnrolment(
            EnrolmentRecord(id: UUID(), terminal: TerminalID(rawValue: "t7"), csr: csr, keyFingerprint: checked.keyFingerprint, state: .pending, requestedAt: Date()),
            maxPending: 10)
        let admin = try await store.createSession(staff: "ada", at: Date(), lifetime: 600)
        let staff = try await store.createSession(staff: "anna", at: Date(), lifetime: 600)
        try await app.test(.router) { client in
            try await client.execute(uri: "/console/terminals", method: .get, headers: [.cookie: "kiosk_session=\(staff)"]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(
                uri: "/console/terminals/action", method: .post, headers: [.cookie: "kiosk_session=\(staff)"],
                body: ByteBuffer(string: "action=approve&id=\(pending.id.uuidString)&lang=de")
            ) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/console/terminals?lang=en", method: .get, headers: [.cookie: "kiosk_session=\(admin)"]) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("t7"))
                #expect(text.contains(key.publicKey.fingerprint), "the administrator compares the fingerprint")
                #expect(text.contains("Approve"))
            }
            try await client.execute(uri: "/console", method: .get, headers: [.cookie: "kiosk_session=\(admin)"]) { response in
                #expect(String(buffer: response.body).contains("/console/terminals"))
            }
            try await client.execute(uri: "/console", method: .get, headers: [.cookie: "kiosk_session=\(staff)"]) { response in
                #expect(!String(buffer: response.body).contains("/console/terminals"))
            }
            try await client.execute(
                uri: "/console/terminals/action", method: .post, headers: [.cookie: "kiosk_session=\(admin)"],
                body: ByteBuffer(string: "action=approve&id=\(pending.id.uuidString)&lang=de")
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        #expect(try await store.enrolment(id: pending.id)?.state == .approved)
        let issued = try #require(try await store.terminalCertificates().first)
        #expect(issued.issued.terminal == TerminalID(rawValue: "t7"))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/console/terminals/action", method: .post, headers: [.cookie: "kiosk_session=\(admin)"],
                body: ByteBuffer(string: "action=revoke&terminal=t7&serial=\(issued.issued.serial)&lang=de")
            ) { response in
                #expect(response.status == .seeOther)
            }
        }
        #expect(try await store.terminalCertificates().first?.revokedAt != nil)
        #expect(try await store.auditLog(limit: 10).filter { $0.staff == "ada" }.map(\.action).contains("certificate-revoke"))
    }
}

/// Keys, requests and the CA, without a server.
@Suite struct SiteAuthorityTests {
    @Test func keysAreWrittenOwnerOnlyAndACAIsNeverOverwritten() throws {
        let site = try TestAuthority()
        #expect(PEMFile.mode(site.files.authorityKey) == 0o600)
        #expect(PEMFile.mode(site.files.serverKey) == 0o600)
        #expect(PEMFile.mode(site.files.authorityCertificate) == 0o644)
        #expect(throws: IdentityError.self) {
            _ = try SiteAuthority.create(files: site.files, siteName: "Nochmal", serverNames: ["127.0.0.1"], now: Date())
        }
        let loaded = try SiteAuthority.load(files: site.files)
        #expect(loaded.fingerprint == site.authority.fingerprint, "the first CA is still there")
        let chain = try Certificate.chain(pem: try PEMFile.read(site.files.serverCertificate))
        #expect(chain.count == 2)
        #expect(chain[0].isSigned(by: loaded.certificate))
        let names = try #require(try chain[0].extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains { if case .ipAddress = $0 { $0 == SiteAuthority.generalName("127.0.0.1") } else { false } })
        #expect(throws: IdentityError.self) {
            try loaded.writeServerCertificate(files: site.files, names: ["not a name!"], now: Date())
        }
    }

    @Test func fingerprintsCompareHoweverTheyAreTyped() {
        #expect(Fingerprint.normalise("sha256:3f2a:9C01") == Fingerprint.normalise("3F2A 9c01"))
        #expect(Fingerprint.format([0x3f, 0x2a, 0x9c, 0x01, 0x05]) == "3F2A 9C01 05")
    }
}

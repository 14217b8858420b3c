public import AsyncHTTPClient
public import Foundation
public import KioskCore
import KioskIdentity
import NIOCore
import NIOHTTP1
import NIOSSL
import X509

/// What an enrolment is doing, for the technician watching `kioskctl enrol`.
public enum EnrolmentProgress: Sendable, Equatable {
    /// The site CA came from the CA file, or was downloaded and matched the given fingerprint.
    case authority(fingerprint: String, downloaded: Bool)
    /// A new key was written, or the key from an interrupted run is used again.
    case key(path: String, created: Bool)
    /// The request was sent (or an interrupted run's request is followed again); read the key fingerprint to
    /// the administrator who approves it.
    case submitted(id: UUID, keyFingerprint: String, resumed: Bool)
    /// Still pending after this long.
    case waiting(elapsed: Duration)
    /// Approved: the certificate is written and valid until then.
    case approved(notAfter: Date)
}

/// A terminal's enrolment from its side: key and CSR, submission, waiting for the administrator, and the
/// certificate written to the paths of `central.tls`.
///
/// An interrupted run can be started again: the key and the request id are kept beside the key file, and the
/// next run follows the same request instead of sending a second one.
public struct TerminalEnrolment: Sendable {
    let terminal: TerminalID
    let base: String
    let files: TerminalConfiguration.IdentityFiles
    let client: HTTPClient
    let timeout: TimeAmount

    /// Prepares an enrolment of `terminal` at central's `baseURL` (https://…), writing to `files` (absolute paths).
    public init(
        terminal: TerminalID, baseURL: String, files: TerminalConfiguration.IdentityFiles, client: HTTPClient = .shared,
        timeout: Duration = .seconds(10)
    ) {
        self.terminal = terminal
        base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.files = files
        self.client = client
        self.timeout = .milliseconds(Int64(timeout / .milliseconds(1)))
    }

    /// Where the id of a submitted, not yet decided request is kept.
    var requestFile: String { files.key + ".enrolment" }

    /// Enrols: throws ``IdentityError`` with a message for the technician, or `CancellationError` when
    /// interrupted (run again to go on waiting for the same request).
    ///
    /// - Parameters:
    ///   - authorityFingerprint: SHA-256 of the site CA certificate as `kiosk-central ca init` printed it; needed
    ///     when the CA file does not exist yet, checked against it when it does.
    ///   - replace: enrol again although a certificate exists (a new key; the old certificate is removed).
    public func run(
        authorityFingerprint: String?, replace: Bool = false, pollInterval: Duration = .seconds(5), waitAtMost: Duration = .seconds(3600),
        progress: @Sendable (EnrolmentProgress) -> Void
    ) async throws -> EnrolmentStatus {
        guard base.hasPrefix("https://") else {
            throw IdentityError(
                code: "https-required", de: "Registrieren geht nur über https:// (central mit --tls-dir starten).",
                en: "Enrolment needs https:// (start central with --tls-dir).")
        }
        if PEMFile.exists(files.certificate) {
            guard replace else {
                throw IdentityError(
                    code: "already-enrolled",
                    de: "\(files.certificate) gibt es schon: das Terminal ist registriert. Mit --force neu registrieren (neuer Schlüssel; bis zur Freigabe synchronisiert das Terminal nicht).",
                    en: "\(files.certificate) exists: the terminal is enrolled. Use --force to enrol again (a new key; the terminal does not sync until approved).")
            }
            for path in [files.certificate, files.key, requestFile] { try? FileManager.default.removeItem(atPath: path) }
        }
        let authority = try await trustedAuthority(fingerprint: authorityFingerprint, progress: progress)
        var trust = TLSConfiguration.makeClientConfiguration()
        trust.minimumTLSVersion = .tlsv12
        trust.trustRoots = .certificates([authority.nio])

        let key: TerminalKey
        if PEMFile.exists(files.key) {
            key = try TerminalKey(pem: try PEMFile.read(files.key), path: files.key)
            progress(.key(path: files.key, created: false))
        } else {
            key = TerminalKey()
            try PEMFile.write(key.pem, to: files.key, mode: PEMFile.keyMode)
            progress(.key(path: files.key, created: true))
        }

        var current: EnrolmentStatus
        if let resumed = try await resumedRequest(for: key, tls: trust) {
            current = resumed
            progress(.submitted(id: resumed.id, keyFingerprint: resumed.keyFingerprint, resumed: true))
        } else {
            let csr: String
            do {
                csr = try key.csr(terminal: terminal)
            } catch {
                throw IdentityError(code: "csr-create", de: "Zertifikatsanfrage nicht erstellbar.", en: "Cannot create the certificate signing request.")
            }
            current = try await exchange(.POST, "/enrolments", body: EnrolmentRequest(terminal: terminal, csr: csr), tls: trust)
            try PEMFile.write(current.id.uuidString + "\n", to: requestFile, mode: PEMFile.keyMode)
            progress(.submitted(id: current.id, keyFingerprint: current.keyFingerprint, resumed: false))
        }

        let clock = ContinuousClock()
        let start = clock.now
        while current.state == .pending {
            let elapsed = clock.now - start
            guard elapsed < waitAtMost else {
                throw IdentityError(
                    code: "enrolment-timeout",
                    de: "Noch nicht freigegeben. Die Anfrage bleibt bestehen: nach der Freigabe 'kioskctl enrol' erneut ausführen.",
                    en: "Not approved yet. The request stays: run 'kioskctl enrol' again after approval.")
            }
            progress(.waiting(elapsed: elapsed))
            try await Task.sleep(for: pollInterval)
            current = try await exchange(.GET, "/enrolments/\(current.id.uuidString)", body: Optional<EnrolmentRequest>.none, tls: trust)
        }
        try? FileManager.default.removeItem(atPath: requestFile)
        guard current.state == .approved, let certificatePEM = current.certificate else {
            throw IdentityError(
                code: "enrolment-rejected",
                de: "Die Registrierung wurde abgelehnt. Mit der Administration klären, dann 'kioskctl enrol' erneut ausführen.",
                en: "The enrolment was rejected. Clear it with the administrator, then run 'kioskctl enrol' again.")
        }
        guard let leaf = try? Certificate.chain(pem: certificatePEM).first else {
            throw IdentityError(code: "certificate-malformed", de: "Central schickte kein lesbares Zertifikat.", en: "Central sent no readable certificate.")
        }
        try TerminalCredentials.check(leaf, publicKey: key.publicKey, terminal: terminal, authority: authority.certificate, path: "central")
        try PEMFile.write(certificatePEM, to: files.certificate, mode: PEMFile.certificateMode)
        progress(.approved(notAfter: leaf.notValidAfter))
        return current
    }

    /// The request an interrupted run left for this terminal and key, nil when there is none, it was for
    /// another key, or central no longer knows it (a reset database): then a new one is sent.
    func resumedRequest(for key: TerminalKey, tls: TLSConfiguration) async throws -> EnrolmentStatus? {
        guard let text = try? PEMFile.read(requestFile), let id = UUID(uuidString: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return nil
        }
        do {
            let status = try await exchange(.GET, "/enrolments/\(id.uuidString)", body: Optional<EnrolmentRequest>.none, tls: tls)
            return status.terminal == terminal && status.keyFingerprint == key.publicKey.fingerprint ? status : nil
        } catch let error as IdentityError where error.code == "unknown-enrolment" {
            return nil
        }
    }

    /// The site CA: from the CA file, or downloaded and accepted only when its SHA-256 equals `fingerprint`.
    ///
    /// The download itself is unverified (the terminal has nothing to verify with yet); the fingerprint, read
    /// from central's console by the technician, is what makes the downloaded certificate trustworthy.
    func trustedAuthority(fingerprint: String?, progress: (EnrolmentProgress) -> Void) async throws -> (certificate: Certificate, nio: NIOSSLCertificate) {
        let pem: String
        let downloaded: Bool
        if PEMFile.exists(files.ca) {
            pem = try PEMFile.read(files.ca)
            downloaded = false
        } else {
            guard fingerprint != nil else {
                throw IdentityError(
                    code: "ca-unknown",
                    de: "Die Zertifizierungsstelle des Standorts ist unbekannt: ca.pem von central nach \(files.ca) kopieren oder --ca-fingerprint angeben (von 'kiosk-central ca init' ausgegeben).",
                    en: "The site's certificate authority is unknown: copy central's ca.pem to \(files.ca) or give --ca-fingerprint (printed by 'kiosk-central ca init').")
            }
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            var request = HTTPClientRequest(url: base + SyncAPI.prefix + "/site-ca.pem")
            request.tlsConfiguration = unverified
            do {
                let response = try await client.execute(request, timeout: timeout)
                let body = try await response.body.collect(upTo: 64 * 1024)
                guard response.status == .ok else { throw IdentityError.unreachable(base) }
                pem = String(buffer: body)
            } catch let error as IdentityError {
                throw error
            } catch {
                throw IdentityError.unreachable(base)
            }
            downloaded = true
        }
        guard let certificate = try? Certificate(pem: pem), let nio = try? NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem) else {
            throw IdentityError(code: "file-malformed", de: "\(files.ca): kein Zertifikat im PEM-Format.", en: "\(files.ca): no certificate in PEM format.")
        }
        if let fingerprint, Fingerprint.normalise(fingerprint) != Fingerprint.normalise(certificate.fingerprint) {
            throw IdentityError(
                code: "ca-fingerprint-mismatch",
                de: "Der Fingerabdruck der Zertifizierungsstelle stimmt nicht (erhalten: \(certificate.fingerprint)). Nicht fortfahren: Adresse von central und Fingerabdruck prüfen.",
                en: "The certificate authority's fingerprint does not match (received: \(certificate.fingerprint)). Do not go on: check central's address and the fingerprint.")
        }
        if downloaded { try PEMFile.write(pem, to: files.ca, mode: PEMFile.certificateMode) }
        progress(.authority(fingerprint: certificate.fingerprint, downloaded: downloaded))
        return (certificate, nio)
    }

    /// One request to the enrolment API; refusals come back as ``IdentityError`` with central's code and text.
    func exchange<Body: Encodable>(_ method: HTTPMethod, _ path: String, body: Body?, tls: TLSConfiguration) async throws -> EnrolmentStatus {
        let response: (status: HTTPResponseStatus, headers: HTTPHeaders, data: Data)
        do throws(CentralRequest.Failure) {
            response = try await CentralRequest.exchange(
                client: client, base: base, method, path, body: body, tls: tls, timeout: timeout, limit: 1 << 20)
        } catch {
            switch error {
            case .unencodable: throw IdentityError(code: "request", de: "Anfrage nicht kodierbar.", en: "Request not encodable.")
            case .unreachable(let cause):
                if cause is CancellationError { throw CancellationError() }
                throw IdentityError.unreachable(base)
            }
        }
        let data = response.data
        if (200..<300).contains(response.status.code), let status = try? JSONDecoder().decode(EnrolmentStatus.self, from: data) {
            return status
        }
        if let refusal = try? JSONDecoder().decode(APIErrorBody.self, from: data) {
            throw IdentityError(code: refusal.code, de: refusal.de, en: refusal.en)
        }
        throw IdentityError(
            code: "central-answer", de: "Central antwortete unerwartet (HTTP \(response.status.code)).",
            en: "Central gave an unexpected answer (HTTP \(response.status.code)).")
    }
}

extension IdentityError {
    static func unreachable(_ base: String) -> IdentityError {
        IdentityError(
            code: "central-unreachable",
            de: "\(base) ist nicht erreichbar oder sein Serverzertifikat ist nicht von der Zertifizierungsstelle des Standorts. Adresse, Netz und CA-Datei prüfen.",
            en: "\(base) is unreachable or its server certificate is not from the site's certificate authority. Check the address, network and CA file.")
    }
}

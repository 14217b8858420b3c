public import Foundation
public import KioskCore
public import X509
import Crypto
import SwiftASN1
#if canImport(Glibc)
import Glibc
#endif

/// The site's certificate authority: it signs central's server certificate and every terminal's client
/// certificate. Its key stays in central's TLS folder (0600) and is used only there.
public struct SiteAuthority: Sendable {
    /// The CA certificate (self-signed), trusted by terminals for central's server certificate.
    public let certificate: Certificate
    let key: P256.Signing.PrivateKey

    /// How long a terminal certificate lasts: two years, then the terminal enrols again.
    public static let terminalValidity: TimeInterval = 730 * 86400
    /// How long central's server certificate lasts: 825 days, the most that common clients accept.
    public static let serverValidity: TimeInterval = 825 * 86400
    /// How long the CA lasts.
    public static let authorityValidity: TimeInterval = 10 * 365 * 86400
    /// Certificates start this much before their issue time, so that a terminal whose clock runs a little
    /// behind accepts and presents them at once.
    static let backdating: TimeInterval = 300

    /// The files of a TLS folder (`kiosk-central ca init --dir`).
    public struct Files: Sendable {
        /// The folder.
        public var directory: String
        /// CA certificate, PEM.
        public var authorityCertificate: String { directory + "/ca.pem" }
        /// CA key, PEM, 0600.
        public var authorityKey: String { directory + "/ca-key.pem" }
        /// Server certificate chain (server, CA), PEM.
        public var serverCertificate: String { directory + "/server.pem" }
        /// Server key, PEM, 0600.
        public var serverKey: String { directory + "/server-key.pem" }

        /// The files in `directory`.
        public init(directory: String) {
            self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        }
    }

    /// SHA-256 of the CA certificate, grouped hex: what `kioskctl enrol --ca-fingerprint` checks.
    public var fingerprint: String { certificate.fingerprint }
    /// The CA's common name.
    public var name: String { certificate.subject.commonName ?? "" }
    /// End of the CA's validity.
    public var notAfter: Date { certificate.notValidAfter }

    /// The CA certificate in PEM.
    public var certificatePEM: String {
        (try? certificate.pemString()) ?? ""
    }

    /// Creates a new CA in `files.directory` and a server certificate for `serverNames` (host names or IP
    /// addresses); refuses to overwrite an existing CA.
    public static func create(files: Files, siteName: String, serverNames: [String], now: Date) throws(IdentityError) -> SiteAuthority {
        guard !PEMFile.exists(files.authorityKey), !PEMFile.exists(files.authorityCertificate) else {
            throw .exists(files.authorityKey)
        }
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let certificate: Certificate
        do {
            let name = try DistinguishedName {
                OrganizationName("RathausKiosk")
                CommonName("RathausKiosk CA \(siteName)")
            }
            certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                notValidBefore: now.addingTimeInterval(-backdating), notValidAfter: now.addingTimeInterval(authorityValidity),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: publicKey)
                },
                issuerPrivateKey: Certificate.PrivateKey(key))
        } catch {
            throw IdentityError(code: "ca-create", de: "Zertifizierungsstelle nicht erstellbar.", en: "Cannot create the certificate authority.")
        }
        let authority = SiteAuthority(certificate: certificate, key: key)
        try PEMFile.write(key.pemRepresentation, to: files.authorityKey, mode: PEMFile.keyMode)
        try PEMFile.write(authority.certificatePEM, to: files.authorityCertificate, mode: PEMFile.certificateMode)
        try authority.writeServerCertificate(files: files, names: serverNames, now: now)
        return authority
    }

    /// Loads the CA of a TLS folder.
    public static func load(files: Files) throws(IdentityError) -> SiteAuthority {
        let keyPEM = try PEMFile.read(files.authorityKey)
        let certificatePEM = try PEMFile.read(files.authorityCertificate)
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: keyPEM) else {
            throw .malformed(files.authorityKey, what: "P-256-Schlüssel / P-256 key")
        }
        guard let certificate = try? Certificate(pemEncoded: certificatePEM) else {
            throw .malformed(files.authorityCertificate, what: "Zertifikat / certificate")
        }
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw IdentityError(
                code: "ca-key-mismatch", de: "\(files.authorityKey) gehört nicht zu \(files.authorityCertificate).",
                en: "\(files.authorityKey) does not belong to \(files.authorityCertificate).")
        }
        return SiteAuthority(certificate: certificate, key: key)
    }

    /// Issues (or renews) central's server certificate for `names` and writes it with its key.
    public func writeServerCertificate(files: Files, names: [String], now: Date) throws(IdentityError) {
        guard let first = names.first else {
            throw IdentityError(
                code: "server-names", de: "Mindestens einen Hostnamen oder eine IP-Adresse von central angeben (--name).",
                en: "Give at least one host name or IP address of central (--name).")
        }
        var alternatives: [GeneralName] = []
        for name in names {
            guard let alternative = Self.generalName(name) else {
                throw IdentityError(
                    code: "server-names", de: "'\(name)' ist weder Hostname noch IP-Adresse.", en: "'\(name)' is neither a host name nor an IP address.")
            }
            alternatives.append(alternative)
        }
        let key = P256.Signing.PrivateKey()
        let chain: String
        do {
            let publicKey = Certificate.PublicKey(key.publicKey)
            let server = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
                notValidBefore: now.addingTimeInterval(-Self.backdating), notValidAfter: notAfter(now.addingTimeInterval(Self.serverValidity)),
                issuer: certificate.subject, subject: try DistinguishedName { CommonName(first) },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.serverAuth])
                    SubjectAlternativeNames(alternatives)
                    SubjectKeyIdentifier(hash: publicKey)
                    AuthorityKeyIdentifier(keyIdentifier: try certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
                },
                issuerPrivateKey: Certificate.PrivateKey(self.key))
            chain = try server.pemString() + "\n" + certificate.pemString()
        } catch {
            throw IdentityError(code: "server-certificate", de: "Serverzertifikat nicht erstellbar.", en: "Cannot create the server certificate.")
        }
        try PEMFile.write(key.pemRepresentation, to: files.serverKey, mode: PEMFile.keyMode)
        try PEMFile.write(chain + "\n", to: files.serverCertificate, mode: PEMFile.certificateMode)
    }

    /// Checks a terminal's request again (it may have waited in the database) and signs it.
    public func issue(csrPEM: String, terminal: TerminalID, now: Date) throws(IdentityError) -> IssuedCertificate {
        let request = try TerminalRequest.check(csrPEM: csrPEM, terminal: terminal)
        do {
            let issued = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: request.publicKey,
                notValidBefore: now.addingTimeInterval(-Self.backdating), notValidAfter: notAfter(now.addingTimeInterval(Self.terminalValidity)),
                issuer: certificate.subject,
                subject: try DistinguishedName {
                    OrganizationName("RathausKiosk")
                    CommonName(terminal.rawValue)
                },
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true))
                    try ExtendedKeyUsage([.clientAuth])
                    SubjectKeyIdentifier(hash: request.publicKey)
                    AuthorityKeyIdentifier(keyIdentifier: try certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
                },
                issuerPrivateKey: Certificate.PrivateKey(key))
            return IssuedCertificate(
                terminal: terminal, serial: issued.serialHex, sha256: issued.sha256Hex, keyFingerprint: request.keyFingerprint,
                notBefore: issued.notValidBefore, notAfter: issued.notValidAfter, pem: try issued.pemString())
        } catch {
            throw IdentityError(code: "sign-failed", de: "Zertifikat nicht signierbar.", en: "Cannot sign the certificate.")
        }
    }

    /// No certificate outlives the CA that signed it.
    func notAfter(_ wanted: Date) -> Date {
        min(wanted, certificate.notValidAfter)
    }

    /// An IP address SAN for an address, a DNS SAN for a host name, nil for anything else.
    static func generalName(_ name: String) -> GeneralName? {
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            return .ipAddress(ASN1OctetString(contentBytes: withUnsafeBytes(of: &v4) { ArraySlice($0) }))
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return .ipAddress(ASN1OctetString(contentBytes: withUnsafeBytes(of: &v6) { ArraySlice($0) }))
        }
        let valid = !name.isEmpty && name.count <= 253 && name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && label.first != "-" && label.last != "-"
        }
        return valid ? .dnsName(name.lowercased()) : nil
    }
}

/// A terminal certificate as central signed it; the store keeps its serial and SHA-256.
public struct IssuedCertificate: Sendable, Equatable {
    /// The terminal.
    public var terminal: TerminalID
    /// Serial number, hex.
    public var serial: String
    /// SHA-256 of the DER encoding, hex.
    public var sha256: String
    /// The certified key's fingerprint.
    public var keyFingerprint: String
    /// Start of validity.
    public var notBefore: Date
    /// End of validity.
    public var notAfter: Date
    /// The certificate, PEM.
    public var pem: String

    /// Creates a record.
    public init(terminal: TerminalID, serial: String, sha256: String, keyFingerprint: String, notBefore: Date, notAfter: Date, pem: String) {
        self.terminal = terminal
        self.serial = serial
        self.sha256 = sha256
        self.keyFingerprint = keyFingerprint
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.pem = pem
    }
}

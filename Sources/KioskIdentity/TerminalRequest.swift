import Crypto
public import KioskCore
public import X509
import SwiftASN1

/// A terminal's P-256 key; it never leaves the terminal, only its public half does (in the CSR).
public struct TerminalKey: Sendable {
    let key: P256.Signing.PrivateKey

    /// A new random key.
    public init() {
        key = P256.Signing.PrivateKey()
    }

    /// Reads a key written as ``pem``; `path` names the file in the error.
    public init(pem: String, path: String) throws(IdentityError) {
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: pem)
        } catch {
            throw .malformed(path, what: "P-256-Schlüssel / P-256 key")
        }
    }

    /// The key in PEM (PKCS #8), as written to the terminal's key file (mode 0600).
    public var pem: String { key.pemRepresentation }

    /// The public half as certificates carry it.
    public var publicKey: Certificate.PublicKey { Certificate.PublicKey(key.publicKey) }

    /// A PKCS #10 request, PEM, whose subject common name is the terminal id, signed with this key.
    public func csr(terminal: TerminalID) throws -> String {
        let subject = try DistinguishedName { CommonName(terminal.rawValue) }
        let csr = try CertificateSigningRequest(
            version: .v1, subject: subject, privateKey: Certificate.PrivateKey(key), attributes: .init(),
            signatureAlgorithm: .ecdsaWithSHA256)
        return try csr.serializeAsPEM().pemString
    }
}

/// The checks central makes on a terminal's certificate signing request.
public enum TerminalRequest {
    /// A request that passed ``check(csrPEM:terminal:)``.
    public struct Checked: Sendable {
        /// The terminal it is for.
        public var terminal: TerminalID
        /// The key to certify.
        public var publicKey: Certificate.PublicKey
        /// The key's fingerprint for people to compare.
        public var keyFingerprint: String
    }

    /// Most bytes a request may have; a P-256 request is well under 1 KiB.
    public static let maxCSRBytes = 8 * 1024

    /// Checks that `csrPEM` is a P-256 request signed by its own key whose subject is exactly `terminal`.
    public static func check(csrPEM: String, terminal: TerminalID) throws(IdentityError) -> Checked {
        guard csrPEM.utf8.count <= maxCSRBytes, let csr = try? CertificateSigningRequest(pemEncoded: csrPEM) else {
            throw .csrMalformed
        }
        guard P256.Signing.PublicKey(csr.publicKey) != nil else { throw .csrKeyType }
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else { throw .csrBadSignature }
        // Exactly one name: a second common name or other attributes could be read differently elsewhere.
        let names = csr.subject.flatMap { $0 }
        guard names.count == 1, csr.subject.commonName == terminal.rawValue else { throw .csrSubject(expected: terminal) }
        return Checked(terminal: terminal, publicKey: csr.publicKey, keyFingerprint: csr.publicKey.fingerprint)
    }
}

public import Foundation
public import KioskCore
public import KioskIdentity
public import NIOSSL
import X509

/// The terminal's identity for mutual TLS, read from the files `kioskctl enrol` wrote (`central.tls`): its key
/// and certificate to present, and the site CA that central's server certificate must chain to.
public struct TerminalCredentials: Sendable {
    /// The TLS settings for requests to central.
    public let tlsConfiguration: TLSConfiguration
    /// When the terminal's certificate expires.
    public let notAfter: Date

    /// Reads and checks the three files: the certificate must be for `terminal`, belong to the key, and be
    /// signed by the CA in the CA file.
    public static func load(files: TerminalConfiguration.IdentityFiles, terminal: TerminalID) throws(IdentityError) -> TerminalCredentials {
        let key = try TerminalKey(pem: try PEMFile.read(files.key), path: files.key)
        let chainPEM = try PEMFile.read(files.certificate)
        let authorityPEM = try PEMFile.read(files.ca)
        guard let chain = try? Certificate.chain(pem: chainPEM), let leaf = chain.first else {
            throw IdentityError(
                code: "file-malformed", de: "\(files.certificate): kein Zertifikat im PEM-Format.", en: "\(files.certificate): no certificate in PEM format.")
        }
        guard let authority = try? Certificate(pem: authorityPEM) else {
            throw IdentityError(code: "file-malformed", de: "\(files.ca): kein Zertifikat im PEM-Format.", en: "\(files.ca): no certificate in PEM format.")
        }
        try check(leaf, publicKey: key.publicKey, terminal: terminal, authority: authority, path: files.certificate)
        let tls: TLSConfiguration
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            configuration.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(chainPEM.utf8)).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pem.utf8), format: .pem))
            // Only the site CA: a certificate from any public CA is no proof of being this site's central.
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authorityPEM.utf8)))
            tls = configuration
        } catch {
            throw IdentityError(code: "tls-configuration", de: "TLS-Einstellungen ungültig: \(error)", en: "Invalid TLS settings: \(error)")
        }
        return TerminalCredentials(tlsConfiguration: tls, notAfter: leaf.notValidAfter)
    }

    /// Refuses a certificate that is not this terminal's, not for its key or not from the site CA.
    static func check(
        _ certificate: Certificate, publicKey: Certificate.PublicKey, terminal: TerminalID, authority: Certificate, path: String
    ) throws(IdentityError) {
        guard certificate.subjectCommonName == terminal.rawValue else {
            throw IdentityError(
                code: "certificate-wrong-terminal", de: "\(path) ist nicht für das Terminal '\(terminal.rawValue)' ausgestellt; 'kioskctl enrol' ausführen.",
                en: "\(path) was not issued to terminal '\(terminal.rawValue)'; run 'kioskctl enrol'.")
        }
        guard certificate.publicKey == publicKey else {
            throw IdentityError(
                code: "certificate-key-mismatch", de: "\(path) gehört nicht zum Schlüssel des Terminals; 'kioskctl enrol' ausführen.",
                en: "\(path) does not belong to the terminal's key; run 'kioskctl enrol'.")
        }
        guard certificate.isSigned(by: authority) else {
            throw IdentityError(
                code: "certificate-untrusted", de: "\(path) ist nicht von der Zertifizierungsstelle in der CA-Datei signiert.",
                en: "\(path) is not signed by the certificate authority in the CA file.")
        }
    }
}

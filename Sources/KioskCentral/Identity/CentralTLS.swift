public import HummingbirdCore
public import KioskIdentity
import HummingbirdTLS
import NIOCore
import NIOSSL

/// HTTPS for kiosk-central from a TLS folder (`kiosk-central ca init`).
public enum CentralTLS {
    /// The HTTP/1.1-over-TLS server: central's certificate chain and key; client certificates asked for but
    /// optional, because a terminal enrols before it has one and staff browsers have none.
    ///
    /// A presented client certificate is accepted at the handshake whoever issued it: the handshake still
    /// proves that the client holds its key, and ``TerminalIdentityMiddleware`` decides per request whether it
    /// may act for a terminal, answering with a readable 4xx instead of a TLS alert.
    public static func server(files: SiteAuthority.Files) throws(IdentityError) -> HTTPServerBuilder {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        let authority: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.serverCertificate)
            authority = try NIOSSLCertificate.fromPEMFile(files.authorityCertificate)
        } catch {
            throw IdentityError(
                code: "file-unreadable", de: "\(files.serverCertificate) oder \(files.authorityCertificate) fehlt oder ist kein PEM-Zertifikat.",
                en: "\(files.serverCertificate) or \(files.authorityCertificate) is missing or not a PEM certificate.")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.serverKey, format: .pem)
        } catch {
            throw IdentityError(
                code: "file-unreadable", de: "\(files.serverKey) fehlt oder ist kein PEM-Schlüssel.", en: "\(files.serverKey) is missing or not a PEM key.")
        }
        guard !chain.isEmpty, !authority.isEmpty else {
            throw IdentityError(code: "file-malformed", de: "Kein Zertifikat in den PEM-Dateien.", en: "No certificate in the PEM files.")
        }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .optionalVerification
        tls.trustRoots = .certificates(authority)
        // Browsers then offer only certificates of this CA, and staff browsers none at all.
        tls.sendCANameList = true
        let configuration = TLSChannelConfiguration(
            tlsConfiguration: tls, customVerificationCallback: { _, promise in promise.succeed(.certificateVerified) })
        do {
            return try .tls(.http1(), configuration: configuration)
        } catch {
            throw IdentityError(code: "tls-configuration", de: "TLS-Einstellungen ungültig: \(error)", en: "Invalid TLS settings: \(error)")
        }
    }
}

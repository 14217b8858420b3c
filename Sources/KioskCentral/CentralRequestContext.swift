public import Hummingbird
import NIOCore
import NIOSSL
import X509
import KioskIdentity

/// The request context of kiosk-central: Hummingbird's basics plus the connection the request came on, whose
/// TLS handler knows the client certificate that terminal routes check (``TerminalIdentityMiddleware``).
public struct CentralRequestContext: RequestContext {
    /// Hummingbird's part.
    public var coreContext: CoreRequestContextStorage
    /// The request's connection.
    let channel: any Channel

    /// Creates the context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The certificate the client presented during the TLS handshake, nil on plain HTTP or without one.
    ///
    /// It is asked for on every request, not kept from an earlier one: a keep-alive connection may carry
    /// requests for a long time, and each must pass the checks against the store on its own.
    func clientCertificate() async -> Certificate? {
        guard let presented = try? await channel.nioSSL_peerCertificate().get(),
            let der = try? presented.toDERBytes()
        else { return nil }
        return try? Certificate(der: der)
    }
}

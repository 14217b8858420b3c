public import Foundation
public import Hummingbird
public import KioskIdentity
import KioskCore
import Logging
import X509

/// Lets a request to `/v1/terminals/{terminal}/…` through only when it comes with a client certificate that this
/// site's CA issued to exactly that terminal, that the store knows as issued and that is not revoked.
///
/// The TLS handshake only proves that the client holds the key of the certificate it presents; everything
/// else is decided here, per request, so that a refusal is a 4xx with a reason a technician can read (not a
/// TLS alert), a revocation applies to connections that are already open, and nothing reaches a handler.
public struct TerminalIdentityMiddleware: RouterMiddleware {
    public typealias Context = CentralRequestContext

    let authority: SiteAuthority
    let store: any CentralStore
    let now: @Sendable () -> Date

    /// Creates the check.
    public init(authority: SiteAuthority, store: any CentralStore, now: @escaping @Sendable () -> Date) {
        self.authority = authority
        self.store = store
        self.now = now
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let terminal = try CentralAPI.terminalID(context)
        do {
            try await authorize(await context.clientCertificate(), terminal: terminal)
        } catch let refusal as APIError {
            context.logger.notice(
                "Terminal request refused", metadata: ["kiosk.terminal": "\(terminal)", "kiosk.identity.refusal": "\(refusal.body.code)"])
            throw refusal
        }
        return try await next(request, context)
    }

    /// Throws the refusal for a certificate that may not act for `terminal`.
    func authorize(_ certificate: Certificate?, terminal: TerminalID) async throws {
        guard let certificate else { throw APIError.clientCertificateRequired }
        guard certificate.isSigned(by: authority.certificate) else { throw APIError.certificateUntrusted }
        let now = now()
        guard certificate.notValidBefore <= now, now <= certificate.notValidAfter else { throw APIError.certificateExpired }
        guard certificate.subjectCommonName == terminal.rawValue else { throw APIError.certificateWrongTerminal }
        let record: TerminalCertificateRecord?
        do {
            record = try await store.terminalCertificate(sha256: certificate.sha256Hex)
        } catch {
            throw APIError.unavailable
        }
        guard let record, record.issued.terminal == terminal else { throw APIError.certificateUnknown }
        guard record.revokedAt == nil else { throw APIError.certificateRevoked }
    }
}

public import Foundation
public import KioskCore
public import KioskIdentity

/// The administrator's decisions on enrolments, shared by the console and the `kiosk-central terminal` commands.
public enum TerminalEnrolments {
    /// How many requests may wait at once; more are refused, so that nobody can fill the database with them.
    public static let maxPending = 50

    /// Signs a pending enrolment's request with the site CA and registers the certificate.
    ///
    /// The request is checked again before signing (it may have waited in the database). If another
    /// administrator decided in between, the store refuses and the signed certificate is dropped: only
    /// registered certificates are ever accepted.
    public static func approve(
        id: UUID, authority: SiteAuthority, store: any CentralStore, by staff: String, at now: Date
    ) async throws -> IssuedCertificate {
        guard let enrolment = try await store.enrolment(id: id) else { throw IdentityRefusal.unknownEnrolment }
        guard enrolment.state == .pending else { throw IdentityRefusal.alreadyDecided(enrolment.state) }
        let certificate = try authority.issue(csrPEM: enrolment.csr, terminal: enrolment.terminal, now: now)
        try await store.approveEnrolment(id: id, certificate: certificate, by: staff, at: now)
        return certificate
    }

    /// The pending enrolments of a terminal, so that the command line can approve by terminal id when there is
    /// exactly one (several must be told apart by id and fingerprint).
    public static func pending(terminal: TerminalID, store: any CentralStore) async throws -> [EnrolmentRecord] {
        try await store.enrolments(state: .pending, limit: maxPending).filter { $0.terminal == terminal }
    }
}

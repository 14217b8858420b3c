public import Foundation
public import KioskCore
public import KioskIdentity

/// A terminal's enrolment as the store keeps it: the request, the administrator's decision and, once approved,
/// the certificate.
public struct EnrolmentRecord: Sendable, Equatable {
    /// Request id (random).
    public var id: UUID
    /// The terminal.
    public var terminal: TerminalID
    /// The certificate signing request, PEM.
    public var csr: String
    /// Fingerprint of the requested key, for the administrator to compare.
    public var keyFingerprint: String
    /// Where it stands.
    public var state: EnrolmentState
    /// When it arrived.
    public var requestedAt: Date
    /// When an administrator decided, and who.
    public var decidedAt: Date?
    /// The administrator's staff id (or "cli").
    public var decidedBy: String?
    /// Once approved: the certificate, PEM.
    public var certificate: String?

    /// Creates a record.
    public init(
        id: UUID, terminal: TerminalID, csr: String, keyFingerprint: String, state: EnrolmentState, requestedAt: Date,
        decidedAt: Date? = nil, decidedBy: String? = nil, certificate: String? = nil
    ) {
        self.id = id
        self.terminal = terminal
        self.csr = csr
        self.keyFingerprint = keyFingerprint
        self.state = state
        self.requestedAt = requestedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.certificate = certificate
    }
}

/// A certificate central issued to a terminal, and whether it was revoked.
public struct TerminalCertificateRecord: Sendable, Equatable {
    /// What was issued.
    public var issued: IssuedCertificate
    /// The enrolment it answered.
    public var enrolment: UUID
    /// When it was revoked, nil while it is valid.
    public var revokedAt: Date?
    /// Who revoked it.
    public var revokedBy: String?

    /// Creates a record.
    public init(issued: IssuedCertificate, enrolment: UUID, revokedAt: Date? = nil, revokedBy: String? = nil) {
        self.issued = issued
        self.enrolment = enrolment
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }
}

/// Why an enrolment operation was refused; the API and the console turn each into a message.
public enum IdentityRefusal: Error, Equatable, Sendable {
    /// So many requests wait for a decision that new ones are turned away until an administrator acts.
    case tooManyPending
    /// No enrolment with that id.
    case unknownEnrolment
    /// The enrolment was already decided.
    case alreadyDecided(EnrolmentState)
}

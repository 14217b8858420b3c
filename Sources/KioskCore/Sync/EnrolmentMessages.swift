public import Foundation

/// A terminal's request for a client certificate (`POST /v1/enrolments`); no certificate is needed to send it.
public struct EnrolmentRequest: Codable, Sendable, Equatable {
    /// The terminal id the certificate is for; it must be the CSR's subject common name.
    public var terminal: TerminalID
    /// The PKCS #10 certificate signing request, PEM.
    public var csr: String

    /// Creates a request.
    public init(terminal: TerminalID, csr: String) {
        self.terminal = terminal
        self.csr = csr
    }
}

/// Where an enrolment stands.
public enum EnrolmentState: String, Codable, Sendable, Equatable, CaseIterable {
    /// Waiting for an administrator.
    case pending
    /// Signed: the answer carries the certificate.
    case approved
    /// Refused by an administrator; the terminal must enrol again with a new request.
    case rejected
}

/// The answer to an enrolment request and to polling it (`GET /v1/enrolments/{id}`).
public struct EnrolmentStatus: Codable, Sendable, Equatable {
    /// The request id; random, so only the terminal that submitted the request knows it.
    public var id: UUID
    /// The terminal.
    public var terminal: TerminalID
    /// Where it stands.
    public var state: EnrolmentState
    /// SHA-256 of the requested public key, grouped hex: the technician reads it to the administrator, who
    /// compares it before approving.
    public var keyFingerprint: String
    /// Once approved: the terminal's certificate, PEM.
    public var certificate: String?
    /// Once approved: the site CA certificate, PEM, which the terminal trusts for central's server certificate.
    public var ca: String?

    /// Creates a status.
    public init(id: UUID, terminal: TerminalID, state: EnrolmentState, keyFingerprint: String, certificate: String? = nil, ca: String? = nil) {
        self.id = id
        self.terminal = terminal
        self.state = state
        self.keyFingerprint = keyFingerprint
        self.certificate = certificate
        self.ca = ca
    }
}

/// Fingerprints as people compare them: SHA-256 hex in groups of four, upper case.
public enum Fingerprint {
    /// Formats digest bytes, e.g. "3F2A 9C01 …".
    public static func format(_ digest: some Sequence<UInt8>) -> String {
        let hex = digest.map { byte in
            let text = String(byte, radix: 16, uppercase: true)
            return text.count == 1 ? "0" + text : text
        }.joined()
        var groups: [Substring] = []
        var rest = Substring(hex)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The canonical form of a fingerprint typed by a person: hex digits only, upper case, so that
    /// "3f2a:9c01", "3F2A 9C01" and "sha256:3f2a9c01" compare equal.
    public static func normalise(_ text: String) -> String {
        var text = text.lowercased()
        if text.hasPrefix("sha256:") { text.removeFirst("sha256:".count) }
        return String(text.filter(\.isHexDigit)).uppercased()
    }
}

import Foundation

/// Tables for terminal identity, the same in both backends (types aside).
///
/// An issued certificate is never changed: revoking adds a row to `certificate_revocation`, so that what was
/// issued and what was withdrawn stay separate facts.
enum IdentitySchema {
    /// An id column read back; only ever written from a `UUID`, so anything else is a damaged row.
    static func uuid(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw CentralStoreError(operation: "read identity", code: "malformed id") }
        return id
    }

    static let sqlite = """
        CREATE TABLE enrolment (
            id TEXT PRIMARY KEY NOT NULL,
            terminal TEXT NOT NULL,
            csr TEXT NOT NULL,
            key_fingerprint TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
            requested_ms INTEGER NOT NULL,
            decided_ms INTEGER,
            decided_by TEXT
        ) STRICT;
        CREATE INDEX enrolment_state ON enrolment(state, requested_ms);
        CREATE TABLE terminal_certificate (
            serial TEXT PRIMARY KEY NOT NULL,
            terminal TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            key_fingerprint TEXT NOT NULL,
            not_before_ms INTEGER NOT NULL,
            not_after_ms INTEGER NOT NULL,
            pem TEXT NOT NULL,
            enrolment TEXT NOT NULL UNIQUE REFERENCES enrolment(id),
            issued_ms INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX terminal_certificate_terminal ON terminal_certificate(terminal);
        CREATE TABLE certificate_revocation (
            serial TEXT PRIMARY KEY NOT NULL REFERENCES terminal_certificate(serial),
            revoked_ms INTEGER NOT NULL,
            revoked_by TEXT NOT NULL
        ) STRICT;
        """

    static let postgres = [
        """
        CREATE TABLE enrolment (
            id TEXT PRIMARY KEY,
            terminal TEXT NOT NULL,
            csr TEXT NOT NULL,
            key_fingerprint TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected')),
            requested_ms BIGINT NOT NULL,
            decided_ms BIGINT,
            decided_by TEXT
        )
        """,
        "CREATE INDEX enrolment_state ON enrolment(state, requested_ms)",
        """
        CREATE TABLE terminal_certificate (
            serial TEXT PRIMARY KEY,
            terminal TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            key_fingerprint TEXT NOT NULL,
            not_before_ms BIGINT NOT NULL,
            not_after_ms BIGINT NOT NULL,
            pem TEXT NOT NULL,
            enrolment TEXT NOT NULL UNIQUE REFERENCES enrolment(id),
            issued_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX terminal_certificate_terminal ON terminal_certificate(terminal)",
        """
        CREATE TABLE certificate_revocation (
            serial TEXT PRIMARY KEY REFERENCES terminal_certificate(serial),
            revoked_ms BIGINT NOT NULL,
            revoked_by TEXT NOT NULL
        )
        """,
    ]

    /// Columns of an enrolment with its certificate, for `FROM enrolment e LEFT JOIN terminal_certificate c`.
    static let enrolmentColumns = """
        e.id, e.terminal, e.csr, e.key_fingerprint, e.state, e.requested_ms, e.decided_ms, e.decided_by, c.pem AS certificate
        """

    /// Columns of a certificate with its revocation, for `FROM terminal_certificate c LEFT JOIN certificate_revocation r`.
    static let certificateColumns = """
        c.serial, c.terminal, c.sha256, c.key_fingerprint, c.not_before_ms, c.not_after_ms, c.pem, c.enrolment,
        r.revoked_ms, r.revoked_by
        """
}

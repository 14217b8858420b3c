public import Foundation
public import KioskCore
public import KioskIdentity
import Logging
import PostgresNIO

extension PostgresCentralStore {
    public func submitEnrolment(_ enrolment: EnrolmentRecord, maxPending: Int) async throws -> EnrolmentRecord {
        try await transaction("submit-enrolment") { connection in
            let logger = self.logger
            // One submission at a time, so that the pending count holds and a resubmission finds the first.
            try await connection.query("LOCK TABLE enrolment IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            if let existing = try await PGRows.one(
                connection.query(
                    """
                    SELECT \(unescaped: IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id
                    WHERE e.terminal = \(enrolment.terminal.rawValue) AND e.key_fingerprint = \(enrolment.keyFingerprint) AND e.state = 'pending'
                    """, logger: logger))
            {
                return try Self.enrolment(existing)
            }
            let pending = try await PGRows.one(
                connection.query("SELECT COUNT(*) AS n FROM enrolment WHERE state = 'pending'", logger: logger))?.int("n") ?? 0
            guard pending < maxPending else { throw IdentityRefusal.tooManyPending }
            try await connection.query(
                """
                INSERT INTO enrolment(id, terminal, csr, key_fingerprint, state, requested_ms)
                VALUES (\(enrolment.id.uuidString), \(enrolment.terminal.rawValue), \(enrolment.csr), \(enrolment.keyFingerprint), 'pending',
                    \(enrolment.requestedAt.millisecondsSince1970))
                """, logger: logger)
            var stored = enrolment
            stored.state = .pending
            return stored
        }
    }

    public func enrolment(id: UUID) async throws -> EnrolmentRecord? {
        try await read("enrolment") { client in
            try await PGRows.one(
                client.query(
                    """
                    SELECT \(unescaped: IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id
                    WHERE e.id = \(id.uuidString)
                    """)
            ).map(Self.enrolment)
        }
    }

    public func enrolments(state: EnrolmentState?, limit: Int) async throws -> [EnrolmentRecord] {
        try await read("enrolments") { client in
            let rows: PostgresRowSequence
            if let state {
                rows = try await client.query(
                    """
                    SELECT \(unescaped: IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id
                    WHERE e.state = \(state.rawValue) ORDER BY e.requested_ms DESC, e.id LIMIT \(limit)
                    """)
            } else {
                rows = try await client.query(
                    """
                    SELECT \(unescaped: IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id
                    ORDER BY e.requested_ms DESC, e.id LIMIT \(limit)
                    """)
            }
            return try await PGRows.all(rows).map(Self.enrolment)
        }
    }

    public func approveEnrolment(id: UUID, certificate: IssuedCertificate, by staff: String, at now: Date) async throws {
        try await transaction("approve-enrolment") { connection in
            let logger = self.logger
            _ = try await Self.decide(connection, id: id, state: .approved, by: staff, at: now, logger: logger)
            try await connection.query(
                """
                INSERT INTO terminal_certificate(serial, terminal, sha256, key_fingerprint, not_before_ms, not_after_ms, pem, enrolment, issued_ms)
                VALUES (\(certificate.serial), \(certificate.terminal.rawValue), \(certificate.sha256), \(certificate.keyFingerprint),
                    \(certificate.notBefore.millisecondsSince1970), \(certificate.notAfter.millisecondsSince1970), \(certificate.pem),
                    \(id.uuidString), \(now.millisecondsSince1970))
                """, logger: logger)
            try await Self.audit(
                connection, at: now, staff: staff, action: "enrol-approve", counter: nil, ticket: nil,
                detail: "\(certificate.terminal.rawValue) \(certificate.serial)", logger: logger)
        }
    }

    public func rejectEnrolment(id: UUID, by staff: String, at now: Date) async throws {
        try await transaction("reject-enrolment") { connection in
            let logger = self.logger
            let terminal = try await Self.decide(connection, id: id, state: .rejected, by: staff, at: now, logger: logger)
            try await Self.audit(connection, at: now, staff: staff, action: "enrol-reject", counter: nil, ticket: nil, detail: terminal, logger: logger)
        }
    }

    /// Moves a pending enrolment to `state` (the row is locked until commit, so two administrators deciding at
    /// once are serialised and the second sees the first's decision); returns its terminal.
    static func decide(
        _ connection: PostgresConnection, id: UUID, state: EnrolmentState, by staff: String, at now: Date, logger: Logger
    ) async throws -> String {
        guard let row = try await PGRows.one(
            connection.query("SELECT terminal, state FROM enrolment WHERE id = \(id.uuidString) FOR UPDATE", logger: logger))
        else { throw IdentityRefusal.unknownEnrolment }
        let current = EnrolmentState(rawValue: try row.string("state")) ?? .rejected
        guard current == .pending else { throw IdentityRefusal.alreadyDecided(current) }
        try await connection.query(
            """
            UPDATE enrolment SET state = \(state.rawValue), decided_ms = \(now.millisecondsSince1970), decided_by = \(staff)
            WHERE id = \(id.uuidString)
            """, logger: logger)
        return try row.string("terminal")
    }

    public func terminalCertificate(sha256: String) async throws -> TerminalCertificateRecord? {
        try await read("terminal-certificate") { client in
            try await PGRows.one(
                client.query(
                    """
                    SELECT \(unescaped: IdentitySchema.certificateColumns) FROM terminal_certificate c
                    LEFT JOIN certificate_revocation r ON r.serial = c.serial WHERE c.sha256 = \(sha256)
                    """)
            ).map(Self.certificate)
        }
    }

    public func terminalCertificates() async throws -> [TerminalCertificateRecord] {
        try await read("terminal-certificates") { client in
            try await PGRows.all(
                client.query(
                    """
                    SELECT \(unescaped: IdentitySchema.certificateColumns) FROM terminal_certificate c
                    LEFT JOIN certificate_revocation r ON r.serial = c.serial ORDER BY c.terminal, c.issued_ms DESC, c.serial
                    """)
            ).map(Self.certificate)
        }
    }

    public func revokeCertificates(terminal: TerminalID, serial: String?, by staff: String, at now: Date) async throws -> Int {
        try await transaction("revoke-certificates") { connection in
            let logger = self.logger
            let candidates = try await PGRows.all(
                connection.query(
                    """
                    SELECT c.serial FROM terminal_certificate c LEFT JOIN certificate_revocation r ON r.serial = c.serial
                    WHERE c.terminal = \(terminal.rawValue) AND r.serial IS NULL ORDER BY c.serial
                    """, logger: logger)
            ).map { try $0.string("serial") }.filter { serial == nil || $0 == serial }
            var revoked = 0
            for candidate in candidates {
                // A concurrent revocation of the same serial is not an error: the certificate is revoked either way.
                let inserted = try await PGRows.one(
                    connection.query(
                        """
                        INSERT INTO certificate_revocation(serial, revoked_ms, revoked_by) VALUES (\(candidate), \(now.millisecondsSince1970), \(staff))
                        ON CONFLICT (serial) DO NOTHING RETURNING serial
                        """, logger: logger))
                guard inserted != nil else { continue }
                revoked += 1
                try await Self.audit(
                    connection, at: now, staff: staff, action: "certificate-revoke", counter: nil, ticket: nil,
                    detail: "\(terminal.rawValue) \(candidate)", logger: logger)
            }
            return revoked
        }
    }

    static func enrolment(_ row: PGRows) throws -> EnrolmentRecord {
        EnrolmentRecord(
            id: try IdentitySchema.uuid(try row.string("id")), terminal: TerminalID(rawValue: try row.string("terminal")),
            csr: try row.string("csr"), keyFingerprint: try row.string("key_fingerprint"),
            state: EnrolmentState(rawValue: try row.string("state")) ?? .rejected,
            requestedAt: Date(millisecondsSince1970: try row.int64("requested_ms")),
            decidedAt: try row.optionalInt64("decided_ms").map { Date(millisecondsSince1970: $0) },
            decidedBy: try row.optionalString("decided_by"), certificate: try row.optionalString("certificate"))
    }

    static func certificate(_ row: PGRows) throws -> TerminalCertificateRecord {
        TerminalCertificateRecord(
            issued: IssuedCertificate(
                terminal: TerminalID(rawValue: try row.string("terminal")), serial: try row.string("serial"), sha256: try row.string("sha256"),
                keyFingerprint: try row.string("key_fingerprint"), notBefore: Date(millisecondsSince1970: try row.int64("not_before_ms")),
                notAfter: Date(millisecondsSince1970: try row.int64("not_after_ms")), pem: try row.string("pem")),
            enrolment: try IdentitySchema.uuid(try row.string("enrolment")),
            revokedAt: try row.optionalInt64("revoked_ms").map { Date(millisecondsSince1970: $0) },
            revokedBy: try row.optionalString("revoked_by"))
    }
}

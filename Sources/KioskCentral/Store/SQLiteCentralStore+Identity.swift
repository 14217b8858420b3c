public import Foundation
public import KioskCore
public import KioskIdentity
import GRDB

extension SQLiteCentralStore {
    public func submitEnrolment(_ enrolment: EnrolmentRecord, maxPending: Int) async throws -> EnrolmentRecord {
        try await pool.write { db in
            if let existing = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id
                    WHERE e.terminal = ? AND e.key_fingerprint = ? AND e.state = 'pending'
                    """, arguments: [enrolment.terminal.rawValue, enrolment.keyFingerprint])
            {
                return try Self.enrolment(existing)
            }
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrolment WHERE state = 'pending'") ?? 0
            guard pending < maxPending else { throw IdentityRefusal.tooManyPending }
            try db.execute(
                sql: "INSERT INTO enrolment(id, terminal, csr, key_fingerprint, state, requested_ms) VALUES (?, ?, ?, ?, 'pending', ?)",
                arguments: [
                    enrolment.id.uuidString, enrolment.terminal.rawValue, enrolment.csr, enrolment.keyFingerprint,
                    enrolment.requestedAt.millisecondsSince1970,
                ])
            var stored = enrolment
            stored.state = .pending
            return stored
        }
    }

    public func enrolment(id: UUID) async throws -> EnrolmentRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id WHERE e.id = ?",
                arguments: [id.uuidString]
            ).map(Self.enrolment)
        }
    }

    public func enrolments(state: EnrolmentState?, limit: Int) async throws -> [EnrolmentRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(IdentitySchema.enrolmentColumns) FROM enrolment e LEFT JOIN terminal_certificate c ON c.enrolment = e.id
                    WHERE ? IS NULL OR e.state = ? ORDER BY e.requested_ms DESC, e.id LIMIT ?
                    """, arguments: [state?.rawValue, state?.rawValue, limit]
            ).map(Self.enrolment)
        }
    }

    public func approveEnrolment(id: UUID, certificate: IssuedCertificate, by staff: String, at now: Date) async throws {
        try await pool.write { db in
            try Self.decide(db, id: id, state: .approved, by: staff, at: now)
            try db.execute(
                sql: """
                    INSERT INTO terminal_certificate(serial, terminal, sha256, key_fingerprint, not_before_ms, not_after_ms, pem, enrolment, issued_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    certificate.serial, certificate.terminal.rawValue, certificate.sha256, certificate.keyFingerprint,
                    certificate.notBefore.millisecondsSince1970, certificate.notAfter.millisecondsSince1970, certificate.pem,
                    id.uuidString, now.millisecondsSince1970,
                ])
            try Self.audit(db, at: now, staff: staff, action: "enrol-approve", counter: nil, ticket: nil, detail: "\(certificate.terminal.rawValue) \(certificate.serial)")
        }
    }

    public func rejectEnrolment(id: UUID, by staff: String, at now: Date) async throws {
        try await pool.write { db in
            let terminal = try Self.decide(db, id: id, state: .rejected, by: staff, at: now)
            try Self.audit(db, at: now, staff: staff, action: "enrol-reject", counter: nil, ticket: nil, detail: terminal)
        }
    }

    /// Moves a pending enrolment to `state`; returns its terminal.
    @discardableResult
    static func decide(_ db: Database, id: UUID, state: EnrolmentState, by staff: String, at now: Date) throws -> String {
        guard let row = try Row.fetchOne(db, sql: "SELECT terminal, state FROM enrolment WHERE id = ?", arguments: [id.uuidString]) else {
            throw IdentityRefusal.unknownEnrolment
        }
        let current = EnrolmentState(rawValue: row["state"]) ?? .rejected
        guard current == .pending else { throw IdentityRefusal.alreadyDecided(current) }
        try db.execute(
            sql: "UPDATE enrolment SET state = ?, decided_ms = ?, decided_by = ? WHERE id = ? AND state = 'pending'",
            arguments: [state.rawValue, now.millisecondsSince1970, staff, id.uuidString])
        return row["terminal"]
    }

    public func terminalCertificate(sha256: String) async throws -> TerminalCertificateRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT \(IdentitySchema.certificateColumns) FROM terminal_certificate c
                        LEFT JOIN certificate_revocation r ON r.serial = c.serial WHERE c.sha256 = ?
                        """), arguments: [sha256]
            ).map(Self.certificate)
        }
    }

    public func terminalCertificates() async throws -> [TerminalCertificateRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(IdentitySchema.certificateColumns) FROM terminal_certificate c
                    LEFT JOIN certificate_revocation r ON r.serial = c.serial ORDER BY c.terminal, c.issued_ms DESC, c.serial
                    """
            ).map(Self.certificate)
        }
    }

    public func revokeCertificates(terminal: TerminalID, serial: String?, by staff: String, at now: Date) async throws -> Int {
        try await pool.write { db in
            let serials = try String.fetchAll(
                db,
                sql: """
                    SELECT c.serial FROM terminal_certificate c LEFT JOIN certificate_revocation r ON r.serial = c.serial
                    WHERE c.terminal = ? AND (? IS NULL OR c.serial = ?) AND r.serial IS NULL ORDER BY c.serial
                    """, arguments: [terminal.rawValue, serial, serial])
            for revoked in serials {
                try db.execute(
                    sql: "INSERT INTO certificate_revocation(serial, revoked_ms, revoked_by) VALUES (?, ?, ?)",
                    arguments: [revoked, now.millisecondsSince1970, staff])
                try Self.audit(db, at: now, staff: staff, action: "certificate-revoke", counter: nil, ticket: nil, detail: "\(terminal.rawValue) \(revoked)")
            }
            return serials.count
        }
    }

    static func enrolment(_ row: Row) throws -> EnrolmentRecord {
        let decided: Int64? = row["decided_ms"]
        return EnrolmentRecord(
            id: try IdentitySchema.uuid(row["id"]), terminal: TerminalID(rawValue: row["terminal"]), csr: row["csr"],
            keyFingerprint: row["key_fingerprint"], state: EnrolmentState(rawValue: row["state"]) ?? .rejected,
            requestedAt: Date(millisecondsSince1970: row["requested_ms"] as Int64), decidedAt: decided.map { Date(millisecondsSince1970: $0) },
            decidedBy: row["decided_by"], certificate: row["certificate"])
    }

    static func certificate(_ row: Row) throws -> TerminalCertificateRecord {
        let revoked: Int64? = row["revoked_ms"]
        return TerminalCertificateRecord(
            issued: IssuedCertificate(
                terminal: TerminalID(rawValue: row["terminal"]), serial: row["serial"], sha256: row["sha256"],
                keyFingerprint: row["key_fingerprint"], notBefore: Date(millisecondsSince1970: row["not_before_ms"] as Int64),
                notAfter: Date(millisecondsSince1970: row["not_after_ms"] as Int64), pem: row["pem"]),
            enrolment: try IdentitySchema.uuid(row["enrolment"]), revokedAt: revoked.map { Date(millisecondsSince1970: $0) },
            revokedBy: row["revoked_by"])
    }
}

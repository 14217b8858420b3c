public import Foundation
import GRDB
import KioskCore

/// What one retention run deleted, by kind; counts only, never contents.
public struct RetentionReport: Sendable, Equatable {
    /// Acknowledged outbox events deleted (their bodies carry appointment ids and ticket details).
    public var outboxEvents = 0
    /// Appointment check-in records deleted (keyed by the appointment).
    public var checkIns = 0
    /// Sealed signatures deleted whose event central has acknowledged.
    public var signatures = 0
    /// Past appointments (with their process numbers, keys and booking references) removed from the stored snapshot.
    public var snapshotAppointments = 0
    /// Whether the write-ahead log was emptied afterwards, so that no old page image of deleted rows stays in it.
    public var walTruncated = false

    /// Whether anything was deleted.
    public var deletedAnything: Bool { outboxEvents + checkIns + signatures + snapshotAppointments > 0 }
}

extension KioskStore {
    /// Deletes personal data central has acknowledged before `cutoff`, then empties the WAL.
    ///
    /// The outbox is sent in sequence order, so "acknowledged" is everything below the oldest unsent event; a
    /// check-in's row is written with its event at the same instant, so it goes only when no event as old as it is
    /// unsent or was acknowledged at or after `cutoff`. Past appointments leave the stored snapshot too (they came from central, which keeps them).
    /// `secure_delete` overwrites the freed bytes in the database file; the truncating checkpoint then drops the
    /// WAL's old page images. When a reader holds the WAL the truncation waits for the next run
    /// (`walTruncated` is false) rather than blocking the kiosk.
    public func deletePersonalData(acknowledgedBefore cutoff: Date) throws(StoreError) -> RetentionReport {
        let cutoffMs = cutoff.millisecondsSince1970
        var report = try storeOperation("delete personal data") {
            try pool.write { db -> RetentionReport in
                var report = RetentionReport()
                let last = Int64(try String.fetchOne(db, sql: "SELECT value FROM terminal_state WHERE key = 'last_sequence'") ?? "0") ?? 0
                let oldestUnsent = try Int64.fetchOne(db, sql: "SELECT MIN(sequence) FROM outbox WHERE sent_at_ms IS NULL")
                let acknowledgedThrough = oldestUnsent.map { $0 - 1 } ?? last

                try db.execute(
                    sql: """
                        DELETE FROM appointment_check_in WHERE checked_in_ms < ?
                          AND NOT EXISTS (
                            SELECT 1 FROM outbox WHERE time_ms <= appointment_check_in.checked_in_ms
                              AND (sent_at_ms IS NULL OR sent_at_ms >= ?))
                        """, arguments: [cutoffMs, cutoffMs])
                report.checkIns = db.changesCount
                try db.execute(
                    sql: "DELETE FROM outbox WHERE sent_at_ms IS NOT NULL AND sent_at_ms < ? AND sequence <= ?",
                    arguments: [cutoffMs, acknowledgedThrough])
                report.outboxEvents = db.changesCount
                try db.execute(sql: "DELETE FROM sealed_signature WHERE outbox_sequence <= ?", arguments: [acknowledgedThrough])
                report.signatures = db.changesCount
                report.snapshotAppointments = try Self.dropPastAppointments(db, before: cutoff)
                return report
            }
        }
        if report.snapshotAppointments > 0 { snapshotAppointments.invalidate() }
        report.walTruncated = (try? storeOperation("truncate WAL") {
            try pool.writeWithoutTransaction { db in
                // TRUNCATE waits for readers only as long as the busy timeout; a failure leaves it to the next run.
                _ = try db.checkpoint(.truncate)
            }
        }) != nil
        return report
    }

    /// Rewrites the stored snapshot without the appointments that ended before `cutoff`; keeps its ETag, so a
    /// "not modified" from central keeps the shortened copy. Returns how many were removed.
    static func dropPastAppointments(_ db: Database, before cutoff: Date) throws -> Int {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM reference_snapshot WHERE key = 'terminal'"),
            var snapshot = try? JSONDecoder().decode(TerminalSnapshot.self, from: body)
        else { return 0 }
        let before = snapshot.appointments.count
        snapshot.appointments.removeAll { $0.start.addingTimeInterval(Double($0.durationMinutes) * 60) < cutoff }
        let removed = before - snapshot.appointments.count
        guard removed > 0 else { return 0 }
        try db.execute(
            sql: "UPDATE reference_snapshot SET body = ? WHERE key = 'terminal'",
            arguments: [try EventCoding.canonicalEncoder.encode(snapshot)])
        return removed
    }
}

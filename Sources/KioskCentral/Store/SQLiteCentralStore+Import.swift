public import Foundation
public import KioskCore
import GRDB

extension SQLiteCentralStore {
    public func importAppointments(
        _ rows: [AppointmentImportRow], site: String, calendar: SiteCalendar, dryRun: Bool
    ) async throws -> AppointmentImportReport {
        try await pool.write { db in
            var outcomes: [AppointmentImportPlan.Outcome] = []
            for row in rows {
                let stored = try Row.fetchOne(db, sql: "SELECT * FROM appointment WHERE id = ?", arguments: [row.id.rawValue]).map { row in
                    AppointmentImportPlan.Stored(appointment: Self.appointment(row), site: row["site"], name: row["name"])
                }
                outcomes.append(AppointmentImportPlan.classify(row, stored: stored, site: site))
            }
            let report = AppointmentImportPlan.report(rows, outcomes, dryRun: dryRun)
            // Nothing written unless every row is fine: the write transaction ends without changes.
            guard report.applied else { return report }
            for (row, outcome) in zip(rows, outcomes) {
                switch outcome {
                case .create(let appointment, let name), .update(let appointment, let name):
                    try db.execute(
                        sql: """
                            INSERT INTO appointment(
                                id, site, service, day, start_ms, duration_minutes, process_number, auth_key, booking_reference, state, name)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT(id) DO UPDATE SET
                                service = excluded.service, day = excluded.day, start_ms = excluded.start_ms,
                                duration_minutes = excluded.duration_minutes, process_number = excluded.process_number,
                                auth_key = excluded.auth_key, booking_reference = excluded.booking_reference, name = excluded.name,
                                state = CASE WHEN appointment.state = 'checked-in' THEN 'checked-in' ELSE excluded.state END
                            """,
                        arguments: [
                            appointment.id.rawValue, site, appointment.service.rawValue,
                            AppointmentImportPlan.day(appointment, calendar: calendar).iso, appointment.start.millisecondsSince1970,
                            appointment.durationMinutes, appointment.processNumber, appointment.authKey, appointment.bookingReference,
                            AppointmentState.booked.rawValue, name,
                        ])
                case .cancel:
                    try db.execute(sql: "UPDATE appointment SET state = 'cancelled' WHERE id = ? AND state = 'booked'", arguments: [row.id.rawValue])
                case .unchanged, .rejected:
                    break
                }
            }
            return report
        }
    }

    public func appointmentName(_ id: AppointmentID) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT name FROM appointment WHERE id = ?", arguments: [id.rawValue])
        }
    }

    public func purgeAppointmentNames(before day: BusinessDay) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "UPDATE appointment SET name = NULL WHERE day < ? AND name IS NOT NULL", arguments: [day.iso])
            return db.changesCount
        }
    }

    public func putSystemClient(name: String, tokenDigest: String, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO system_client(name, token_digest, created_ms) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET token_digest = excluded.token_digest, created_ms = excluded.created_ms
                    """,
                arguments: [name, tokenDigest, now.millisecondsSince1970])
        }
    }

    public func systemClient(tokenDigest: String) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT name FROM system_client WHERE token_digest = ?", arguments: [tokenDigest])
        }
    }
}

public import Foundation
public import KioskCore
import Logging
import PostgresNIO

extension PostgresCentralStore {
    /// Rows are locked (`FOR UPDATE`) before they are compared, so that two imports of the same appointments at
    /// once apply one after the other and each reports against what the other left.
    public func importAppointments(
        _ rows: [AppointmentImportRow], site: String, calendar: SiteCalendar, dryRun: Bool
    ) async throws -> AppointmentImportReport {
        try await transaction("import-appointments") { connection in
            let logger = self.logger
            let ids = rows.map(\.id.rawValue)
            var stored: [String: AppointmentImportPlan.Stored] = [:]
            for row in try await PGRows.all(
                connection.query(
                    "SELECT \(unescaped: Self.appointmentColumns), site, name FROM appointment WHERE id = ANY(\(ids)) ORDER BY id FOR UPDATE",
                    logger: logger))
            {
                let appointment = try Self.appointment(row)
                stored[appointment.id.rawValue] = AppointmentImportPlan.Stored(
                    appointment: appointment, site: try row.string("site"), name: try row.optionalString("name"))
            }
            let outcomes = rows.map { AppointmentImportPlan.classify($0, stored: stored[$0.id.rawValue], site: site) }
            let report = AppointmentImportPlan.report(rows, outcomes, dryRun: dryRun)
            guard report.applied else { return report }
            for (row, outcome) in zip(rows, outcomes) {
                switch outcome {
                case .create(let appointment, let name), .update(let appointment, let name):
                    let day = AppointmentImportPlan.day(appointment, calendar: calendar).iso
                    try await connection.query(
                        """
                        INSERT INTO appointment(id, site, service, day, start_ms, duration_minutes, process_number, auth_key, booking_reference, state, name)
                        VALUES (\(appointment.id.rawValue), \(site), \(appointment.service.rawValue), \(day),
                            \(appointment.start.millisecondsSince1970), \(appointment.durationMinutes), \(appointment.processNumber),
                            \(appointment.authKey), \(appointment.bookingReference), 'booked', \(name))
                        ON CONFLICT (id) DO UPDATE SET
                            service = EXCLUDED.service, day = EXCLUDED.day, start_ms = EXCLUDED.start_ms,
                            duration_minutes = EXCLUDED.duration_minutes, process_number = EXCLUDED.process_number,
                            auth_key = EXCLUDED.auth_key, booking_reference = EXCLUDED.booking_reference, name = EXCLUDED.name,
                            state = CASE WHEN appointment.state = 'checked-in' THEN 'checked-in' ELSE EXCLUDED.state END
                        """, logger: logger)
                case .cancel:
                    try await connection.query(
                        "UPDATE appointment SET state = 'cancelled' WHERE id = \(row.id.rawValue) AND state = 'booked'", logger: logger)
                case .unchanged, .rejected:
                    break
                }
            }
            return report
        }
    }

    public func appointmentName(_ id: AppointmentID) async throws -> String? {
        try await read("appointment-name") { client in
            try await PGRows.one(client.query("SELECT name FROM appointment WHERE id = \(id.rawValue)"))?.optionalString("name")
        }
    }

    public func purgeAppointmentNames(before day: BusinessDay) async throws -> Int {
        try await transaction("purge-appointment-names") { connection in
            try await PGRows.all(
                connection.query(
                    "UPDATE appointment SET name = NULL WHERE day < \(day.iso) AND name IS NOT NULL RETURNING id", logger: self.logger)
            ).count
        }
    }

    public func putSystemClient(name: String, tokenDigest: String, at now: Date) async throws {
        _ = try await transaction("put-system-client") { connection in
            try await connection.query(
                """
                INSERT INTO system_client(name, token_digest, created_ms) VALUES (\(name), \(tokenDigest), \(now.millisecondsSince1970))
                ON CONFLICT (name) DO UPDATE SET token_digest = EXCLUDED.token_digest, created_ms = EXCLUDED.created_ms
                """, logger: self.logger)
        }
    }

    public func systemClient(tokenDigest: String) async throws -> String? {
        try await read("system-client") { client in
            try await PGRows.one(client.query("SELECT name FROM system_client WHERE token_digest = \(tokenDigest)"))?.string("name")
        }
    }
}

public import Foundation
public import KioskCore
import GRDB

extension SQLiteCentralStore {
    /// Applies one `appointment.checked-in` inside ingest's transaction (see ``AppointmentConflict``).
    static func projectCheckIn(_ db: Database, _ checkIn: AppointmentCheckIn, terminal: TerminalID, at time: Date) throws {
        let stored: CheckInProjection.Stored = try Row.fetchOne(
            db, sql: "SELECT state, checked_in_ticket, start_ms FROM appointment WHERE id = ?",
            arguments: [checkIn.appointment.rawValue]
        ).map { row in (AppointmentState(rawValue: row["state"]) ?? .booked, row["checked_in_ticket"], row["start_ms"]) }
        let outcome = CheckInProjection.decide(checkIn, stored: stored)
        if outcome.queue {
            try insertTicket(db, checkIn.ticket, terminal: terminal, appointmentAt: outcome.appointmentAtMS)
        }
        if stored?.state == .booked {
            try db.execute(
                sql: """
                    UPDATE appointment SET state = 'checked-in', checked_in_ticket = ?, checked_in_terminal = ?, checked_in_ms = ?
                    WHERE id = ?
                    """,
                arguments: [checkIn.ticket.id.uuidString, terminal.rawValue, time.millisecondsSince1970, checkIn.appointment.rawValue])
        }
        if let conflict = outcome.conflict {
            try db.execute(
                sql: "INSERT INTO appointment_conflict(appointment, ticket, terminal, reason, time_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    checkIn.appointment.rawValue, checkIn.ticket.id.uuidString, terminal.rawValue, conflict.rawValue,
                    time.millisecondsSince1970,
                ])
        }
    }

    public func putAppointment(_ appointment: Appointment, site: String, day: BusinessDay) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO appointment(
                        id, site, service, day, start_ms, duration_minutes, process_number, auth_key, booking_reference, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET
                        site = excluded.site, service = excluded.service, day = excluded.day, start_ms = excluded.start_ms,
                        duration_minutes = excluded.duration_minutes, process_number = excluded.process_number,
                        auth_key = excluded.auth_key, booking_reference = excluded.booking_reference,
                        state = CASE WHEN appointment.state = 'checked-in' THEN 'checked-in' ELSE excluded.state END
                    """,
                arguments: [
                    appointment.id.rawValue, site, appointment.service.rawValue, day.iso, appointment.start.millisecondsSince1970,
                    appointment.durationMinutes, appointment.processNumber, appointment.authKey, appointment.bookingReference,
                    appointment.state.rawValue,
                ])
        }
    }

    public func cancelAppointment(_ id: AppointmentID) async throws -> Appointment? {
        try await pool.write { db in
            try db.execute(sql: "UPDATE appointment SET state = 'cancelled' WHERE id = ? AND state = 'booked'", arguments: [id.rawValue])
            return try Row.fetchOne(db, sql: "SELECT * FROM appointment WHERE id = ?", arguments: [id.rawValue]).map(Self.appointment)
        }
    }

    public func appointment(_ id: AppointmentID) async throws -> Appointment? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM appointment WHERE id = ?", arguments: [id.rawValue]).map(Self.appointment)
        }
    }

    public func appointments(site: String, day: BusinessDay) async throws -> [Appointment] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM appointment WHERE site = ? AND day = ? ORDER BY start_ms, id", arguments: [site, day.iso]
            ).map(Self.appointment)
        }
    }

    public func appointmentConflicts() async throws -> [AppointmentConflict] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM appointment_conflict ORDER BY id").map { row in
                AppointmentConflict(
                    appointment: AppointmentID(rawValue: row["appointment"]), ticket: UUID(uuidString: row["ticket"])!,
                    terminal: TerminalID(rawValue: row["terminal"]),
                    reason: AppointmentConflictReason(rawValue: row["reason"]) ?? .unknownAppointment,
                    time: Date(millisecondsSince1970: row["time_ms"]))
            }
        }
    }

    public func setCollection(applicationNumber: String, kind: DocumentKind, state: CollectionState, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO collection(application_number, kind, state, ready_since_ms, updated_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(application_number) DO UPDATE SET
                        kind = excluded.kind, state = excluded.state, updated_ms = excluded.updated_ms,
                        ready_since_ms = CASE
                            WHEN excluded.state != 'ready' THEN NULL
                            WHEN collection.state = 'ready' THEN collection.ready_since_ms
                            ELSE excluded.ready_since_ms END
                    """,
                arguments: [
                    applicationNumber, kind.rawValue, state.rawValue, state == .ready ? now.millisecondsSince1970 : nil,
                    now.millisecondsSince1970,
                ])
        }
    }

    public func collection(applicationNumber: String) async throws -> CollectionRecord? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT kind, state, ready_since_ms FROM collection WHERE application_number = ?",
                arguments: [applicationNumber]
            ).flatMap { row in
                guard let kind = DocumentKind(rawValue: row["kind"]), let state = CollectionState(rawValue: row["state"]) else {
                    return nil
                }
                let since: Int64? = row["ready_since_ms"]
                return CollectionRecord(
                    applicationNumber: applicationNumber, kind: kind, state: state,
                    readySince: since.map(Date.init(millisecondsSince1970:)))
            }
        }
    }

    static func appointment(_ row: Row) -> Appointment {
        Appointment(
            id: AppointmentID(rawValue: row["id"]), service: ServiceID(rawValue: row["service"]),
            start: Date(millisecondsSince1970: row["start_ms"]), durationMinutes: row["duration_minutes"],
            processNumber: row["process_number"], authKey: row["auth_key"], bookingReference: row["booking_reference"],
            state: AppointmentState(rawValue: row["state"]) ?? .booked)
    }
}

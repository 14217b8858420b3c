public import Foundation
public import KioskCore
import Logging
import PostgresNIO

extension PostgresCentralStore {
    /// Applies one `appointment.checked-in` inside ingest's transaction (see ``AppointmentConflict``).
    ///
    /// The appointment's row is locked first: two terminals' batches run concurrently (ingest locks per
    /// terminal), and the second check-in must see the first one's state, not the one before it.
    static func projectCheckIn(
        _ connection: PostgresConnection, _ checkIn: AppointmentCheckIn, terminal: TerminalID, at time: Date, logger: Logger
    ) async throws {
        let stored: CheckInProjection.Stored = try await PGRows.one(
            connection.query(
                "SELECT state, checked_in_ticket, start_ms FROM appointment WHERE id = \(checkIn.appointment.rawValue) FOR UPDATE",
                logger: logger)
        ).map { row in
            (AppointmentState(rawValue: try row.string("state")) ?? .booked, try row.optionalString("checked_in_ticket"), try row.int64("start_ms"))
        }
        let outcome = CheckInProjection.decide(checkIn, stored: stored)
        let ticket = checkIn.ticket
        if outcome.queue {
            if try await PGRows.one(
                connection.query(
                    "SELECT 1 AS taken FROM ticket WHERE queue = \(ticket.queue.rawValue) AND day = \(ticket.day.iso) AND number = \(ticket.number.value)",
                    logger: logger)) != nil
            {
                try await connection.query(
                    """
                    INSERT INTO number_conflict(ticket, queue, day, number)
                    VALUES (\(ticket.id.uuidString), \(ticket.queue.rawValue), \(ticket.day.iso), \(ticket.number.value))
                    """, logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO ticket(id, terminal, queue, service, day, prefix, number, issued_at_ms, origin, queued_at_ms, appointment_at_ms)
                VALUES (\(ticket.id.uuidString), \(terminal.rawValue), \(ticket.queue.rawValue), \(ticket.service.rawValue), \(ticket.day.iso),
                    \(ticket.number.prefix), \(ticket.number.value), \(ticket.issuedAt.millisecondsSince1970), \(ticket.origin.rawValue),
                    \(ticket.issuedAt.millisecondsSince1970), \(outcome.appointmentAtMS))
                """, logger: logger)
        }
        if stored?.state == .booked {
            try await connection.query(
                """
                UPDATE appointment SET state = 'checked-in', checked_in_ticket = \(ticket.id.uuidString),
                    checked_in_terminal = \(terminal.rawValue), checked_in_ms = \(time.millisecondsSince1970)
                WHERE id = \(checkIn.appointment.rawValue)
                """, logger: logger)
        }
        if let conflict = outcome.conflict {
            try await connection.query(
                """
                INSERT INTO appointment_conflict(appointment, ticket, terminal, reason, time_ms)
                VALUES (\(checkIn.appointment.rawValue), \(ticket.id.uuidString), \(terminal.rawValue), \(conflict.rawValue),
                    \(time.millisecondsSince1970))
                """, logger: logger)
        }
    }

    public func putAppointment(_ appointment: Appointment, site: String, day: BusinessDay) async throws {
        try await transaction("put-appointment") { connection in
            _ = try await connection.query(
                """
                INSERT INTO appointment(id, site, service, day, start_ms, duration_minutes, process_number, auth_key, booking_reference, state)
                VALUES (\(appointment.id.rawValue), \(site), \(appointment.service.rawValue), \(day.iso), \(appointment.start.millisecondsSince1970),
                    \(appointment.durationMinutes), \(appointment.processNumber), \(appointment.authKey), \(appointment.bookingReference),
                    \(appointment.state.rawValue))
                ON CONFLICT (id) DO UPDATE SET
                    site = EXCLUDED.site, service = EXCLUDED.service, day = EXCLUDED.day, start_ms = EXCLUDED.start_ms,
                    duration_minutes = EXCLUDED.duration_minutes, process_number = EXCLUDED.process_number,
                    auth_key = EXCLUDED.auth_key, booking_reference = EXCLUDED.booking_reference,
                    state = CASE WHEN appointment.state = 'checked-in' THEN 'checked-in' ELSE EXCLUDED.state END
                """, logger: self.logger)
        }
    }

    public func cancelAppointment(_ id: AppointmentID) async throws -> Appointment? {
        try await transaction("cancel-appointment") { connection in
            try await connection.query(
                "UPDATE appointment SET state = 'cancelled' WHERE id = \(id.rawValue) AND state = 'booked'", logger: self.logger)
            return try await PGRows.one(
                connection.query("SELECT \(unescaped: Self.appointmentColumns) FROM appointment WHERE id = \(id.rawValue)", logger: self.logger)
            ).map(Self.appointment)
        }
    }

    public func appointment(_ id: AppointmentID) async throws -> Appointment? {
        try await read("appointment") { client in
            try await PGRows.one(
                client.query("SELECT \(unescaped: Self.appointmentColumns) FROM appointment WHERE id = \(id.rawValue)")
            ).map(Self.appointment)
        }
    }

    public func appointments(site: String, day: BusinessDay) async throws -> [Appointment] {
        try await read("appointments") { client in
            try await PGRows.all(
                client.query(
                    "SELECT \(unescaped: Self.appointmentColumns) FROM appointment WHERE site = \(site) AND day = \(day.iso) ORDER BY start_ms, id")
            ).map(Self.appointment)
        }
    }

    public func appointmentConflicts() async throws -> [AppointmentConflict] {
        try await read("appointment-conflicts") { client in
            try await PGRows.all(
                client.query("SELECT appointment, ticket, terminal, reason, time_ms FROM appointment_conflict ORDER BY id")
            ).map { row in
                AppointmentConflict(
                    appointment: AppointmentID(rawValue: try row.string("appointment")), ticket: UUID(uuidString: try row.string("ticket"))!,
                    terminal: TerminalID(rawValue: try row.string("terminal")),
                    reason: AppointmentConflictReason(rawValue: try row.string("reason")) ?? .unknownAppointment,
                    time: Date(millisecondsSince1970: try row.int64("time_ms")))
            }
        }
    }

    public func setCollection(applicationNumber: String, kind: DocumentKind, state: CollectionState, at now: Date) async throws {
        let readySince: Int64? = state == .ready ? now.millisecondsSince1970 : nil
        try await transaction("set-collection") { connection in
            _ = try await connection.query(
                """
                INSERT INTO collection(application_number, kind, state, ready_since_ms, updated_ms)
                VALUES (\(applicationNumber), \(kind.rawValue), \(state.rawValue), \(readySince), \(now.millisecondsSince1970))
                ON CONFLICT (application_number) DO UPDATE SET
                    kind = EXCLUDED.kind, state = EXCLUDED.state, updated_ms = EXCLUDED.updated_ms,
                    ready_since_ms = CASE
                        WHEN EXCLUDED.state != 'ready' THEN NULL
                        WHEN collection.state = 'ready' THEN collection.ready_since_ms
                        ELSE EXCLUDED.ready_since_ms END
                """, logger: self.logger)
        }
    }

    public func collection(applicationNumber: String) async throws -> CollectionRecord? {
        try await read("collection") { client in
            guard let row = try await PGRows.one(
                client.query("SELECT kind, state, ready_since_ms FROM collection WHERE application_number = \(applicationNumber)"))
            else { return nil }
            guard let kind = DocumentKind(rawValue: try row.string("kind")), let state = CollectionState(rawValue: try row.string("state")) else {
                return nil
            }
            return CollectionRecord(
                applicationNumber: applicationNumber, kind: kind, state: state,
                readySince: try row.optionalInt64("ready_since_ms").map(Date.init(millisecondsSince1970:)))
        }
    }

    static let appointmentColumns = "id, service, start_ms, duration_minutes, process_number, auth_key, booking_reference, state"

    static func appointment(_ row: PGRows) throws -> Appointment {
        Appointment(
            id: AppointmentID(rawValue: try row.string("id")), service: ServiceID(rawValue: try row.string("service")),
            start: Date(millisecondsSince1970: try row.int64("start_ms")), durationMinutes: try row.int("duration_minutes"),
            processNumber: try row.optionalString("process_number"), authKey: try row.optionalString("auth_key"),
            bookingReference: try row.optionalString("booking_reference"),
            state: AppointmentState(rawValue: try row.string("state")) ?? .booked)
    }
}

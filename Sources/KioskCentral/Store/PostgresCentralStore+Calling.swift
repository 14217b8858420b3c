public import Foundation
public import KioskCore
import Logging
import PostgresNIO

extension PostgresCentralStore {
    // MARK: Staff and sessions

    public func putStaff(id: String, displayName: String, role: StaffRole, passwordHash: String) async throws {
        try await transaction("put-staff") { connection in
            try await connection.query(
                """
                INSERT INTO staff(id, display_name, role, password_hash) VALUES (\(id), \(displayName), \(role.rawValue), \(passwordHash))
                ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
                    password_hash = EXCLUDED.password_hash
                """, logger: self.logger)
        }
    }

    public func staffCredentials(id: String) async throws -> (hash: String, role: StaffRole)? {
        try await read("staff-credentials") { client in
            guard let row = try await PGRows.one(client.query("SELECT password_hash, role FROM staff WHERE id = \(id)")),
                let role = StaffRole(rawValue: try row.string("role"))
            else { return nil }
            return (try row.string("password_hash"), role)
        }
    }

    public func storeSession(digest: String, staff: String, at now: Date, lifetime: TimeInterval) async throws {
        try await transaction("store-session") { connection in
            try await connection.query("DELETE FROM staff_session WHERE expires_ms < \(now.millisecondsSince1970)", logger: self.logger)
            try await connection.query(
                "INSERT INTO staff_session(digest, staff, expires_ms) VALUES (\(digest), \(staff), \(now.addingTimeInterval(lifetime).millisecondsSince1970))",
                logger: self.logger)
            try await Self.audit(connection, at: now, staff: staff, action: "login", counter: nil, ticket: nil, detail: nil, logger: self.logger)
        }
    }

    public func session(digest: String, at now: Date) async throws -> (staff: String, role: StaffRole)? {
        try await read("session") { client in
            guard let row = try await PGRows.one(
                client.query(
                    """
                    SELECT s.id, s.role FROM staff_session t JOIN staff s ON s.id = t.staff
                    WHERE t.digest = \(digest) AND t.expires_ms >= \(now.millisecondsSince1970)
                    """)),
                let role = StaffRole(rawValue: try row.string("role"))
            else { return nil }
            return (try row.string("id"), role)
        }
    }

    // MARK: Counters

    public func putCounter(_ counter: Counter) async throws {
        let queues = counter.queues.map(\.rawValue).joined(separator: ",")
        try await transaction("put-counter") { connection in
            try await connection.query(
                """
                INSERT INTO counter(id, name, queues) VALUES (\(counter.id), \(counter.name), \(queues))
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, queues = EXCLUDED.queues
                """, logger: self.logger)
        }
    }

    public func counters() async throws -> [Counter] {
        try await read("counters") { client in
            try await PGRows.all(client.query("SELECT id, name, queues FROM counter ORDER BY id")).map(Self.counter)
        }
    }

    static func counter(_ row: PGRows) throws -> Counter {
        Counter(
            id: try row.string("id"), name: try row.string("name"),
            queues: try row.string("queues").split(separator: ",").map { QueueID(rawValue: String($0)) })
    }

    // MARK: Calling

    /// Claims the candidate with a conditional update; when another instance claimed it first (the update
    /// waits for that transaction, then finds the ticket no longer waiting), the next candidate is tried.
    public func callNext(counter counterID: String, staff: String, rule: QueueOrder, day: BusinessDay, at now: Date) async throws -> CalledTicket? {
        try await transaction("call-next") { connection in
            let logger = self.logger
            guard let counterRow = try await PGRows.one(connection.query("SELECT id, name, queues FROM counter WHERE id = \(counterID)", logger: logger)) else {
                throw StaffRefusal.unknownCounter
            }
            let counter = try Self.counter(counterRow)
            guard !counter.queues.isEmpty else { return nil }
            for _ in 0..<20 {
                guard let id = try await Self.nextCandidate(connection, queues: counter.queues, day: day, now: now, dueWindow: rule.dueWindow, logger: logger) else {
                    return nil
                }
                guard let row = try await PGRows.one(
                    connection.query(
                        """
                        UPDATE ticket SET state = 'called', called_at_ms = \(now.millisecondsSince1970), counter = \(counter.id), clerk = \(staff),
                            call_count = call_count + 1, first_called_at_ms = COALESCE(first_called_at_ms, \(now.millisecondsSince1970))
                        WHERE id = \(id) AND state = 'waiting' RETURNING prefix, number, service, queue
                        """, logger: logger))
                else { continue }
                let number = TicketNumber(prefix: try row.string("prefix"), value: try row.int("number"))
                try await Self.insertCall(connection, ticket: id, number: number, counter: counter, at: now, logger: logger)
                try await Self.audit(connection, at: now, staff: staff, action: "call-next", counter: counter.id, ticket: id, detail: nil, logger: logger)
                return CalledTicket(
                    id: UUID(uuidString: id)!, number: number.display, service: ServiceID(rawValue: try row.string("service")),
                    queue: QueueID(rawValue: try row.string("queue")), state: .called)
            }
            return nil
        }
    }

    /// The ticket `QueueOrder` would call first: due appointments by (start, arrival), else everyone by
    /// (arrival, number); two indexed `LIMIT 1` queries per queue.
    static func nextCandidate(
        _ connection: PostgresConnection, queues: [QueueID], day: BusinessDay, now: Date, dueWindow: TimeInterval, logger: Logger
    ) async throws -> String? {
        let dueLimit = now.addingTimeInterval(dueWindow).millisecondsSince1970
        var candidate = NextCandidate()
        for queue in queues {
            if let row = try await PGRows.one(
                connection.query(
                    """
                    SELECT id, appointment_at_ms, queued_at_ms FROM ticket
                    WHERE day = \(day.iso) AND state = 'waiting' AND queue = \(queue.rawValue)
                        AND appointment_at_ms IS NOT NULL AND appointment_at_ms <= \(dueLimit)
                    ORDER BY appointment_at_ms, queued_at_ms LIMIT 1
                    """, logger: logger))
            {
                candidate.offerDue(appointment: try row.int64("appointment_at_ms"), queued: try row.int64("queued_at_ms"), id: try row.string("id"))
            }
            if candidate.wantsArrivals, let row = try await PGRows.one(
                connection.query(
                    """
                    SELECT id, queued_at_ms, number FROM ticket WHERE day = \(day.iso) AND state = 'waiting' AND queue = \(queue.rawValue)
                    ORDER BY queued_at_ms, number LIMIT 1
                    """, logger: logger))
            {
                candidate.offerArrival(queued: try row.int64("queued_at_ms"), number: try row.int("number"), id: try row.string("id"))
            }
        }
        return candidate.id
    }

    public func act(
        _ action: CounterAction, ticket id: UUID, counter counterID: String, staff: String, forwardTo: ServiceID?,
        catalog: ServiceCatalog, at now: Date
    ) async throws -> CalledTicket {
        try await transaction("act") { connection in
            let logger = self.logger
            let ticket = id.uuidString
            let ms = now.millisecondsSince1970
            // FOR UPDATE: the lifecycle check and the change see the same state, whichever instance acts.
            guard let row = try await PGRows.one(connection.query("SELECT state, no_shows FROM ticket WHERE id = \(ticket) FOR UPDATE", logger: logger)) else {
                throw StaffRefusal.unknownTicket
            }
            guard let counterRow = try await PGRows.one(connection.query("SELECT id, name, queues FROM counter WHERE id = \(counterID)", logger: logger)) else {
                throw StaffRefusal.unknownCounter
            }
            let state = TicketState(rawValue: try row.string("state")) ?? .waiting
            let next: TicketState
            switch TicketLifecycle.next(action, from: state, noShows: try row.int("no_shows")) {
            case .success(let value): next = value
            case .failure(let refusal): throw StaffRefusal.notAllowed(refusal.message)
            }
            var detail: String?
            switch action {
            case .recall:
                try await connection.query("UPDATE ticket SET call_count = call_count + 1, called_at_ms = \(ms) WHERE id = \(ticket)", logger: logger)
                if let numberRow = try await PGRows.one(connection.query("SELECT prefix, number FROM ticket WHERE id = \(ticket)", logger: logger)) {
                    let number = TicketNumber(prefix: try numberRow.string("prefix"), value: try numberRow.int("number"))
                    try await Self.insertCall(connection, ticket: ticket, number: number, counter: try Self.counter(counterRow), at: now, logger: logger)
                }
            case .noShow:
                try await connection.query(
                    "UPDATE ticket SET state = \(next.rawValue), no_shows = no_shows + 1, queued_at_ms = \(ms) WHERE id = \(ticket)", logger: logger)
            case .finish:
                try await connection.query("UPDATE ticket SET state = 'finished', finished_at_ms = \(ms) WHERE id = \(ticket)", logger: logger)
            case .forward:
                guard let target = forwardTo, let service = catalog.service(target) else { throw StaffRefusal.unknownService }
                detail = target.rawValue
                try await connection.query(
                    """
                    UPDATE ticket SET state = 'waiting', service = \(service.id.rawValue), queue = \(service.queue.rawValue),
                        queued_at_ms = \(ms), counter = NULL WHERE id = \(ticket)
                    """, logger: logger)
            case .park:
                try await connection.query("UPDATE ticket SET state = 'parked' WHERE id = \(ticket)", logger: logger)
            case .resume:
                try await connection.query("UPDATE ticket SET state = 'waiting', queued_at_ms = \(ms) WHERE id = \(ticket)", logger: logger)
            }
            try await Self.audit(connection, at: now, staff: staff, action: action.rawValue, counter: counterID, ticket: ticket, detail: detail, logger: logger)
            return try await Self.calledTicket(connection, id: ticket, logger: logger)
        }
    }

    public func calls(after id: Int64, limit: Int) async throws -> [CallAnnouncement] {
        try await read("calls") { client in
            try await PGRows.all(client.query("SELECT * FROM call WHERE id > \(id) ORDER BY id LIMIT \(limit)")).map { row in
                CallAnnouncement(
                    id: try row.int64("id"), time: Timestamp(Date(millisecondsSince1970: try row.int64("time_ms"))),
                    number: try row.string("number"), spoken: try row.string("spoken"), counter: try row.string("counter"),
                    counterName: try row.string("counter_name"))
            }
        }
    }

    public func newestCallID() async throws -> Int64 {
        try await read("newest-call") { client in
            try await PGRows.one(client.query("SELECT COALESCE(MAX(id), 0) AS newest FROM call"))?.int64("newest") ?? 0
        }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await read("audit-log") { client in
            try await PGRows.all(client.query("SELECT staff, action, counter, ticket FROM audit ORDER BY id DESC LIMIT \(limit)")).map {
                AuditEntry(
                    staff: try $0.string("staff"), action: try $0.string("action"), counter: try $0.optionalString("counter"),
                    ticket: try $0.optionalString("ticket"))
            }
        }
    }

    public func currentTicket(counter: String) async throws -> CalledTicket? {
        try await read("current-ticket") { client in
            try await PGRows.one(
                client.query(
                    """
                    SELECT id, prefix, number, service, queue, state FROM ticket WHERE counter = \(counter) AND state = 'called'
                    ORDER BY called_at_ms DESC LIMIT 1
                    """)
            ).map(Self.calledTicket)
        }
    }

    public func parkedTickets(day: BusinessDay) async throws -> [CalledTicket] {
        try await read("parked-tickets") { client in
            try await PGRows.all(
                client.query("SELECT id, prefix, number, service, queue, state FROM ticket WHERE day = \(day.iso) AND state = 'parked' ORDER BY number")
            ).map(Self.calledTicket)
        }
    }

    /// Stores a call and tells every instance about it; PostgreSQL delivers the notification at commit.
    static func insertCall(
        _ connection: PostgresConnection, ticket id: String, number: TicketNumber, counter: Counter, at now: Date, logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO call(time_ms, ticket, number, spoken, counter, counter_name)
            VALUES (\(now.millisecondsSince1970), \(id), \(number.display), \(number.spoken), \(counter.id), \(counter.name))
            """, logger: logger)
        try await connection.query("SELECT pg_notify(\(callChannel), '')", logger: logger)
    }

    static func audit(
        _ connection: PostgresConnection, at now: Date, staff: String, action: String, counter: String?, ticket: String?, detail: String?,
        logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO audit(time_ms, staff, action, counter, ticket, detail)
            VALUES (\(now.millisecondsSince1970), \(staff), \(action), \(counter), \(ticket), \(detail))
            """, logger: logger)
    }

    static func calledTicket(_ connection: PostgresConnection, id: String, logger: Logger) async throws -> CalledTicket {
        guard let row = try await PGRows.one(
            connection.query("SELECT id, prefix, number, service, queue, state FROM ticket WHERE id = \(id)", logger: logger))
        else { throw StaffRefusal.unknownTicket }
        return try calledTicket(row)
    }

    static func calledTicket(_ row: PGRows) throws -> CalledTicket {
        CalledTicket(
            id: UUID(uuidString: try row.string("id"))!, number: TicketNumber(prefix: try row.string("prefix"), value: try row.int("number")).display,
            service: ServiceID(rawValue: try row.string("service")), queue: QueueID(rawValue: try row.string("queue")),
            state: TicketState(rawValue: try row.string("state")) ?? .waiting)
    }

    // MARK: Health and statistics

    public func recordHealth(terminal: TerminalID, report: HealthReport, at now: Date) async throws {
        try await transaction("record-health") { connection in
            let ms = now.millisecondsSince1970
            try await connection.query(
                """
                INSERT INTO terminal(id, last_seen_ms) VALUES (\(terminal.rawValue), \(ms))
                ON CONFLICT (id) DO UPDATE SET last_seen_ms = EXCLUDED.last_seen_ms
                """, logger: self.logger)
            for device in report.devices {
                try await connection.query(
                    """
                    INSERT INTO device_health(terminal, device, status, severity, reported_ms)
                    VALUES (\(terminal.rawValue), \(device.device), \(device.status), \(device.severity.rawValue), \(ms))
                    ON CONFLICT (terminal, device) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity,
                        reported_ms = EXCLUDED.reported_ms
                    """, logger: self.logger)
            }
        }
    }

    public func deviceHealth() async throws -> [TerminalDeviceHealth] {
        try await read("device-health") { client in
            try await PGRows.all(
                client.query(
                    """
                    SELECT * FROM device_health
                    ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, terminal, device
                    """)
            ).map {
                TerminalDeviceHealth(
                    terminal: try $0.string("terminal"), device: try $0.string("device"), status: try $0.string("status"),
                    severity: HealthSeverity(rawValue: try $0.string("severity")) ?? .error,
                    reportedAt: Date(millisecondsSince1970: try $0.int64("reported_ms")))
            }
        }
    }

    public func terminalsLastSeen() async throws -> [(terminal: String, lastSeen: Date?)] {
        try await read("terminals-last-seen") { client in
            try await PGRows.all(client.query("SELECT id, last_seen_ms FROM terminal ORDER BY id")).map {
                (try $0.string("id"), try $0.optionalInt64("last_seen_ms").map { Date(millisecondsSince1970: $0) })
            }
        }
    }

    public func ticketTimes(day: BusinessDay) async throws -> [TicketTimes] {
        try await read("ticket-times") { client in
            try await PGRows.all(
                client.query(
                    """
                    SELECT service, origin, state, no_shows, issued_at_ms, first_called_at_ms, called_at_ms, finished_at_ms
                    FROM ticket WHERE day = \(day.iso)
                    """)
            ).map { row in
                TicketTimes(
                    service: ServiceID(rawValue: try row.string("service")), origin: TicketOrigin(rawValue: try row.string("origin")) ?? .walkIn,
                    state: TicketState(rawValue: try row.string("state")) ?? .waiting, noShows: try row.int("no_shows"),
                    issuedAt: try row.int64("issued_at_ms"), firstCalledAt: try row.optionalInt64("first_called_at_ms"),
                    calledAt: try row.optionalInt64("called_at_ms"), finishedAt: try row.optionalInt64("finished_at_ms"))
            }
        }
    }

    public func ticketsPerTerminal(day: BusinessDay) async throws -> [(terminal: String, tickets: Int)] {
        try await read("tickets-per-terminal") { client in
            try await PGRows.all(client.query("SELECT terminal, COUNT(*) AS n FROM ticket WHERE day = \(day.iso) GROUP BY terminal ORDER BY terminal"))
                .map { (try $0.string("terminal"), try $0.int("n")) }
        }
    }

    public func followStatus(ticket: UUID) async throws -> FollowStatus? {
        try await read("follow-status") { client in
            guard let row = try await PGRows.one(
                client.query("SELECT prefix, number, queue, state, counter, day, queued_at_ms FROM ticket WHERE id = \(ticket.uuidString)"))
            else { return nil }
            let state = TicketState(rawValue: try row.string("state")) ?? .waiting
            let queued = try row.optionalInt64("queued_at_ms") ?? 0
            let number = try row.int("number")
            let queue = try row.string("queue")
            var ahead = 0
            if state == .waiting {
                ahead = try await PGRows.one(
                    client.query(
                        """
                        SELECT COUNT(*) AS n FROM ticket WHERE day = \(try row.string("day")) AND queue = \(queue) AND state = 'waiting'
                            AND (queued_at_ms < \(queued) OR (queued_at_ms = \(queued) AND number < \(number)))
                        """))?.int("n") ?? 0
            }
            var counterName: String?
            if state == .called, let counter = try row.optionalString("counter") {
                counterName = try await PGRows.one(client.query("SELECT name FROM counter WHERE id = \(counter)"))?.string("name")
            }
            return FollowStatus(
                number: TicketNumber(prefix: try row.string("prefix"), value: number).display, queue: QueueID(rawValue: queue), state: state,
                ahead: ahead, counterName: counterName)
        }
    }
}

public import Foundation
public import KioskCore
import GRDB

extension SQLiteCentralStore {
    // MARK: Staff and sessions

    public func putStaff(id: String, displayName: String, role: StaffRole, passwordHash: String) async throws {
        try await pool.write { db in
            try db.cachedStatement(sql: """
                    INSERT INTO staff(id, display_name, role, password_hash) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
                        password_hash = excluded.password_hash
                    """).execute(arguments: [id, displayName, role.rawValue, passwordHash])
        }
    }

    public func staffCredentials(id: String) async throws -> (hash: String, role: StaffRole)? {
        try await pool.read { db in
            try Row.fetchOne(try db.cachedStatement(sql: "SELECT password_hash, role FROM staff WHERE id = ?"), arguments: [id]).flatMap { row in
                StaffRole(rawValue: row["role"]).map { (row["password_hash"], $0) }
            }
        }
    }

    public func storeSession(digest: String, staff: String, at now: Date, lifetime: TimeInterval) async throws {
        try await pool.write { db in
            try db.cachedStatement(sql: "DELETE FROM staff_session WHERE expires_ms < ?").execute(arguments: [now.millisecondsSince1970])
            try db.cachedStatement(sql: "INSERT INTO staff_session(digest, staff, expires_ms) VALUES (?, ?, ?)").execute(arguments: [digest, staff, now.addingTimeInterval(lifetime).millisecondsSince1970])
            try Self.audit(db, at: now, staff: staff, action: "login", counter: nil, ticket: nil, detail: nil)
        }
    }

    public func session(digest: String, at now: Date) async throws -> (staff: String, role: StaffRole)? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT s.id, s.role FROM staff_session t JOIN staff s ON s.id = t.staff
                    WHERE t.digest = ? AND t.expires_ms >= ?
                    """, arguments: [digest, now.millisecondsSince1970]
            ).flatMap { row in StaffRole(rawValue: row["role"]).map { (row["id"], $0) } }
        }
    }

    // MARK: Counters

    public func putCounter(_ counter: Counter) async throws {
        try await pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO counter(id, name, queues) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, queues = excluded.queues").execute(arguments: [counter.id, counter.name, counter.queues.map(\.rawValue).joined(separator: ",")])
        }
    }

    public func counters() async throws -> [Counter] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM counter ORDER BY id").map(Self.counter) }
    }

    static func counter(_ row: Row) -> Counter {
        Counter(id: row["id"], name: row["name"], queues: (row["queues"] as String).split(separator: ",").map { QueueID(rawValue: String($0)) })
    }

    // MARK: Calling

    /// One write transaction: SQLite serialises writers, so two clerks never get the same citizen.
    public func callNext(counter counterID: String, staff: String, rule: QueueOrder, day: BusinessDay, at now: Date) async throws -> CalledTicket? {
        try await pool.write { db in try Self.callNext(db, counter: counterID, staff: staff, rule: rule, day: day, at: now) }
    }

    static func callNext(_ db: Database, counter counterID: String, staff: String, rule: QueueOrder, day: BusinessDay, at now: Date) throws -> CalledTicket? {
            guard let counterRow = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM counter WHERE id = ?"), arguments: [counterID]) else {
            throw StaffRefusal.unknownCounter
        }
        let counter = Self.counter(counterRow)
        guard !counter.queues.isEmpty else { return nil }
        guard let id = try Self.nextCandidate(db, queues: counter.queues, day: day, now: now, dueWindow: rule.dueWindow) else {
            return nil
        }
        // One statement updates the ticket and returns what the call and the answer need.
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: """
                UPDATE ticket SET state = 'called', called_at_ms = ?, counter = ?, clerk = ?, call_count = call_count + 1,
                    first_called_at_ms = COALESCE(first_called_at_ms, ?)
                WHERE id = ? RETURNING prefix, number, service, queue
                """), arguments: [now.millisecondsSince1970, counter.id, staff, now.millisecondsSince1970, id])
        else { return nil }
        let number = TicketNumber(prefix: row["prefix"], value: row["number"])
        try Self.insertCall(db, ticket: id, number: number, counter: counter, at: now)
        try Self.audit(db, at: now, staff: staff, action: "call-next", counter: counter.id, ticket: id, detail: nil)
        return CalledTicket(
            id: UUID(uuidString: id)!, number: number.display, service: ServiceID(rawValue: row["service"]),
            queue: QueueID(rawValue: row["queue"]), state: .called)
    }

    /// The ticket `QueueOrder` would call first, found with two indexed `LIMIT 1` queries per queue instead of
    /// sorting the whole day: due appointments by (start, arrival), else everyone by (arrival, number).
    static func nextCandidate(_ db: Database, queues: [QueueID], day: BusinessDay, now: Date, dueWindow: TimeInterval) throws -> String? {
        let dueLimit = now.addingTimeInterval(dueWindow).millisecondsSince1970
        var candidate = NextCandidate()
        for queue in queues {
            if let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id, appointment_at_ms, queued_at_ms FROM ticket
                    WHERE day = ? AND state = 'waiting' AND queue = ? AND appointment_at_ms IS NOT NULL AND appointment_at_ms <= ?
                    ORDER BY appointment_at_ms, queued_at_ms LIMIT 1
                    """), arguments: [day.iso, queue.rawValue, dueLimit])
            {
                candidate.offerDue(appointment: row["appointment_at_ms"], queued: row["queued_at_ms"], id: row["id"])
            }
            if candidate.wantsArrivals, let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id, queued_at_ms, number FROM ticket WHERE day = ? AND state = 'waiting' AND queue = ?
                    ORDER BY queued_at_ms, number LIMIT 1
                    """), arguments: [day.iso, queue.rawValue])
            {
                candidate.offerArrival(queued: row["queued_at_ms"], number: row["number"], id: row["id"])
            }
        }
        return candidate.id
    }

    public func act(
        _ action: CounterAction, ticket id: UUID, counter counterID: String, staff: String, forwardTo: ServiceID?,
        catalog: ServiceCatalog, at now: Date
    ) async throws -> CalledTicket {
        try await pool.write { db in
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT state, no_shows FROM ticket WHERE id = ?"), arguments: [id.uuidString]) else {
                throw StaffRefusal.unknownTicket
            }
            guard let counterRow = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM counter WHERE id = ?"), arguments: [counterID]) else {
                throw StaffRefusal.unknownCounter
            }
            let state = TicketState(rawValue: row["state"]) ?? .waiting
            let next: TicketState
            switch TicketLifecycle.next(action, from: state, noShows: row["no_shows"]) {
            case .success(let value): next = value
            case .failure(let refusal): throw StaffRefusal.notAllowed(refusal.message)
            }
            var detail: String?
            switch action {
            case .recall:
                try db.cachedStatement(sql: "UPDATE ticket SET call_count = call_count + 1, called_at_ms = ? WHERE id = ?").execute(arguments: [now.millisecondsSince1970, id.uuidString])
                try Self.announce(db, ticket: id.uuidString, counter: Self.counter(counterRow), at: now)
            case .noShow:
                try db.cachedStatement(sql: "UPDATE ticket SET state = ?, no_shows = no_shows + 1, queued_at_ms = ? WHERE id = ?").execute(arguments: [next.rawValue, now.millisecondsSince1970, id.uuidString])
            case .finish:
                try db.cachedStatement(sql: "UPDATE ticket SET state = 'finished', finished_at_ms = ? WHERE id = ?").execute(arguments: [now.millisecondsSince1970, id.uuidString])
            case .forward:
                guard let target = forwardTo, let service = catalog.service(target) else { throw StaffRefusal.unknownService }
                detail = target.rawValue
                try db.cachedStatement(sql: "UPDATE ticket SET state = 'waiting', service = ?, queue = ?, queued_at_ms = ?, counter = NULL WHERE id = ?").execute(arguments: [service.id.rawValue, service.queue.rawValue, now.millisecondsSince1970, id.uuidString])
            case .park:
                try db.cachedStatement(sql: "UPDATE ticket SET state = 'parked' WHERE id = ?").execute(arguments: [id.uuidString])
            case .resume:
                try db.cachedStatement(sql: "UPDATE ticket SET state = 'waiting', queued_at_ms = ? WHERE id = ?").execute(arguments: [now.millisecondsSince1970, id.uuidString])
            }
            try Self.audit(db, at: now, staff: staff, action: action.rawValue, counter: counterID, ticket: id.uuidString, detail: detail)
            return try Self.calledTicket(db, id: id.uuidString)
        }
    }

    public func calls(after id: Int64, limit: Int) async throws -> [CallAnnouncement] {
        try await pool.read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM call WHERE id > ? ORDER BY id LIMIT ?"), arguments: [id, limit]).map { row in
                CallAnnouncement(
                    id: row["id"], time: Timestamp(Date(millisecondsSince1970: row["time_ms"] as Int64)),
                    number: row["number"], spoken: row["spoken"], counter: row["counter"], counterName: row["counter_name"])
            }
        }
    }

    public func newestCallID() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM call") ?? 0 }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?"), arguments: [limit]).map {
                AuditEntry(staff: $0["staff"], action: $0["action"], counter: $0["counter"], ticket: $0["ticket"])
            }
        }
    }

    static func announce(_ db: Database, ticket id: String, counter: Counter, at now: Date) throws {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT prefix, number FROM ticket WHERE id = ?"), arguments: [id]) else { return }
        try Self.insertCall(db, ticket: id, number: TicketNumber(prefix: row["prefix"], value: row["number"]), counter: counter, at: now)
    }

    static func insertCall(_ db: Database, ticket id: String, number: TicketNumber, counter: Counter, at now: Date) throws {
        try db.cachedStatement(sql: "INSERT INTO call(time_ms, ticket, number, spoken, counter, counter_name) VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [now.millisecondsSince1970, id, number.display, number.spoken, counter.id, counter.name])
    }

    static func audit(_ db: Database, at now: Date, staff: String, action: String, counter: String?, ticket: String?, detail: String?) throws {
        try db.cachedStatement(sql: "INSERT INTO audit(time_ms, staff, action, counter, ticket, detail) VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [now.millisecondsSince1970, staff, action, counter, ticket, detail])
    }

    static func calledTicket(_ db: Database, id: String) throws -> CalledTicket {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT id, prefix, number, service, queue, state FROM ticket WHERE id = ?"), arguments: [id]) else {
            throw StaffRefusal.unknownTicket
        }
        return CalledTicket(
            id: UUID(uuidString: row["id"])!, number: TicketNumber(prefix: row["prefix"], value: row["number"]).display,
            service: ServiceID(rawValue: row["service"]), queue: QueueID(rawValue: row["queue"]),
            state: TicketState(rawValue: row["state"]) ?? .waiting)
    }
}

extension SQLiteCentralStore {
    public func currentTicket(counter: String) async throws -> CalledTicket? {
        try await pool.read { db in
            guard let id = try String.fetchOne(
                db, sql: "SELECT id FROM ticket WHERE counter = ? AND state = 'called' ORDER BY called_at_ms DESC LIMIT 1",
                arguments: [counter])
            else { return nil }
            return try Self.calledTicket(db, id: id)
        }
    }

    public func parkedTickets(day: BusinessDay) async throws -> [CalledTicket] {
        try await pool.read { db in
            try String.fetchAll(try db.cachedStatement(sql: "SELECT id FROM ticket WHERE day = ? AND state = 'parked' ORDER BY number"), arguments: [day.iso])
                .map { try Self.calledTicket(db, id: $0) }
        }
    }

    public func followStatus(ticket: UUID) async throws -> FollowStatus? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT prefix, number, queue, state, counter, day, queued_at_ms FROM ticket WHERE id = ?",
                arguments: [ticket.uuidString])
            else { return nil }
            let state = TicketState(rawValue: row["state"]) ?? .waiting
            let queued: Int64 = row["queued_at_ms"] ?? 0
            let number: Int = row["number"]
            let ahead = state != .waiting ? 0 : try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM ticket WHERE day = ? AND queue = ? AND state = 'waiting'
                        AND (queued_at_ms < ? OR (queued_at_ms = ? AND number < ?))
                    """, arguments: [row["day"] as String, row["queue"] as String, queued, queued, number]) ?? 0
            let counterID: String? = row["counter"]
            let counterName = state == .called ? try counterID.flatMap { try String.fetchOne(db, sql: "SELECT name FROM counter WHERE id = ?", arguments: [$0]) } : nil
            return FollowStatus(
                number: TicketNumber(prefix: row["prefix"], value: number).display, queue: QueueID(rawValue: row["queue"]), state: state,
                ahead: ahead, counterName: counterName)
        }
    }
}

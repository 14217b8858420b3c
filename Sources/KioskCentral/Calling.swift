public import Foundation
public import KioskCore
import GRDB

/// A counter (Schalter) and the queues it serves.
public struct Counter: Sendable, Equatable, Codable {
    /// Id, e.g. "s3".
    public var id: String
    /// Name on the call display, e.g. "Schalter 3".
    public var name: String
    /// Queues it calls from.
    public var queues: [QueueID]

    /// Creates a counter.
    public init(id: String, name: String, queues: [QueueID]) {
        self.id = id
        self.name = name
        self.queues = queues
    }
}

/// A ticket as the counter sees it (no personal data: number and service).
public struct CalledTicket: Sendable, Equatable, Codable {
    /// Ticket id.
    public var id: UUID
    /// Printed number, e.g. "A 017".
    public var number: String
    /// The service.
    public var service: ServiceID
    /// The queue.
    public var queue: QueueID
    /// The state after the action.
    public var state: TicketState
}


/// Why a staff operation was refused.
public enum StaffRefusal: Error, Equatable, Sendable {
    /// Unknown user or wrong password (deliberately the same answer).
    case badCredentials
    /// No valid session.
    case notLoggedIn
    /// The role may not do this.
    case forbidden
    /// No such counter.
    case unknownCounter
    /// No such ticket.
    case unknownTicket
    /// No such service (forward target).
    case unknownService
    /// The lifecycle does not allow the action now.
    case notAllowed(Message)
}

extension CentralStore {
    // MARK: Staff and sessions

    /// Creates or replaces a staff account; `passwordHash` is a bcrypt hash.
    public func putStaff(id: String, displayName: String, role: StaffRole, passwordHash: String) throws {
        try pool.write { db in
            try db.cachedStatement(sql: """
                    INSERT INTO staff(id, display_name, role, password_hash) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
                        password_hash = excluded.password_hash
                    """).execute(arguments: [id, displayName, role.rawValue, passwordHash])
        }
    }

    /// The stored hash and role of a staff account.
    public func staffCredentials(id: String) throws -> (hash: String, role: StaffRole)? {
        try pool.read { db in
            try Row.fetchOne(try db.cachedStatement(sql: "SELECT password_hash, role FROM staff WHERE id = ?"), arguments: [id]).flatMap { row in
                StaffRole(rawValue: row["role"]).map { (row["password_hash"], $0) }
            }
        }
    }

    /// Starts a session for a staff member; returns the token.
    public func createSession(staff: String, at now: Date, lifetime: TimeInterval) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
        try pool.write { db in
            try db.cachedStatement(sql: "DELETE FROM staff_session WHERE expires_ms < ?").execute(arguments: [now.millisecondsSince1970])
            try db.cachedStatement(sql: "INSERT INTO staff_session(token, staff, expires_ms) VALUES (?, ?, ?)").execute(arguments: [token, staff, now.addingTimeInterval(lifetime).millisecondsSince1970])
            try Self.audit(db, at: now, staff: staff, action: "login", counter: nil, ticket: nil, detail: nil)
        }
        return token
    }

    /// The staff member and role of a valid session token.
    public func session(token: String, at now: Date) throws -> (staff: String, role: StaffRole)? {
        try pool.read { db in try Self.session(db, token: token, at: now) }
    }

    /// The same for request handlers: suspends, rather than blocks a thread, while the database is busy.
    public func session(token: String, at now: Date) async throws -> (staff: String, role: StaffRole)? {
        try await pool.read { db in try Self.session(db, token: token, at: now) }
    }

    static func session(_ db: Database, token: String, at now: Date) throws -> (staff: String, role: StaffRole)? {
            try Row.fetchOne(
            db,
            sql: """
                SELECT s.id, s.role FROM staff_session t JOIN staff s ON s.id = t.staff
                WHERE t.token = ? AND t.expires_ms >= ?
                """, arguments: [token, now.millisecondsSince1970]
        ).flatMap { row in StaffRole(rawValue: row["role"]).map { (row["id"], $0) } }
    }

    // MARK: Counters

    /// Creates or replaces a counter.
    public func putCounter(_ counter: Counter) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO counter(id, name, queues) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, queues = excluded.queues").execute(arguments: [counter.id, counter.name, counter.queues.map(\.rawValue).joined(separator: ",")])
        }
    }

    /// All counters.
    public func counters() throws -> [Counter] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM counter ORDER BY id").map(Self.counter) }
    }

    static func counter(_ row: Row) -> Counter {
        Counter(id: row["id"], name: row["name"], queues: (row["queues"] as String).split(separator: ",").map { QueueID(rawValue: String($0)) })
    }

    // MARK: Calling

    /// Calls the next ticket for a counter by the queue rule, in one write transaction, so that two clerks
    /// pressing "next" at the same moment never get the same citizen. Nil when nobody waits.
    public func callNext(counter counterID: String, staff: String, rule: QueueOrder, day: BusinessDay, at now: Date) throws -> CalledTicket? {
        try pool.write { db in try Self.callNext(db, counter: counterID, staff: staff, rule: rule, day: day, at: now) }
    }

    /// The same for request handlers: suspends, rather than blocks a thread, while the database is busy.
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
        var due: (appointment: Int64, queued: Int64, id: String)?
        var first: (queued: Int64, number: Int, id: String)?
        for queue in queues {
            if let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id, appointment_at_ms, queued_at_ms FROM ticket
                    WHERE day = ? AND state = 'waiting' AND queue = ? AND appointment_at_ms IS NOT NULL AND appointment_at_ms <= ?
                    ORDER BY appointment_at_ms, queued_at_ms LIMIT 1
                    """), arguments: [day.iso, queue.rawValue, dueLimit])
            {
                let candidate = (row["appointment_at_ms"] as Int64, row["queued_at_ms"] as Int64, row["id"] as String)
                if due.map({ ($0.appointment, $0.queued) > (candidate.0, candidate.1) }) ?? true { due = candidate }
            }
            if due == nil, let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT id, queued_at_ms, number FROM ticket WHERE day = ? AND state = 'waiting' AND queue = ?
                    ORDER BY queued_at_ms, number LIMIT 1
                    """), arguments: [day.iso, queue.rawValue])
            {
                let candidate = (row["queued_at_ms"] as Int64, row["number"] as Int, row["id"] as String)
                if first.map({ ($0.queued, $0.number) > (candidate.0, candidate.1) }) ?? true { first = candidate }
            }
        }
        return due?.id ?? first?.id
    }

    /// Applies a clerk's action to a ticket, following `TicketLifecycle`.
    public func act(
        _ action: CounterAction, ticket id: UUID, counter counterID: String, staff: String, forwardTo: ServiceID?,
        catalog: ServiceCatalog, at now: Date
    ) throws -> CalledTicket {
        try pool.write { db in
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

    /// Calls after `id`, oldest first, at most `limit`.
    public func calls(after id: Int64, limit: Int = 50) throws -> [CallAnnouncement] {
        try pool.read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM call WHERE id > ? ORDER BY id LIMIT ?"), arguments: [id, limit]).map { row in
                CallAnnouncement(
                    id: row["id"], time: Timestamp(Date(millisecondsSince1970: row["time_ms"] as Int64)),
                    number: row["number"], spoken: row["spoken"], counter: row["counter"], counterName: row["counter_name"])
            }
        }
    }

    /// The most recent calls, newest first.
    public func recentCalls(limit: Int) throws -> [CallAnnouncement] {
        let newest = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM call") ?? 0 }
        return try calls(after: max(0, newest - Int64(limit)), limit: limit).reversed()
    }

    /// Audit entries, newest first.
    public func auditLog(limit: Int) throws -> [(staff: String, action: String, counter: String?, ticket: String?)] {
        try pool.read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?"), arguments: [limit]).map {
                ($0["staff"], $0["action"], $0["counter"], $0["ticket"])
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

extension CentralStore {
    /// The ticket a counter has called most recently and not yet finished, if any.
    public func currentTicket(counter: String) throws -> CalledTicket? {
        try pool.read { db in
            guard let id = try String.fetchOne(
                db, sql: "SELECT id FROM ticket WHERE counter = ? AND state = 'called' ORDER BY called_at_ms DESC LIMIT 1",
                arguments: [counter])
            else { return nil }
            return try Self.calledTicket(db, id: id)
        }
    }

    /// Parked tickets of a day.
    public func parkedTickets(day: BusinessDay) throws -> [CalledTicket] {
        try pool.read { db in
            try String.fetchAll(try db.cachedStatement(sql: "SELECT id FROM ticket WHERE day = ? AND state = 'parked' ORDER BY number"), arguments: [day.iso])
                .map { try Self.calledTicket(db, id: $0) }
        }
    }
}

public import Foundation
public import KioskCore
import GRDB
public import Logging

/// The terminal's database: tickets, number leases and the outbox, crash-safe.
///
/// WAL journal with `synchronous=FULL`: a transaction that returned is on disk, also after power loss.
/// Every citizen action commits its state change and its outbox event in one transaction, so after a
/// crash either both exist or neither does.
public final class KioskStore: Sendable {
    /// The terminal this database belongs to.
    public let terminal: TerminalID
    let pool: DatabasePool
    let logger: Logger
    /// The stored snapshot's appointments, decoded once per snapshot rather than on every scan.
    let snapshotAppointments = SnapshotAppointmentsCache()

    /// Opens (and creates or migrates) the database at `path`, checking it is intact and ours.
    public init(path: String, terminal: TerminalID, logger: Logger) throws(StoreError) {
        self.terminal = terminal
        self.logger = logger
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A checkpoint fsyncs the database file (~6 ms here); SQLite's default runs one inside every ~1000th
            // page of commits, i.e. inside a citizen's ticket. The kiosk checkpoints when idle (`checkpoint()`);
            // this high mark only bounds the WAL if that ever stops.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 20000")
            // Deleted personal data is overwritten in the file, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let pool = try storeOperation("open database") { try DatabasePool(path: path, configuration: configuration) }
        self.pool = pool
        try storeOperation("check database") {
            let check = try pool.read { db in try String.fetchOne(try db.cachedStatement(sql: "PRAGMA quick_check")) }
            if check != "ok" { throw StoreError(.corrupt, operation: "check database") }
            try Schema.migrator.migrate(pool)
            try pool.write { db in
                let stored = try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM terminal_state WHERE key = 'terminal'"))
                if let stored, stored != terminal.rawValue {
                    throw StoreError(.terminalMismatch(stored: stored, configured: terminal.rawValue), operation: "open")
                }
                if stored == nil {
                    try db.cachedStatement(sql: "INSERT INTO terminal_state(key, value) VALUES ('terminal', ?), ('last_sequence', '0')").execute(arguments: [terminal.rawValue])
                }
            }
        }
        logger.debug("Store opened", metadata: ["kiosk.terminal": "\(terminal)"])
    }

    /// The outcome of a walk-in request.
    public enum IssueResult: Sendable, Equatable {
        /// Committed, with its outbox event.
        case issued(Ticket, KioskEvent)
        /// Not issued, for a reason the citizen is told.
        case refused(IssueRefusal)
        /// The service is not (or no longer) in the catalog.
        case unknownService
    }

    /// Decides and commits a walk-in ticket in one transaction.
    ///
    /// - Parameters:
    ///   - grantor: for a standalone site, grants this terminal a new block when its leases are used up;
    ///     nil when blocks come only from the central service (then running out is `StoreError.isOutOfNumbers`).
    ///   - openCounters: counters open for the wait estimate.
    public func issueWalkInTicket(
        catalog: ServiceCatalog, service: ServiceID, at now: Date, openCounters: Int, grantor: BlockGrantor?,
        ticketID: UUID = UUID(), eventID: UUID = UUID()
    ) throws(StoreError) -> IssueResult {
        guard let calendar = SiteCalendar(timeZoneIdentifier: catalog.site.timeZoneIdentifier) else {
            return .unknownService
        }
        let issuer = TicketIssuer(calendar: calendar)
        let terminal = self.terminal
        return try storeOperation("issue ticket") {
            try pool.write { db -> IssueResult in
                try Self.issue(
                    db, catalog: catalog, service: service, terminal: terminal, now: now, calendar: calendar,
                    openCounters: openCounters, grantor: grantor, ticketID: ticketID, eventID: eventID,
                    issuedToday: try Self.issuedToday(db, service: service, day: calendar.businessDay(of: now)),
                    decide: { issuer.decide($0, ticketID: $1) }, payload: { .ticketIssued($0) })
            }
        }
    }

    /// Issues one ticket inside a write transaction: the wait model, a number from a lease (granting a block
    /// when `grantor` allows), the ticket row, the lease's new position and the outbox event from `payload`.
    ///
    /// Walk-in tickets and appointment check-ins differ only in `decide` and the event they record.
    static func issue(
        _ db: Database, catalog: ServiceCatalog, service: ServiceID, terminal: TerminalID, now: Date, calendar: SiteCalendar,
        openCounters: Int, grantor: BlockGrantor?, ticketID: UUID, eventID: UUID, issuedToday: Int,
        decide: (IssueContext, UUID) -> IssueDecision, payload: (Ticket) -> EventPayload
    ) throws -> IssueResult {
        let day = calendar.businessDay(of: now)
        let queueID = catalog.service(service)?.queue
        var context = IssueContext(
            catalog: catalog, service: service, terminal: terminal, now: now,
            issuedToday: issuedToday, waitingInQueue: 0,
            openCounters: openCounters, recentDurations: [], leases: try Self.leases(db, day: day))
        // Modelled start of this ticket and the tickets still waiting before it (QueueDrainModel).
        var modelStart = now
        if let queueID, let typical = catalog.service(service)?.typicalMinutes {
            let interval = QueueDrainModel.startInterval(openCounters: openCounters, meanServiceMinutes: Double(typical))
            let previous = try Int64.fetchOne(
                db, sql: "SELECT MAX(model_start_ms) FROM ticket WHERE queue = ? AND day = ?",
                arguments: [queueID.rawValue, day.iso])
            modelStart = QueueDrainModel.start(
                issuedAt: now, previousStart: previous.map(Date.init(millisecondsSince1970:)), interval: interval)
            context.waitingInQueue = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM ticket WHERE queue = ? AND day = ? AND model_start_ms > ?",
                arguments: [queueID.rawValue, day.iso, now.millisecondsSince1970]) ?? 0
        }
        for _ in 0..<2 {
            switch decide(context, ticketID) {
            case .unknownService: return .unknownService
            case .refuse(let refusal): return .refused(refusal)
            case let .needsBlock(queue, day):
                guard let grantor else { throw StoreError(.noNumbers, operation: "issue ticket") }
                let block = try Self.grant(db, grantor: grantor, queue: queue, day: day)
                try Self.insertLease(db, NumberLease(block: block))
                _ = try Self.append(db, terminal: terminal, id: UUID(), time: now, payload: .numberBlockGranted(block))
                context.leases = try Self.leases(db, day: day)
            case let .issue(ticket, lease):
                try Self.insert(db, ticket: ticket, modelStart: modelStart)
                try db.cachedStatement(sql: "UPDATE number_lease SET next = ? WHERE queue = ? AND day = ? AND first = ?").execute(arguments: [lease.next, lease.block.queue.rawValue, lease.block.day.iso, lease.block.first])
                let event = try Self.append(db, terminal: terminal, id: eventID, time: now, payload: payload(ticket))
                return .issued(ticket, event)
            }
        }
        throw StoreError(.noNumbers, operation: "issue ticket")
    }

    /// Records how printing a ticket ended, with its event, in one transaction.
    @discardableResult
    public func recordPrint(ticket: UUID, printer: String, failure: String?, at now: Date) throws(StoreError) -> KioskEvent {
        let terminal = self.terminal
        return try storeOperation("record print") {
            try pool.write { db in
                try db.cachedStatement(sql: "UPDATE ticket SET print_state = ?, print_failure = ? WHERE id = ?")
                    .execute(arguments: [failure == nil ? "printed" : "failed", failure, ticket.uuidString])
                let payload: EventPayload =
                    if let failure { .ticketPrintFailed(ticket: ticket, printer: printer, reason: failure) }
                    else { .ticketPrinted(ticket: ticket, printer: printer) }
                return try Self.append(db, terminal: terminal, id: UUID(), time: now, payload: payload)
            }
        }
    }

    /// Copies committed pages from the WAL into the database file without waiting for anyone; call when idle.
    public func checkpoint() throws(StoreError) {
        try storeOperation("checkpoint") { _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.passive) } }
    }

    /// How the latest printout ended: nil before the first ticket, else whether it printed and why not.
    public func lastPrintOutcome() throws(StoreError) -> (printed: Bool, failure: String?)? {
        try storeOperation("read print outcome") {
            try pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT print_state, print_failure FROM ticket WHERE print_state != 'pending' ORDER BY issued_at_ms DESC LIMIT 1"
                ).map { ((($0["print_state"] as String) == "printed"), $0["print_failure"]) }
            }
        }
    }

    /// Adds a block granted by the central service.
    public func addLease(_ block: NumberBlock) throws(StoreError) {
        try storeOperation("add number block") { try pool.write { db in try Self.insertLease(db, NumberLease(block: block)) } }
    }

    // MARK: - Reading

    /// Per-queue counts for one day, for status screens and `kioskctl status`.
    public func queueCounts(day: BusinessDay) throws(StoreError) -> [QueueCount] {
        try storeOperation("read queues") {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT queue, COUNT(*) AS issued, MAX(number) AS highest,
                               SUM(print_state = 'failed') AS failed
                        FROM ticket WHERE day = ? GROUP BY queue ORDER BY queue
                        """, arguments: [day.iso]
                ).map { row in
                    QueueCount(
                        queue: QueueID(rawValue: row["queue"]), issued: row["issued"], highestNumber: row["highest"],
                        printFailures: row["failed"] ?? 0)
                }
            }
        }
    }

    /// Every ticket of a day in issue order.
    public func tickets(day: BusinessDay) throws(StoreError) -> [Ticket] {
        let terminal = self.terminal
        return try storeOperation("read tickets") {
            try pool.read { db in
                try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM ticket WHERE day = ? ORDER BY issued_at_ms, number"), arguments: [day.iso])
                    .map { row in Self.ticket(row, terminal: terminal) }
            }
        }
    }

    /// The leases this terminal holds for a day.
    public func leases(day: BusinessDay) throws(StoreError) -> [NumberLease] {
        try storeOperation("read leases") { try pool.read { db in try Self.leases(db, day: day) } }
    }

    // MARK: - Rows

    static func issuedToday(_ db: Database, service: ServiceID, day: BusinessDay) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM ticket WHERE service = ? AND day = ? AND origin = 'walk-in'",
            arguments: [service.rawValue, day.iso]) ?? 0
    }

    static func leases(_ db: Database, day: BusinessDay) throws -> [NumberLease] {
        try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM number_lease WHERE day = ?"), arguments: [day.iso]).map { row in
            NumberLease(
                block: NumberBlock(queue: QueueID(rawValue: row["queue"]), day: day, first: row["first"], last: row["last"]),
                next: row["next"])
        }
    }

    static func insertLease(_ db: Database, _ lease: NumberLease) throws {
        try db.cachedStatement(sql: "INSERT INTO number_lease(queue, day, first, last, next) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING").execute(arguments: [lease.block.queue.rawValue, lease.block.day.iso, lease.block.first, lease.block.last, lease.next])
    }

    static func grant(_ db: Database, grantor: BlockGrantor, queue: QueueID, day: BusinessDay) throws -> NumberBlock {
        let highest = try Int.fetchOne(try db.cachedStatement(sql: "SELECT highest FROM number_grant WHERE queue = ? AND day = ?"), arguments: [queue.rawValue, day.iso]) ?? 0
        let block = grantor.grant(queue: queue, day: day, highestGranted: highest)
        try db.cachedStatement(sql: """
                INSERT INTO number_grant(queue, day, highest) VALUES (?, ?, ?)
                ON CONFLICT(queue, day) DO UPDATE SET highest = excluded.highest
                """).execute(arguments: [queue.rawValue, day.iso, block.last])
        return block
    }

    static func insert(_ db: Database, ticket: Ticket, modelStart: Date) throws {
        let estimate: Int? =
            switch ticket.estimate {
            case .unknown: nil
            case .underFiveMinutes: 0
            case .minutes(let minutes): minutes
            }
        try db.cachedStatement(sql: """
                INSERT INTO ticket(
                    id, queue, service, day, prefix, number, issued_at_ms, origin, estimate_minutes, ahead, model_start_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                ticket.id.uuidString, ticket.queue.rawValue, ticket.service.rawValue, ticket.day.iso, ticket.number.prefix,
                ticket.number.value, ticket.issuedAt.millisecondsSince1970, ticket.origin.rawValue, estimate, ticket.ahead,
                modelStart.millisecondsSince1970,
            ])
    }

    static func ticket(_ row: Row, terminal: TerminalID) -> Ticket {
        let estimate: Int? = row["estimate_minutes"]
        return Ticket(
            id: UUID(uuidString: row["id"])!, number: TicketNumber(prefix: row["prefix"], value: row["number"]),
            queue: QueueID(rawValue: row["queue"]), service: ServiceID(rawValue: row["service"]),
            day: BusinessDay(iso: row["day"])!, issuedAt: Date(millisecondsSince1970: row["issued_at_ms"]),
            origin: TicketOrigin(rawValue: row["origin"]) ?? .walkIn, terminal: terminal,
            estimate: estimate.map { $0 == 0 ? .underFiveMinutes : .minutes($0) } ?? .unknown, ahead: row["ahead"])
    }
}

/// Tickets of one queue on one day.
public struct QueueCount: Sendable, Equatable {
    /// The queue.
    public var queue: QueueID
    /// Tickets issued.
    public var issued: Int
    /// The highest number issued.
    public var highestNumber: Int
    /// Tickets whose printout failed.
    public var printFailures: Int
}

extension KioskStore {
    /// Walk-in tickets per service on a day, for quota checks on the home screen.
    public func walkInCounts(day: BusinessDay) throws(StoreError) -> [ServiceID: Int] {
        try storeOperation("read tickets") {
            try pool.read { db in
                var counts: [ServiceID: Int] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT service, COUNT(*) AS n FROM ticket WHERE day = ? AND origin = 'walk-in' GROUP BY service",
                    arguments: [day.iso])
                {
                    counts[ServiceID(rawValue: row["service"])] = row["n"]
                }
                return counts
            }
        }
    }
}

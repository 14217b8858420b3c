public import Foundation
public import KioskCore
import GRDB

/// A failure of the central database, mapped to HTTP statuses in one place (`CentralAPI`).
public struct CentralStoreError: Error, Sendable, CustomStringConvertible {
    /// What failed, without row contents.
    public var operation: String
    /// SQLite's result code.
    public var code: Int32

    public var description: String { "central store: \(operation) failed (SQLite \(code))" }

    static func wrap<T>(_ operation: String, _ body: () throws -> T) throws(CentralStoreError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw CentralStoreError(operation: operation, code: error.resultCode.primaryResultCode.rawValue)
        } catch {
            throw CentralStoreError(operation: operation, code: -1)
        }
    }
}

/// The central service's storage: applied events per terminal, the ticket projection, granted number blocks.
///
/// It keeps no state outside the database, so several instances can serve one database.
public final class CentralStore: Sendable {
    let pool: DatabasePool

    /// Opens (creating and migrating) the SQLite database at `path`.
    public init(path: String) throws(CentralStoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Checkpoints run from `checkpoint()` in the background, not inside a clerk's or a terminal's write.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 20000")
        }
        pool = try CentralStoreError.wrap("open") { try DatabasePool(path: path, configuration: configuration) }
        try CentralStoreError.wrap("migrate") { try Self.migrator.migrate(pool) }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-central-sync") { db in
            try db.execute(sql: """
                CREATE TABLE terminal (
                    id TEXT PRIMARY KEY NOT NULL,
                    applied_through INTEGER NOT NULL DEFAULT 0,
                    last_seen_ms INTEGER
                ) STRICT;
                CREATE TABLE event (
                    id TEXT PRIMARY KEY NOT NULL,
                    terminal TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    time_ms INTEGER NOT NULL,
                    body BLOB NOT NULL,
                    received_ms INTEGER NOT NULL,
                    UNIQUE (terminal, sequence)
                ) STRICT;
                CREATE TABLE ticket (
                    id TEXT PRIMARY KEY NOT NULL,
                    terminal TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    service TEXT NOT NULL,
                    day TEXT NOT NULL,
                    prefix TEXT NOT NULL,
                    number INTEGER NOT NULL,
                    issued_at_ms INTEGER NOT NULL,
                    origin TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'waiting',
                    print_state TEXT NOT NULL DEFAULT 'pending'
                ) STRICT;
                CREATE INDEX ticket_day_queue ON ticket(day, queue, number);
                -- A number seen twice is recorded, never silently merged: it means blocks overlapped.
                CREATE TABLE number_conflict (
                    ticket TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    day TEXT NOT NULL,
                    number INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE number_grant (
                    queue TEXT NOT NULL,
                    day TEXT NOT NULL,
                    highest INTEGER NOT NULL,
                    PRIMARY KEY (queue, day)
                ) STRICT;
                CREATE TABLE number_block (
                    request_id TEXT PRIMARY KEY NOT NULL,
                    terminal TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    day TEXT NOT NULL,
                    first INTEGER NOT NULL,
                    last INTEGER NOT NULL,
                    granted_ms INTEGER NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("2026-11-staff-and-calls") { db in
            try db.execute(sql: """
                ALTER TABLE ticket ADD COLUMN queued_at_ms INTEGER;
                ALTER TABLE ticket ADD COLUMN appointment_at_ms INTEGER;
                ALTER TABLE ticket ADD COLUMN no_shows INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE ticket ADD COLUMN call_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE ticket ADD COLUMN called_at_ms INTEGER;
                ALTER TABLE ticket ADD COLUMN finished_at_ms INTEGER;
                ALTER TABLE ticket ADD COLUMN counter TEXT;
                ALTER TABLE ticket ADD COLUMN clerk TEXT;
                UPDATE ticket SET queued_at_ms = issued_at_ms;
                CREATE INDEX ticket_waiting ON ticket(day, state, queue, queued_at_ms);
                CREATE TABLE staff (
                    id TEXT PRIMARY KEY NOT NULL,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('staff', 'technician', 'admin')),
                    password_hash TEXT NOT NULL
                ) STRICT;
                CREATE TABLE counter (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    queues TEXT NOT NULL
                ) STRICT;
                CREATE TABLE staff_session (
                    token TEXT PRIMARY KEY NOT NULL,
                    staff TEXT NOT NULL REFERENCES staff(id),
                    expires_ms INTEGER NOT NULL
                ) STRICT;
                -- Every staff action, for accountability; ticket numbers, never citizen data.
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time_ms INTEGER NOT NULL,
                    staff TEXT NOT NULL,
                    action TEXT NOT NULL,
                    counter TEXT,
                    ticket TEXT,
                    detail TEXT
                ) STRICT;
                -- The call feed for displays and terminals.
                CREATE TABLE call (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time_ms INTEGER NOT NULL,
                    ticket TEXT NOT NULL,
                    number TEXT NOT NULL,
                    spoken TEXT NOT NULL,
                    counter TEXT NOT NULL,
                    counter_name TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("2026-11-statistics-and-health") { db in
            try db.execute(sql: """
                ALTER TABLE ticket ADD COLUMN first_called_at_ms INTEGER;
                UPDATE ticket SET first_called_at_ms = called_at_ms WHERE called_at_ms IS NOT NULL;
                CREATE INDEX ticket_due ON ticket(day, state, queue, appointment_at_ms, queued_at_ms);
                -- Device and sync health as terminals last reported it.
                CREATE TABLE device_health (
                    terminal TEXT NOT NULL,
                    device TEXT NOT NULL,
                    status TEXT NOT NULL,
                    severity TEXT NOT NULL CHECK (severity IN ('ok', 'warning', 'error')),
                    reported_ms INTEGER NOT NULL,
                    PRIMARY KEY (terminal, device)
                ) STRICT;
                """)
        }
        return migrator
    }

    /// Copies the WAL into the database file without blocking readers or writers; kiosk-central calls it
    /// every few seconds.
    public func checkpoint() throws {
        _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    /// Whether the database answers.
    public func isHealthy() -> Bool {
        (try? pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    /// Why a batch was refused as a whole.
    public enum IngestRefusal: Error, Equatable, Sendable {
        /// An event names another terminal than the one sending.
        case foreignEvent
        /// Events are not in ascending sequence order.
        case unordered
        /// An event id was already used for a different terminal or sequence.
        case reusedID
    }

    /// Applies a terminal's events in order, each exactly once, in one transaction.
    ///
    /// Already applied sequences are counted as duplicates; a gap stops the batch (the terminal resends from
    /// `appliedThrough + 1`), so events are never applied out of order.
    public func ingest(terminal: TerminalID, events: [KioskEvent], at now: Date) throws -> IngestResult {
        guard events.allSatisfy({ $0.terminal == terminal }) else { throw IngestRefusal.foreignEvent }
        guard zip(events, events.dropFirst()).allSatisfy({ $0.sequence < $1.sequence }) else { throw IngestRefusal.unordered }
        return try pool.write { db in try Self.ingest(db, terminal: terminal, events: events, at: now) }
    }

    /// The same for request handlers: suspends, rather than blocks a thread, while the database is busy.
    public func ingest(terminal: TerminalID, events: [KioskEvent], at now: Date) async throws -> IngestResult {
        guard events.allSatisfy({ $0.terminal == terminal }) else { throw IngestRefusal.foreignEvent }
        guard zip(events, events.dropFirst()).allSatisfy({ $0.sequence < $1.sequence }) else { throw IngestRefusal.unordered }
        return try await pool.write { db in try Self.ingest(db, terminal: terminal, events: events, at: now) }
    }

    static func ingest(_ db: Database, terminal: TerminalID, events: [KioskEvent], at now: Date) throws -> IngestResult {
            try db.cachedStatement(sql: "INSERT INTO terminal(id, last_seen_ms) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET last_seen_ms = excluded.last_seen_ms").execute(arguments: [terminal.rawValue, now.millisecondsSince1970])
        var appliedThrough = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT applied_through FROM terminal WHERE id = ?"), arguments: [terminal.rawValue]) ?? 0
        var applied = 0
        var duplicates = 0
        for event in events {
            if event.sequence <= appliedThrough {
                let known = try Row.fetchOne(try db.cachedStatement(sql: "SELECT terminal, sequence FROM event WHERE id = ?"), arguments: [event.id.uuidString])
                if let known, (known["terminal"] as String) != terminal.rawValue || (known["sequence"] as Int64) != event.sequence {
                    throw IngestRefusal.reusedID
                }
                duplicates += 1
                continue
            }
            guard event.sequence == appliedThrough + 1 else { break }
            if try Int.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM event WHERE id = ?"), arguments: [event.id.uuidString]) != nil {
                throw IngestRefusal.reusedID
            }
            try db.cachedStatement(sql: "INSERT INTO event(id, terminal, sequence, type, time_ms, body, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
                    event.id.uuidString, terminal.rawValue, event.sequence, event.type, event.time.millisecondsSince1970,
                    event.jsonData(), now.millisecondsSince1970,
                ])
            try Self.project(db, event)
            appliedThrough = event.sequence
            applied += 1
        }
        try db.cachedStatement(sql: "UPDATE terminal SET applied_through = ? WHERE id = ?").execute(arguments: [appliedThrough, terminal.rawValue])
        return IngestResult(appliedThrough: appliedThrough, applied: applied, duplicates: duplicates)
    }

    /// Updates the read-side tables for one event.
    static func project(_ db: Database, _ event: KioskEvent) throws {
        switch event.payload {
        case .ticketIssued(let ticket):
            let clash = try Int.fetchOne(
                db, sql: "SELECT 1 FROM ticket WHERE queue = ? AND day = ? AND number = ?",
                arguments: [ticket.queue.rawValue, ticket.day.iso, ticket.number.value])
            if clash != nil {
                try db.cachedStatement(sql: "INSERT INTO number_conflict(ticket, queue, day, number) VALUES (?, ?, ?, ?)").execute(arguments: [ticket.id.uuidString, ticket.queue.rawValue, ticket.day.iso, ticket.number.value])
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO ticket(id, terminal, queue, service, day, prefix, number, issued_at_ms, origin, queued_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                    ticket.id.uuidString, event.terminal.rawValue, ticket.queue.rawValue, ticket.service.rawValue,
                    ticket.day.iso, ticket.number.prefix, ticket.number.value, ticket.issuedAt.millisecondsSince1970,
                    ticket.origin.rawValue, ticket.issuedAt.millisecondsSince1970,
                ])
        case .ticketPrinted(let ticket, _):
            try db.cachedStatement(sql: "UPDATE ticket SET print_state = 'printed' WHERE id = ?").execute(arguments: [ticket.uuidString])
        case .ticketPrintFailed(let ticket, _, _):
            try db.cachedStatement(sql: "UPDATE ticket SET print_state = 'failed' WHERE id = ?").execute(arguments: [ticket.uuidString])
        case .numberBlockGranted:
            break  // blocks a terminal granted itself before it was connected; central's own are in number_block
        }
    }

    /// Grants the next block of a queue's numbers for a day; the same request id always gets the same block.
    public func grantBlock(terminal: TerminalID, request: BlockRequest, at now: Date) throws -> NumberBlock {
        try pool.write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT queue, day, first, last FROM number_block WHERE request_id = ? AND terminal = ?",
                arguments: [request.requestID.uuidString, terminal.rawValue])
            {
                return NumberBlock(queue: QueueID(rawValue: row["queue"]), day: BusinessDay(iso: row["day"])!, first: row["first"], last: row["last"])
            }
            let highest = try Int.fetchOne(
                db, sql: "SELECT highest FROM number_grant WHERE queue = ? AND day = ?",
                arguments: [request.queue.rawValue, request.day.iso]) ?? 0
            let block = BlockGrantor(blockSize: request.count).grant(queue: request.queue, day: request.day, highestGranted: highest)
            try db.cachedStatement(sql: """
                    INSERT INTO number_grant(queue, day, highest) VALUES (?, ?, ?)
                    ON CONFLICT(queue, day) DO UPDATE SET highest = excluded.highest
                    """).execute(arguments: [request.queue.rawValue, request.day.iso, block.last])
            try db.cachedStatement(sql: "INSERT INTO number_block(request_id, terminal, queue, day, first, last, granted_ms) VALUES (?, ?, ?, ?, ?, ?, ?)").execute(arguments: [
                    request.requestID.uuidString, terminal.rawValue, request.queue.rawValue, request.day.iso, block.first,
                    block.last, now.millisecondsSince1970,
                ])
            return block
        }
    }

    /// Waiting tickets per queue on a day (called tickets come with the staff calling).
    public func waitingCounts(day: BusinessDay) throws -> [QueueID: Int] {
        try pool.read { db in
            var counts: [QueueID: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT queue, COUNT(*) AS n FROM ticket WHERE day = ? AND state = 'waiting' GROUP BY queue",
                arguments: [day.iso])
            {
                counts[QueueID(rawValue: row["queue"])] = row["n"]
            }
            return counts
        }
    }

    /// The highest sequence applied for a terminal.
    public func appliedThrough(_ terminal: TerminalID) throws -> Int64 {
        try pool.read { db in
            try Int64.fetchOne(try db.cachedStatement(sql: "SELECT applied_through FROM terminal WHERE id = ?"), arguments: [terminal.rawValue]) ?? 0
        }
    }

    /// Counts for checks: events, tickets, distinct (queue, day, number), conflicts.
    public func integrity() throws -> (events: Int, tickets: Int, distinctNumbers: Int, conflicts: Int) {
        try pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT DISTINCT queue, day, number FROM ticket)") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM number_conflict") ?? 0
            )
        }
    }
}

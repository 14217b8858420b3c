public import Foundation
public import KioskCore
import GRDB

/// The central store in one SQLite file (WAL): no set-up, for one site's terminals and one or more instances
/// on the same machine.
public final class SQLiteCentralStore: CentralStore {
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
        pool = try Self.wrap("open") { try DatabasePool(path: path, configuration: configuration) }
        try Self.wrap("migrate") { try Self.migrator.migrate(pool) }
    }

    static func wrap<T>(_ operation: String, _ body: () throws -> T) throws(CentralStoreError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw CentralStoreError(operation: operation, code: "SQLite \(error.resultCode.primaryResultCode.rawValue)")
        } catch {
            throw CentralStoreError(operation: operation, code: "\(error)")
        }
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
        migrator.registerMigration("2026-11-session-digests") { db in
            // Sessions are now kept as token digests; plain tokens stored before are dropped (staff log in again).
            try db.execute(sql: """
                DROP TABLE staff_session;
                CREATE TABLE staff_session (
                    digest TEXT PRIMARY KEY NOT NULL,
                    staff TEXT NOT NULL REFERENCES staff(id),
                    expires_ms INTEGER NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("2026-11-terminal-identity") { db in
            try db.execute(sql: IdentitySchema.sqlite)
        }
        migrator.registerMigration("2026-11-appointments-and-collections") { db in
            try db.execute(sql: AppointmentSchema.sqlite)
        }
        migrator.registerMigration("2027-02-payments-and-sealed-attachments") { db in
            try db.execute(sql: PaymentSchema.sqlite)
        }
        migrator.registerMigration("2026-12-appointment-import") { db in
            try db.execute(sql: AppointmentImportSchema.sqlite)
        }
        return migrator
    }

    /// Copies the WAL into the database file without blocking readers or writers; kiosk-central calls it
    /// every few seconds.
    public func checkpoint() async throws {
        _ = try await pool.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }

    /// Whether the database answers.
    public func isHealthy() async -> Bool {
        (try? await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }) == 1
    }

    public func ingest(terminal: TerminalID, events: [KioskEvent], attachments: [SealedAttachment], at now: Date) async throws -> IngestResult {
        try validate(terminal: terminal, events: events)
        let matched = try PaymentSchema.matched(attachments, events: events)
        return try await pool.write { db in
            let result = try Self.ingest(db, terminal: terminal, events: events, at: now)
            // Only attachments of events now applied; a resent one is already there and kept as it was.
            for (attachment, event) in matched where attachment.sequence <= result.appliedThrough {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO sealed_attachment(id, terminal, event, kind, sealed, received_ms) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO NOTHING
                        """
                ).execute(arguments: [
                    attachment.id.uuidString, terminal.rawValue, event.id.uuidString, attachment.kind.rawValue, attachment.sealed,
                    now.millisecondsSince1970,
                ])
            }
            return result
        }
    }

    public func sealedAttachments(terminal: TerminalID) async throws -> [SealedAttachment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.kind, a.sealed, e.sequence FROM sealed_attachment a JOIN event e ON e.id = a.event
                    WHERE a.terminal = ? ORDER BY e.sequence, a.kind
                    """, arguments: [terminal.rawValue]
            ).map { row in
                SealedAttachment(
                    id: UUID(uuidString: row["id"])!, sequence: row["sequence"], kind: SealedAttachment.Kind(rawValue: row["kind"])!,
                    sealed: row["sealed"])
            }
        }
    }

    public func sealedAttachments(payment: UUID) async throws -> [SealedAttachment] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.kind, a.sealed, e.sequence FROM payment p JOIN sealed_attachment a ON a.event = p.event
                    JOIN event e ON e.id = a.event WHERE p.id = ? ORDER BY a.kind
                    """, arguments: [payment.uuidString]
            ).map { row in
                SealedAttachment(
                    id: UUID(uuidString: row["id"])!, sequence: row["sequence"], kind: SealedAttachment.Kind(rawValue: row["kind"])!,
                    sealed: row["sealed"])
            }
        }
    }

    public func paymentCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM payment") ?? 0 }
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
            try insertTicket(db, ticket, terminal: event.terminal, appointmentAt: nil)
        case .appointmentCheckedIn(let checkIn):
            try projectCheckIn(db, checkIn, terminal: event.terminal, at: event.time)
        case .ticketPrinted(let ticket, _):
            try db.cachedStatement(sql: "UPDATE ticket SET print_state = 'printed' WHERE id = ?").execute(arguments: [ticket.uuidString])
        case .ticketPrintFailed(let ticket, _, _):
            try db.cachedStatement(sql: "UPDATE ticket SET print_state = 'failed' WHERE id = ?").execute(arguments: [ticket.uuidString])
        case .numberBlockGranted:
            break  // blocks a terminal granted itself before it was connected; central's own are in number_block
        case .paymentConfirmed(let payment):
            try db.cachedStatement(
                sql: """
                    INSERT INTO payment(id, terminal, event, service, method, total_cents, kassenzeichen, mandate_reference,
                        masked_iban, confirmed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO NOTHING
                    """
            ).execute(arguments: [
                payment.id.uuidString, event.terminal.rawValue, event.id.uuidString, payment.service.rawValue,
                payment.method.rawValue, payment.total.cents, payment.kassenzeichen, payment.mandateReference,
                payment.maskedIBAN, event.time.millisecondsSince1970,
            ])
        }
    }

    /// Adds a ticket to the projection; a number already taken that day is recorded as a conflict.
    static func insertTicket(_ db: Database, _ ticket: Ticket, terminal: TerminalID, appointmentAt: Int64?) throws {
        let clash = try Int.fetchOne(
            db, sql: "SELECT 1 FROM ticket WHERE queue = ? AND day = ? AND number = ?",
            arguments: [ticket.queue.rawValue, ticket.day.iso, ticket.number.value])
        if clash != nil {
            try db.cachedStatement(sql: "INSERT INTO number_conflict(ticket, queue, day, number) VALUES (?, ?, ?, ?)").execute(arguments: [ticket.id.uuidString, ticket.queue.rawValue, ticket.day.iso, ticket.number.value])
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO ticket(id, terminal, queue, service, day, prefix, number, issued_at_ms, origin, queued_at_ms, appointment_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                ticket.id.uuidString, terminal.rawValue, ticket.queue.rawValue, ticket.service.rawValue,
                ticket.day.iso, ticket.number.prefix, ticket.number.value, ticket.issuedAt.millisecondsSince1970,
                ticket.origin.rawValue, ticket.issuedAt.millisecondsSince1970, appointmentAt,
            ])
    }

    public func grantBlock(terminal: TerminalID, request: BlockRequest, at now: Date) async throws -> NumberBlock {
        try await pool.write { db in
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

    public func waitingCounts(day: BusinessDay) async throws -> [QueueID: Int] {
        try await pool.read { db in
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

    public func appliedThrough(_ terminal: TerminalID) async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(try db.cachedStatement(sql: "SELECT applied_through FROM terminal WHERE id = ?"), arguments: [terminal.rawValue]) ?? 0
        }
    }

    public func integrity() async throws -> StoreIntegrity {
        try await pool.read { db in
            StoreIntegrity(
                events: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
                tickets: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ticket") ?? 0,
                distinctNumbers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT DISTINCT queue, day, number FROM ticket)") ?? 0,
                conflicts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM number_conflict") ?? 0
            )
        }
    }

    public func callSignals() -> AsyncStream<Void> {
        // Another process may write the file, and SQLite has no notifications: look every 250 ms.
        AsyncStream { continuation in
            let task = Task {
                while !Task.isCancelled {
                    continuation.yield()
                    try? await Task.sleep(for: .milliseconds(250))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

public import Foundation
public import KioskCore
public import Logging
import PostgresNIO

/// The central store in PostgreSQL: for many terminals and sites, and several kiosk-central instances on one
/// database.
///
/// Where SQLite serialises every writer, here concurrent transactions are made safe row by row: ingest locks
/// its terminal's row first, call-next claims a ticket with a conditional update and tries the next
/// candidate if another instance was quicker, number blocks come from one atomic upsert. Calls are
/// announced with `NOTIFY kiosk_calls`, so every instance's call displays update at once.
public final class PostgresCentralStore: CentralStore {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    private let signals = SignalHub()
    private let listener: Task<Void, Never>

    /// The channel calls are announced on.
    static let callChannel = "kiosk_calls"

    /// Connects to the database at `url` (postgres://user:password@host:port/database) and migrates it.
    public init(url: String, logger: Logger) async throws(CentralStoreError) {
        let configuration = try PostgresConnectionURL.configuration(url)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
        let hub = signals
        listener = Task { await Self.listen(client: client, hub: hub, logger: logger) }
        do {
            try await Self.migrate(client, logger: logger)
        } catch {
            close()
            throw Self.storeError("migrate", error)
        }
    }

    /// Closes the connections; the store cannot be used afterwards.
    public func close() {
        listener.cancel()
        runner.cancel()
    }

    deinit { close() }

    static func storeError(_ operation: String, _ error: any Error) -> CentralStoreError {
        if let error = error as? CentralStoreError { return error }
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] { return CentralStoreError(operation: operation, code: "PostgreSQL \(state)") }
            return CentralStoreError(operation: operation, code: "PostgreSQL \(error.code)")
        }
        return CentralStoreError(operation: operation, code: "\(error)")
    }

    // MARK: Schema

    /// Named migrations, applied once each, in order, under an advisory lock so that instances starting at
    /// the same moment do not race.
    static let migrations: [(name: String, sql: [String])] = [
        (
            "2026-11-central",
            [
                """
                CREATE TABLE terminal (
                    id TEXT PRIMARY KEY,
                    applied_through BIGINT NOT NULL DEFAULT 0,
                    last_seen_ms BIGINT
                )
                """,
                """
                CREATE TABLE event (
                    id TEXT PRIMARY KEY,
                    terminal TEXT NOT NULL,
                    sequence BIGINT NOT NULL,
                    type TEXT NOT NULL,
                    time_ms BIGINT NOT NULL,
                    body BYTEA NOT NULL,
                    received_ms BIGINT NOT NULL,
                    UNIQUE (terminal, sequence)
                )
                """,
                """
                CREATE TABLE ticket (
                    id TEXT PRIMARY KEY,
                    terminal TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    service TEXT NOT NULL,
                    day TEXT NOT NULL,
                    prefix TEXT NOT NULL,
                    number BIGINT NOT NULL,
                    issued_at_ms BIGINT NOT NULL,
                    origin TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'waiting',
                    print_state TEXT NOT NULL DEFAULT 'pending',
                    queued_at_ms BIGINT,
                    appointment_at_ms BIGINT,
                    no_shows BIGINT NOT NULL DEFAULT 0,
                    call_count BIGINT NOT NULL DEFAULT 0,
                    called_at_ms BIGINT,
                    first_called_at_ms BIGINT,
                    finished_at_ms BIGINT,
                    counter TEXT,
                    clerk TEXT
                )
                """,
                "CREATE INDEX ticket_day_queue ON ticket(day, queue, number)",
                "CREATE INDEX ticket_waiting ON ticket(day, state, queue, queued_at_ms)",
                "CREATE INDEX ticket_due ON ticket(day, state, queue, appointment_at_ms, queued_at_ms)",
                // A number seen twice is recorded, never silently merged: it means blocks overlapped.
                "CREATE TABLE number_conflict (ticket TEXT NOT NULL, queue TEXT NOT NULL, day TEXT NOT NULL, number BIGINT NOT NULL)",
                "CREATE TABLE number_grant (queue TEXT NOT NULL, day TEXT NOT NULL, highest BIGINT NOT NULL, PRIMARY KEY (queue, day))",
                """
                CREATE TABLE number_block (
                    request_id TEXT PRIMARY KEY,
                    terminal TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    day TEXT NOT NULL,
                    first BIGINT NOT NULL,
                    last BIGINT NOT NULL,
                    granted_ms BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE staff (
                    id TEXT PRIMARY KEY,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('staff', 'technician', 'admin')),
                    password_hash TEXT NOT NULL
                )
                """,
                "CREATE TABLE counter (id TEXT PRIMARY KEY, name TEXT NOT NULL, queues TEXT NOT NULL)",
                "CREATE TABLE staff_session (digest TEXT PRIMARY KEY, staff TEXT NOT NULL REFERENCES staff(id), expires_ms BIGINT NOT NULL)",
                // Every staff action, for accountability; ticket numbers, never citizen data.
                """
                CREATE TABLE audit (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    time_ms BIGINT NOT NULL,
                    staff TEXT NOT NULL,
                    action TEXT NOT NULL,
                    counter TEXT,
                    ticket TEXT,
                    detail TEXT
                )
                """,
                """
                CREATE TABLE call (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    time_ms BIGINT NOT NULL,
                    ticket TEXT NOT NULL,
                    number TEXT NOT NULL,
                    spoken TEXT NOT NULL,
                    counter TEXT NOT NULL,
                    counter_name TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE device_health (
                    terminal TEXT NOT NULL,
                    device TEXT NOT NULL,
                    status TEXT NOT NULL,
                    severity TEXT NOT NULL CHECK (severity IN ('ok', 'warning', 'error')),
                    reported_ms BIGINT NOT NULL,
                    PRIMARY KEY (terminal, device)
                )
                """,
            ]
        ),
        ("2026-11-terminal-identity", IdentitySchema.postgres),
        ("2026-11-appointments-and-collections", AppointmentSchema.postgres),
        ("2027-02-payments-and-sealed-attachments", PaymentSchema.postgres),
        ("2026-12-appointment-import", AppointmentImportSchema.postgres),
    ]

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            // One number for this schema's lock; held until commit.
            try await connection.query("SELECT pg_advisory_xact_lock(7417001)", logger: logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_ms BIGINT NOT NULL)", logger: logger)
            let done = Set(try await PGRows.all(connection.query("SELECT name FROM schema_migration", logger: logger)).map { try $0.string("name") })
            for migration in migrations where !done.contains(migration.name) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration(name, applied_ms) VALUES (\(migration.name), \(Date().millisecondsSince1970))", logger: logger)
            }
        }
    }

    /// Runs `body` in a transaction, again (up to three times) when PostgreSQL reports a conflict that a retry
    /// resolves: a unique key taken by a concurrent transaction, a serialisation failure, a deadlock.
    func transaction<T: Sendable>(_ operation: String, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch {
                // The client wraps what the body threw; refusals are answers, not database failures.
                let cause = (error as? PostgresTransactionError)?.closureError ?? error
                if cause is IngestRefusal || cause is StaffRefusal || cause is IdentityRefusal { throw cause }
                if attempt < 3, let state = (cause as? PSQLError)?.serverInfo?[.sqlState], ["23505", "40001", "40P01"].contains(state) {
                    continue
                }
                throw Self.storeError(operation, cause)
            }
        }
    }

    /// Runs one statement outside a transaction.
    func read<T: Sendable>(_ operation: String, _ body: (PostgresClient) async throws -> T) async throws -> T {
        do {
            return try await body(client)
        } catch {
            throw Self.storeError(operation, error)
        }
    }

    // MARK: Health and housekeeping

    public func isHealthy() async -> Bool {
        // The pool waits for a connection while the server is down; /healthz must answer within seconds.
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { [client] in
                (try? await PGRows.one(client.query("SELECT 1 AS ok")).map { try $0.int("ok") }) == 1
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    public func checkpoint() async throws {
        // PostgreSQL checkpoints by itself.
    }

    // MARK: Sync

    /// The same rules as SQLite's event by event, but in a constant number of statements per batch (arrays
    /// through `UNNEST`): on a network each statement costs a round trip.
    public func ingest(terminal: TerminalID, events: [KioskEvent], attachments: [SealedAttachment], at now: Date) async throws -> IngestResult {
        try validate(terminal: terminal, events: events)
        let matched = try PaymentSchema.matched(attachments, events: events)
        return try await transaction("ingest") { connection in
            let logger = self.logger
            // The upsert locks this terminal's row until commit: a second batch from the same terminal (a retry
            // while the first is still running) waits here and then sees the first one's sequences.
            try await connection.query(
                """
                INSERT INTO terminal(id, last_seen_ms) VALUES (\(terminal.rawValue), \(now.millisecondsSince1970))
                ON CONFLICT (id) DO UPDATE SET last_seen_ms = EXCLUDED.last_seen_ms
                """, logger: logger)
            var appliedThrough = try await PGRows.one(
                connection.query("SELECT applied_through FROM terminal WHERE id = \(terminal.rawValue)", logger: logger)
            )?.int64("applied_through") ?? 0
            var known: [String: (terminal: String, sequence: Int64)] = [:]
            for row in try await PGRows.all(
                connection.query("SELECT id, terminal, sequence FROM event WHERE id = ANY(\(events.map(\.id.uuidString)))", logger: logger))
            {
                known[try row.string("id")] = (try row.string("terminal"), try row.int64("sequence"))
            }
            var batch: [KioskEvent] = []
            var batchIDs: Set<UUID> = []
            var duplicates = 0
            for event in events {
                let stored = known[event.id.uuidString]
                if event.sequence <= appliedThrough {
                    if let stored, stored.terminal != terminal.rawValue || stored.sequence != event.sequence { throw IngestRefusal.reusedID }
                    duplicates += 1
                    continue
                }
                guard event.sequence == appliedThrough + 1 else { break }
                guard stored == nil, batchIDs.insert(event.id).inserted else { throw IngestRefusal.reusedID }
                batch.append(event)
                appliedThrough = event.sequence
            }
            if !batch.isEmpty {
                try await connection.query(
                    try PostgresQuery(
                        """
                        INSERT INTO event(id, terminal, sequence, type, time_ms, body, received_ms)
                        SELECT v.id, \(terminal.rawValue), v.sequence, v.type, v.time_ms, v.body, \(now.millisecondsSince1970)
                        FROM UNNEST(\(batch.map(\.id.uuidString))::text[], \(batch.map(\.sequence))::int8[], \(batch.map(\.type))::text[],
                            \(batch.map(\.time.millisecondsSince1970))::int8[], \(batch.map { ByteBuffer(bytes: Array($0.jsonData())) })::bytea[])
                            AS v(id, sequence, type, time_ms, body)
                        """), logger: logger)
                try await Self.project(connection, batch, logger: logger)
                try await connection.query(
                    "UPDATE terminal SET applied_through = \(appliedThrough) WHERE id = \(terminal.rawValue)", logger: logger)
            }
            // Only attachments of events now applied; a resent one is already there and kept as it was.
            let stored = matched.filter { $0.0.sequence <= appliedThrough }
            if !stored.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO sealed_attachment(id, terminal, event, kind, sealed, received_ms)
                    SELECT v.id, \(terminal.rawValue), v.event, v.kind, v.sealed, \(now.millisecondsSince1970)
                    FROM UNNEST(\(stored.map(\.0.id.uuidString))::text[], \(stored.map(\.1.id.uuidString))::text[],
                        \(stored.map(\.0.kind.rawValue))::text[], \(stored.map { ByteBuffer(bytes: Array($0.0.sealed)) })::bytea[])
                        AS v(id, event, kind, sealed)
                    ON CONFLICT (id) DO NOTHING
                    """, logger: logger)
            }
            return IngestResult(appliedThrough: appliedThrough, applied: batch.count, duplicates: duplicates)
        }
    }

    /// Updates the read-side tables for a batch of events, in their order.
    static func project(_ connection: PostgresConnection, _ events: [KioskEvent], logger: Logger) async throws {
        var tickets: [(ticket: Ticket, terminal: String)] = []
        var printStates: [(ticket: String, state: String)] = []
        for event in events {
            switch event.payload {
            case .ticketIssued(let ticket): tickets.append((ticket, event.terminal.rawValue))
            case .ticketPrinted(let ticket, _): printStates.append((ticket.uuidString, "printed"))
            case .ticketPrintFailed(let ticket, _, _): printStates.append((ticket.uuidString, "failed"))
            case .numberBlockGranted: break  // blocks a terminal granted itself before it was connected; central's own are in number_block
            case .paymentConfirmed(let payment):
                try await connection.query(
                    """
                    INSERT INTO payment(id, terminal, event, service, method, total_cents, kassenzeichen, mandate_reference,
                        masked_iban, confirmed_ms)
                    VALUES (\(payment.id.uuidString), \(event.terminal.rawValue), \(event.id.uuidString), \(payment.service.rawValue),
                        \(payment.method.rawValue), \(payment.total.cents), \(payment.kassenzeichen), \(payment.mandateReference),
                        \(payment.maskedIBAN), \(event.time.millisecondsSince1970))
                    ON CONFLICT (id) DO NOTHING
                    """, logger: logger)
            case .appointmentCheckedIn(let checkIn):
                // Tickets before it first, so that number clashes are seen in event order.
                try await insertTickets(connection, tickets, logger: logger)
                tickets = []
                try await projectCheckIn(connection, checkIn, terminal: event.terminal, at: event.time, logger: logger)
            }
        }
        try await insertTickets(connection, tickets, logger: logger)
        if !printStates.isEmpty {
            // In event order: the last word about a ticket's print wins, as when applied one by one.
            var last: [String: String] = [:]
            for entry in printStates { last[entry.ticket] = entry.state }
            try await connection.query(
                """
                UPDATE ticket SET print_state = v.state
                FROM UNNEST(\(Array(last.keys))::text[], \(Array(last.values))::text[]) AS v(id, state) WHERE ticket.id = v.id
                """, logger: logger)
        }
    }

    /// Adds walk-in tickets to the projection in one statement; numbers already taken are recorded as conflicts.
    static func insertTickets(_ connection: PostgresConnection, _ tickets: [(ticket: Ticket, terminal: String)], logger: Logger) async throws {
        if !tickets.isEmpty {
            // A number seen twice, already stored or earlier in this batch, is recorded: it means blocks overlapped.
            struct Key: Hashable { let queue: String, day: String, number: Int }
            let keys = tickets.map { Key(queue: $0.ticket.queue.rawValue, day: $0.ticket.day.iso, number: $0.ticket.number.value) }
            var seen = Set<Key>()
            for row in try await PGRows.all(
                connection.query(
                    """
                    SELECT t.queue, t.day, t.number FROM ticket t
                    JOIN UNNEST(\(keys.map(\.queue))::text[], \(keys.map(\.day))::text[], \(keys.map(\.number))::int8[]) AS k(queue, day, number)
                        ON t.queue = k.queue AND t.day = k.day AND t.number = k.number
                    """, logger: logger))
            {
                seen.insert(Key(queue: try row.string("queue"), day: try row.string("day"), number: try row.int("number")))
            }
            var clashes: [Ticket] = []
            for (index, key) in keys.enumerated() where !seen.insert(key).inserted { clashes.append(tickets[index].ticket) }
            if !clashes.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO number_conflict(ticket, queue, day, number)
                    SELECT * FROM UNNEST(\(clashes.map(\.id.uuidString))::text[], \(clashes.map(\.queue.rawValue))::text[],
                        \(clashes.map(\.day.iso))::text[], \(clashes.map(\.number.value))::int8[])
                    """, logger: logger)
            }
            try await connection.query(
                """
                INSERT INTO ticket(id, terminal, queue, service, day, prefix, number, issued_at_ms, origin, queued_at_ms)
                SELECT v.id, v.terminal, v.queue, v.service, v.day, v.prefix, v.number, v.issued, v.origin, v.issued
                FROM UNNEST(\(tickets.map(\.ticket.id.uuidString))::text[], \(tickets.map(\.terminal))::text[],
                    \(tickets.map(\.ticket.queue.rawValue))::text[], \(tickets.map(\.ticket.service.rawValue))::text[],
                    \(tickets.map(\.ticket.day.iso))::text[], \(tickets.map(\.ticket.number.prefix))::text[],
                    \(tickets.map(\.ticket.number.value))::int8[], \(tickets.map(\.ticket.issuedAt.millisecondsSince1970))::int8[],
                    \(tickets.map(\.ticket.origin.rawValue))::text[])
                    AS v(id, terminal, queue, service, day, prefix, number, issued, origin)
                """, logger: logger)
        }
    }

    public func grantBlock(terminal: TerminalID, request: BlockRequest, at now: Date) async throws -> NumberBlock {
        try await transaction("grant-block") { connection in
            let logger = self.logger
            if let row = try await PGRows.one(
                connection.query(
                    "SELECT queue, day, first, last FROM number_block WHERE request_id = \(request.requestID.uuidString) AND terminal = \(terminal.rawValue)",
                    logger: logger))
            {
                return NumberBlock(
                    queue: QueueID(rawValue: try row.string("queue")), day: BusinessDay(iso: try row.string("day"))!,
                    first: try row.int("first"), last: try row.int("last"))
            }
            // One atomic statement moves the highest number on, so concurrent grants never overlap.
            let highest = try await PGRows.one(
                connection.query(
                    """
                    INSERT INTO number_grant(queue, day, highest) VALUES (\(request.queue.rawValue), \(request.day.iso), \(request.count))
                    ON CONFLICT (queue, day) DO UPDATE SET highest = number_grant.highest + EXCLUDED.highest
                    RETURNING highest
                    """, logger: logger))!.int("highest")
            let block = BlockGrantor(blockSize: request.count).grant(queue: request.queue, day: request.day, highestGranted: highest - request.count)
            try await connection.query(
                """
                INSERT INTO number_block(request_id, terminal, queue, day, first, last, granted_ms)
                VALUES (\(request.requestID.uuidString), \(terminal.rawValue), \(request.queue.rawValue), \(request.day.iso),
                    \(block.first), \(block.last), \(now.millisecondsSince1970))
                """, logger: logger)
            return block
        }
    }

    public func waitingCounts(day: BusinessDay) async throws -> [QueueID: Int] {
        try await read("waiting-counts") { client in
            var counts: [QueueID: Int] = [:]
            for row in try await PGRows.all(
                client.query("SELECT queue, COUNT(*) AS n FROM ticket WHERE day = \(day.iso) AND state = 'waiting' GROUP BY queue"))
            {
                counts[QueueID(rawValue: try row.string("queue"))] = try row.int("n")
            }
            return counts
        }
    }

    public func sealedAttachments(terminal: TerminalID) async throws -> [SealedAttachment] {
        try await read("sealed-attachments") { client in
            try await PGRows.all(
                client.query(
                    """
                    SELECT a.id, a.kind, a.sealed, e.sequence FROM sealed_attachment a JOIN event e ON e.id = a.event
                    WHERE a.terminal = \(terminal.rawValue) ORDER BY e.sequence, a.kind
                    """)
            ).map { row in
                var sealed = try row.cell("sealed").decode(ByteBuffer.self)
                return SealedAttachment(
                    id: UUID(uuidString: try row.string("id"))!, sequence: try row.int64("sequence"),
                    kind: SealedAttachment.Kind(rawValue: try row.string("kind"))!,
                    sealed: Data(sealed.readBytes(length: sealed.readableBytes) ?? []))
            }
        }
    }

    public func sealedAttachments(payment: UUID) async throws -> [SealedAttachment] {
        try await read("payment-attachments") { client in
            try await PGRows.all(
                client.query(
                    """
                    SELECT a.id, a.kind, a.sealed, e.sequence FROM payment p JOIN sealed_attachment a ON a.event = p.event
                    JOIN event e ON e.id = a.event WHERE p.id = \(payment.uuidString) ORDER BY a.kind
                    """)
            ).map { row in
                var sealed = try row.cell("sealed").decode(ByteBuffer.self)
                return SealedAttachment(
                    id: UUID(uuidString: try row.string("id"))!, sequence: try row.int64("sequence"),
                    kind: SealedAttachment.Kind(rawValue: try row.string("kind"))!,
                    sealed: Data(sealed.readBytes(length: sealed.readableBytes) ?? []))
            }
        }
    }

    public func paymentCount() async throws -> Int {
        try await read("payment-count") { client in
            try await PGRows.one(client.query("SELECT COUNT(*) AS n FROM payment"))?.int("n") ?? 0
        }
    }

    public func appliedThrough(_ terminal: TerminalID) async throws -> Int64 {
        try await read("applied-through") { client in
            try await PGRows.one(client.query("SELECT applied_through FROM terminal WHERE id = \(terminal.rawValue)"))?.int64("applied_through") ?? 0
        }
    }

    public func integrity() async throws -> StoreIntegrity {
        try await read("integrity") { client in
            let row = try await PGRows.one(
                client.query(
                    """
                    SELECT (SELECT COUNT(*) FROM event) AS events, (SELECT COUNT(*) FROM ticket) AS tickets,
                        (SELECT COUNT(*) FROM (SELECT DISTINCT queue, day, number FROM ticket) AS d) AS distinct_numbers,
                        (SELECT COUNT(*) FROM number_conflict) AS conflicts
                    """))!
            return StoreIntegrity(
                events: try row.int("events"), tickets: try row.int("tickets"), distinctNumbers: try row.int("distinct_numbers"),
                conflicts: try row.int("conflicts"))
        }
    }

    // MARK: Call signals

    public func callSignals() -> AsyncStream<Void> {
        signals.subscribe()
    }

    /// Keeps one connection listening on the call channel for the store's lifetime and wakes every
    /// subscriber on each notification; after a lost connection it listens again, and subscribers are woken
    /// every few seconds anyway so that a notification lost in between costs seconds, not a missed call.
    static func listen(client: PostgresClient, hub: SignalHub, logger: Logger) async {
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3))
                hub.wake()
            }
        }
        defer { ticker.cancel() }
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: callChannel) { notifications in
                        hub.wake()  // whatever happened while not listening
                        for try await _ in notifications { hub.wake() }
                    }
                }
            } catch {
                if Task.isCancelled { break }
                logger.warning("Listening for calls failed; retrying", metadata: ["kiosk.error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
        hub.finish()
    }
}

/// Fans one wake-up out to every open call stream.
final class SignalHub: @unchecked Sendable {
    // @unchecked: `continuations` is only touched under `lock`.
    private let lock = NSLock()
    private var continuations: [UUID: AsyncStream<Void>.Continuation] = [:]

    func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        lock.withLock { continuations[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.withLock { self.continuations[id] = nil }
        }
        continuation.yield()  // read once at the start
        return stream
    }

    func wake() {
        for continuation in lock.withLock({ Array(continuations.values) }) { continuation.yield() }
    }

    func finish() {
        for continuation in lock.withLock({ Array(continuations.values) }) { continuation.finish() }
    }
}

/// Rows of a result read into memory, with typed access by column name.
struct PGRows {
    let cells: [String: PostgresCell]

    init(_ row: PostgresRow) {
        var cells: [String: PostgresCell] = [:]
        for cell in row { cells[cell.columnName] = cell }
        self.cells = cells
    }

    static func all(_ rows: PostgresRowSequence) async throws -> [PGRows] {
        var result: [PGRows] = []
        for try await row in rows { result.append(PGRows(row)) }
        return result
    }

    static func one(_ rows: PostgresRowSequence) async throws -> PGRows? {
        try await all(rows).first
    }

    func cell(_ name: String) throws -> PostgresCell {
        guard let cell = cells[name] else { throw CentralStoreError(operation: "read", code: "no column \(name)") }
        return cell
    }

    func string(_ name: String) throws -> String { try cell(name).decode(String.self) }
    func optionalString(_ name: String) throws -> String? { try cell(name).decode(String?.self) }
    func int(_ name: String) throws -> Int { try cell(name).decode(Int.self) }
    func int64(_ name: String) throws -> Int64 { try cell(name).decode(Int64.self) }
    func optionalInt64(_ name: String) throws -> Int64? { try cell(name).decode(Int64?.self) }
}

public import Foundation
import KioskCore
import GRDB

/// An event waiting in (or sent from) the outbox.
public struct OutboxEntry: Sendable, Equatable {
    /// The terminal sequence number.
    public var sequence: Int64
    /// The event's id.
    public var id: UUID
    /// The event type.
    public var type: String
    /// The canonical JSON, exactly as it will be sent.
    public var body: Data
    /// When it was acknowledged by the central service, if it was.
    public var sentAt: Date?
}

/// How far the outbox is behind.
public struct OutboxBacklog: Sendable, Equatable {
    /// Events not yet acknowledged.
    public var pending: Int
    /// The time of the oldest pending event.
    public var oldestPending: Date?
    /// The highest sequence recorded.
    public var lastSequence: Int64
}

extension KioskStore {
    /// Appends an event with the next sequence number inside the caller's transaction.
    ///
    /// The counter lives in `terminal_state` rather than being derived from the outbox, so that purging
    /// sent events never lets a sequence number be reused.
    static func append(_ db: Database, terminal: TerminalID, id: UUID, time: Date, payload: EventPayload) throws -> KioskEvent {
        let last = Int64(try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM terminal_state WHERE key = 'last_sequence'")) ?? "0") ?? 0
        let event = KioskEvent(id: id, terminal: terminal, sequence: last + 1, time: time, payload: payload)
        try db.cachedStatement(sql: "INSERT INTO outbox(sequence, id, type, time_ms, body) VALUES (?, ?, ?, ?, ?)").execute(arguments: [event.sequence, id.uuidString, event.type, event.time.millisecondsSince1970, event.jsonData()])
        try db.cachedStatement(sql: "UPDATE terminal_state SET value = ? WHERE key = 'last_sequence'").execute(arguments: [String(event.sequence)])
        return event
    }

    /// The oldest unsent events in sequence order, at most `limit`.
    public func nextBatch(limit: Int) throws(StoreError) -> [OutboxEntry] {
        try storeOperation("read outbox") {
            try pool.read { db in
                try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM outbox WHERE sent_at_ms IS NULL ORDER BY sequence LIMIT ?"), arguments: [limit]
                ).map(Self.entry)
            }
        }
    }

    /// Marks every event up to and including `sequence` as acknowledged, and deletes the sealed signatures those
    /// events refer to (central has them now).
    public func markSent(upTo sequence: Int64, at now: Date) throws(StoreError) {
        try storeOperation("mark outbox sent") {
            try pool.write { db in
                try db.cachedStatement(sql: "UPDATE outbox SET sent_at_ms = ? WHERE sequence <= ? AND sent_at_ms IS NULL").execute(arguments: [now.millisecondsSince1970, sequence])
                try db.cachedStatement(sql: "DELETE FROM sealed_signature WHERE outbox_sequence <= ?").execute(arguments: [sequence])
            }
        }
    }

    /// Deletes acknowledged events sent before `cutoff`; returns how many were deleted.
    @discardableResult
    public func purgeSent(before cutoff: Date) throws(StoreError) -> Int {
        try storeOperation("purge outbox") {
            try pool.write { db in
                try db.cachedStatement(sql: "DELETE FROM outbox WHERE sent_at_ms IS NOT NULL AND sent_at_ms < ?").execute(arguments: [cutoff.millisecondsSince1970])
                return db.changesCount
            }
        }
    }

    /// When the central service last acknowledged an event (the newest `sent_at`); nil before the first, or once
    /// acknowledged events have been purged.
    public func lastAcknowledgedAt() throws(StoreError) -> Date? {
        try storeOperation("read outbox") {
            try pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT MAX(sent_at_ms) FROM outbox").map(Date.init(millisecondsSince1970:))
            }
        }
    }

    /// Pending count, oldest pending time and last sequence.
    public func backlog() throws(StoreError) -> OutboxBacklog {
        try storeOperation("read outbox") {
            try pool.read { db in
                let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) AS n, MIN(time_ms) AS oldest FROM outbox WHERE sent_at_ms IS NULL"))
                let last = Int64(try String.fetchOne(try db.cachedStatement(sql: "SELECT value FROM terminal_state WHERE key = 'last_sequence'")) ?? "0") ?? 0
                let oldest: Int64? = row?["oldest"]
                return OutboxBacklog(pending: row?["n"] ?? 0, oldestPending: oldest.map(Date.init(millisecondsSince1970:)), lastSequence: last)
            }
        }
    }

    /// All outbox entries in sequence order (sent and unsent); for checks and diagnostics.
    public func allOutboxEntries() throws(StoreError) -> [OutboxEntry] {
        try storeOperation("read outbox") {
            try pool.read { db in try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM outbox ORDER BY sequence")).map(Self.entry) }
        }
    }

    static func entry(_ row: Row) -> OutboxEntry {
        let sent: Int64? = row["sent_at_ms"]
        return OutboxEntry(
            sequence: row["sequence"], id: UUID(uuidString: row["id"])!, type: row["type"], body: row["body"],
            sentAt: sent.map(Date.init(millisecondsSince1970:)))
    }
}

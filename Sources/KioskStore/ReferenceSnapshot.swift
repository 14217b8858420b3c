public import Foundation
import GRDB
import KioskCore
public import KioskSealing

/// The central service's reference data as last received: raw bytes and the ETag they came with.
public struct StoredSnapshot: Sendable, Equatable {
    /// The ETag, for the next conditional request.
    public var etag: String?
    /// The JSON body.
    public var body: Data
    /// When it was fetched.
    public var fetchedAt: Date
}

extension KioskStore {
    /// Keeps the latest snapshot (replacing the previous one).
    public func saveSnapshot(body: Data, etag: String?, at now: Date) throws(StoreError) {
        try storeOperation("save snapshot") {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO reference_snapshot(key, etag, body, fetched_ms) VALUES ('terminal', ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, body = excluded.body, fetched_ms = excluded.fetched_ms
                        """, arguments: [etag, body, now.millisecondsSince1970])
            }
        }
    }

    /// The latest snapshot, if any was ever received.
    public func latestSnapshot() throws(StoreError) -> StoredSnapshot? {
        try storeOperation("read snapshot") {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT etag, body, fetched_ms FROM reference_snapshot WHERE key = 'terminal'").map {
                    StoredSnapshot(etag: $0["etag"], body: $0["body"], fetchedAt: Date(millisecondsSince1970: $0["fetched_ms"]))
                }
            }
        }
    }
}

/// Only the sealing key of a stored snapshot: read without decoding the catalog and appointments into values.
private struct SnapshotSealingKey: Decodable {
    var sealingKey: String?
}

extension KioskStore {
    /// Central's public sealing key from the latest snapshot; nil before the first snapshot or from a central
    /// without one (a standalone terminal), and nil (not an error) when the stored key is not a valid one.
    public func centralSealingKey() throws(StoreError) -> SealingPublicKey? {
        guard let snapshot = try latestSnapshot() else { return nil }
        guard let base64 = (try? JSONDecoder().decode(SnapshotSealingKey.self, from: snapshot.body))?.sealingKey else { return nil }
        return try? SealingPublicKey(base64: base64)
    }
}

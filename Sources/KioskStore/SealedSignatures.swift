public import Foundation
public import KioskCore
public import KioskSealing
import GRDB

extension KioskStore {
    /// Seals `signature` (its JSON container, `SignatureContainer`) to central's key and keeps it until the outbox
    /// event `outboxSequence` is acknowledged; only the sealed bytes reach the database file, and this terminal
    /// cannot open them again.
    public func keepSignature(
        _ signature: CapturedSignature, id: UUID, outboxSequence: Int64, sealedTo central: SealingPublicKey, at now: Date
    ) throws(StoreError) {
        let sealed = try Self.seal(SignatureContainer.encode(signature), id: id, to: central)
        try storeOperation("keep signature") {
            try pool.write { db in
                try db.cachedStatement(
                    sql: "INSERT INTO sealed_signature(id, outbox_sequence, sealed, created_ms) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [id.uuidString, outboxSequence, sealed, now.millisecondsSince1970])
            }
        }
    }

    /// The sealed bytes kept under `id` (any kind), exactly as they will travel; nil when there are none (or they
    /// were deleted after the acknowledgement).
    public func sealedBytes(id: UUID) throws(StoreError) -> Data? {
        try storeOperation("read sealed bytes") {
            try pool.read { db in
                try Data.fetchOne(try db.cachedStatement(sql: "SELECT sealed FROM sealed_signature WHERE id = ?"), arguments: [id.uuidString])
            }
        }
    }

    /// How many sealed signatures are waiting for central.
    public func keptSignatureCount() throws(StoreError) -> Int {
        try storeOperation("count signatures") {
            try pool.read { db in try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM sealed_signature WHERE kind = 'signature'")) ?? 0 }
        }
    }

    /// Seals personal bytes (a signature's container, a mandate's IBAN) of row `id` to central's key.
    static func seal(_ plain: Data, id: UUID, to central: SealingPublicKey) throws(StoreError) -> Data {
        do {
            return try central.seal(plain, id: id)
        } catch {
            throw StoreError(.io, operation: "seal")
        }
    }
}

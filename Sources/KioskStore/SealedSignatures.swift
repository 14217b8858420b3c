import Crypto
public import Foundation
public import KioskCore
import GRDB

extension KioskStore {
    /// Seals `signature` (its JSON container, `SignatureContainer`) with `key` and keeps it until the outbox
    /// event `outboxSequence` is acknowledged; only the sealed bytes reach the database file.
    public func keepSignature(
        _ signature: CapturedSignature, id: UUID, outboxSequence: Int64, key: SignatureKey, at now: Date
    ) throws(StoreError) {
        let sealed = try Self.seal(signature, id: id, key: key)
        try storeOperation("keep signature") {
            try pool.write { db in
                try db.cachedStatement(
                    sql: "INSERT INTO sealed_signature(id, outbox_sequence, sealed, created_ms) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [id.uuidString, outboxSequence, sealed, now.millisecondsSince1970])
            }
        }
    }

    /// The signature kept under `id`, opened with `key`; nil when there is none (or it was deleted after the
    /// acknowledgement). Throws when the sealed bytes do not open with this key.
    public func signature(id: UUID, key: SignatureKey) throws(StoreError) -> CapturedSignature? {
        let sealed = try storeOperation("read signature") {
            try pool.read { db in
                try Data.fetchOne(try db.cachedStatement(sql: "SELECT sealed FROM sealed_signature WHERE id = ?"), arguments: [id.uuidString])
            }
        }
        guard let sealed else { return nil }
        do {
            let box = try ChaChaPoly.SealedBox(combined: sealed)
            let plain = try ChaChaPoly.open(box, using: key.key, authenticating: Data(id.uuidString.utf8))
            return try SignatureContainer.decode(plain)
        } catch {
            // No detail: the reason could only be a wrong key or damaged bytes, and the content is personal.
            throw StoreError(.unreadableContent, operation: "open signature")
        }
    }

    /// How many sealed signatures are waiting for central.
    public func keptSignatureCount() throws(StoreError) -> Int {
        try storeOperation("count signatures") {
            try pool.read { db in try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM sealed_signature WHERE kind = 'signature'")) ?? 0 }
        }
    }

    /// The sealed form: ChaChaPoly's combined nonce, ciphertext and tag, the row id authenticated with it so a
    /// sealed value cannot be moved to another row.
    static func seal(_ signature: CapturedSignature, id: UUID, key: SignatureKey) throws(StoreError) -> Data {
        try seal(SignatureContainer.encode(signature), id: id, key: key)
    }

    /// Seals any personal bytes the same way (a mandate's IBAN).
    static func seal(_ plain: Data, id: UUID, key: SignatureKey) throws(StoreError) -> Data {
        do {
            return try ChaChaPoly.seal(plain, using: key.key, authenticating: Data(id.uuidString.utf8)).combined
        } catch {
            throw StoreError(.io, operation: "seal")
        }
    }

    /// Opens sealed bytes of row `id`; throws without detail when they do not open with `key`.
    static func open(_ sealed: Data, id: UUID, key: SignatureKey) throws(StoreError) -> Data {
        do {
            return try ChaChaPoly.open(ChaChaPoly.SealedBox(combined: sealed), using: key.key, authenticating: Data(id.uuidString.utf8))
        } catch {
            throw StoreError(.unreadableContent, operation: "open sealed")
        }
    }
}

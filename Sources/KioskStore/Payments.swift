public import Foundation
public import KioskCore
public import KioskSealing
import GRDB

/// What a SEPA mandate adds to a payment: the signature and the full IBAN, both sealed to central's key before
/// they are written.
public struct MandateData: Sendable {
    /// The citizen's signature from the pad.
    public var signature: CapturedSignature
    /// The debtor's IBAN.
    public var iban: IBAN
    /// Central's public key (from the reference snapshot) both are sealed to.
    public var central: SealingPublicKey

    /// Creates the mandate's data.
    public init(signature: CapturedSignature, iban: IBAN, central: SealingPublicKey) {
        self.signature = signature
        self.iban = iban
        self.central = central
    }
}

/// The outcome of confirming a payment.
public enum PaymentCommit: Sendable, Equatable {
    /// Committed now, with its outbox event.
    case confirmed(KioskEvent)
    /// This payment key was confirmed before (a double tap): nothing new was written; the first event.
    case alreadyConfirmed(KioskEvent)
}

extension KioskStore {
    /// Commits a confirmed payment in one transaction: the payment row (its key unique), the `payment.confirmed`
    /// event and, for a mandate, the sealed signature and IBAN tied to that event. Either all of it is written or
    /// nothing; a key already confirmed writes nothing and returns the first event.
    ///
    /// The confirmation's `signature` and `sealedIBAN` ids are the sealed rows' ids; they must be set exactly when
    /// `mandate` is given.
    public func confirmPayment(_ confirmation: PaymentConfirmation, mandate: MandateData?, at now: Date) throws(StoreError) -> PaymentCommit {
        precondition(
            (mandate == nil) == (confirmation.signature == nil && confirmation.sealedIBAN == nil),
            "a mandate's sealed rows and the payment's attachment ids go together")
        // Sealing happens outside the write transaction: it is CPU work and the writer lock is shared.
        var sealed: [(UUID, SealedAttachment.Kind, Data)] = []
        if let mandate, let signatureID = confirmation.signature, let ibanID = confirmation.sealedIBAN {
            sealed.append((signatureID, .signature, try Self.seal(SignatureContainer.encode(mandate.signature), id: signatureID, to: mandate.central)))
            sealed.append((ibanID, .iban, try Self.seal(Data(mandate.iban.electronic.utf8), id: ibanID, to: mandate.central)))
        }
        let terminal = self.terminal
        return try storeOperation("confirm payment") {
            try pool.write { db -> PaymentCommit in
                if let sequence = try Int64.fetchOne(
                    try db.cachedStatement(sql: "SELECT outbox_sequence FROM payment WHERE id = ?"), arguments: [confirmation.id.uuidString])
                {
                    let body = try Data.fetchOne(try db.cachedStatement(sql: "SELECT body FROM outbox WHERE sequence = ?"), arguments: [sequence])
                    guard let body, let event = try? KioskEvent(jsonData: body) else {
                        throw StoreError(.unreadableContent, operation: "read confirmed payment")
                    }
                    return .alreadyConfirmed(event)
                }
                let event = try Self.append(db, terminal: terminal, id: UUID(), time: now, payload: .paymentConfirmed(confirmation))
                try db.cachedStatement(
                    sql: """
                        INSERT INTO payment(id, outbox_sequence, service, method, total_cents, kassenzeichen, mandate_reference,
                            masked_iban, confirmed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: [
                    confirmation.id.uuidString, event.sequence, confirmation.service.rawValue, confirmation.method.rawValue,
                    confirmation.total.cents, confirmation.kassenzeichen, confirmation.mandateReference, confirmation.maskedIBAN,
                    now.millisecondsSince1970,
                ])
                for (id, kind, bytes) in sealed {
                    try db.cachedStatement(
                        sql: "INSERT INTO sealed_signature(id, outbox_sequence, sealed, created_ms, kind) VALUES (?, ?, ?, ?, ?)"
                    ).execute(arguments: [id.uuidString, event.sequence, bytes, now.millisecondsSince1970, kind.rawValue])
                }
                return .confirmed(event)
            }
        }
    }

    /// How many payments this terminal has confirmed (for checks).
    public func paymentCount() throws(StoreError) -> Int {
        try storeOperation("count payments") {
            try pool.read { db in try Int.fetchOne(try db.cachedStatement(sql: "SELECT COUNT(*) FROM payment")) ?? 0 }
        }
    }

    /// The sealed rows that belong to events `first...last`, as they travel to central beside those events.
    public func sealedAttachments(from first: Int64, through last: Int64) throws(StoreError) -> [SealedAttachment] {
        try storeOperation("read sealed attachments") {
            try pool.read { db in
                try Row.fetchAll(
                    try db.cachedStatement(
                        sql: "SELECT id, outbox_sequence, kind, sealed FROM sealed_signature WHERE outbox_sequence BETWEEN ? AND ? ORDER BY outbox_sequence, kind"),
                    arguments: [first, last]
                ).compactMap { row in
                    guard let id = UUID(uuidString: row["id"]), let kind = SealedAttachment.Kind(rawValue: row["kind"]) else { return nil }
                    return SealedAttachment(id: id, sequence: row["outbox_sequence"], kind: kind, sealed: row["sealed"])
                }
            }
        }
    }
}

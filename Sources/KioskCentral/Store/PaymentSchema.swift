/// The tables of confirmed payments and the sealed data that came with them, the same for both backends but for
/// types.
enum PaymentSchema {
    /// SQLite (STRICT tables).
    static let sqlite = """
        -- Payments as the terminals confirmed them: fee total, method, Kassenzeichen; the IBAN only masked.
        CREATE TABLE payment (
            id TEXT PRIMARY KEY NOT NULL,
            terminal TEXT NOT NULL,
            event TEXT NOT NULL,
            service TEXT NOT NULL,
            method TEXT NOT NULL,
            total_cents INTEGER NOT NULL,
            kassenzeichen TEXT NOT NULL,
            mandate_reference TEXT,
            masked_iban TEXT,
            confirmed_ms INTEGER NOT NULL
        ) STRICT;
        -- A mandate's signature and IBAN as the terminal sealed them; stored as received, never opened here.
        CREATE TABLE sealed_attachment (
            id TEXT PRIMARY KEY NOT NULL,
            terminal TEXT NOT NULL,
            event TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('signature', 'iban')),
            sealed BLOB NOT NULL,
            received_ms INTEGER NOT NULL
        ) STRICT;
        """

    /// PostgreSQL, one statement each.
    static let postgres = [
        """
        CREATE TABLE payment (
            id TEXT PRIMARY KEY,
            terminal TEXT NOT NULL,
            event TEXT NOT NULL,
            service TEXT NOT NULL,
            method TEXT NOT NULL,
            total_cents BIGINT NOT NULL,
            kassenzeichen TEXT NOT NULL,
            mandate_reference TEXT,
            masked_iban TEXT,
            confirmed_ms BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE sealed_attachment (
            id TEXT PRIMARY KEY,
            terminal TEXT NOT NULL,
            event TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('signature', 'iban')),
            sealed BYTEA NOT NULL,
            received_ms BIGINT NOT NULL
        )
        """,
    ]

    /// The attachments of `events` that may be stored: each must belong to an event of the batch whose payment
    /// names it under its kind. Throws `strayAttachment` for any other.
    static func matched(_ attachments: [SealedAttachment], events: [KioskEvent]) throws(IngestRefusal) -> [(SealedAttachment, KioskEvent)] {
        let bySequence = Dictionary(events.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        return try attachments.map { attachment throws(IngestRefusal) in
            guard let event = bySequence[attachment.sequence], case .paymentConfirmed(let payment) = event.payload else {
                throw IngestRefusal.strayAttachment
            }
            let named =
                switch attachment.kind {
                case .signature: payment.signature
                case .iban: payment.sealedIBAN
                }
            guard named == attachment.id else { throw IngestRefusal.strayAttachment }
            return (attachment, event)
        }
    }
}

import KioskCore

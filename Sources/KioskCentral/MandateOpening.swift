public import Foundation
public import KioskCore
public import KioskSealing

/// A SEPA mandate's personal data as central opens it for staff: the signature and the debtor's full IBAN.
public struct OpenedMandate: Sendable, Equatable {
    /// The signature as captured on the pad (its container's content).
    public var signature: CapturedSignature
    /// The debtor's IBAN.
    public var iban: IBAN
}

/// Why a mandate could not be opened; says nothing about the content.
public struct MandateOpeningError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case noMandate
        case sealing(SealingError)
        case unreadable
        case store
    }

    let code: Code

    /// The sealing error underneath, when the sealed bytes did not open (wrong key, damaged).
    public var sealing: SealingError? {
        if case .sealing(let error) = code { return error }
        return nil
    }

    /// What happened and what to do, in German and English.
    public var message: Message {
        switch code {
        case .noMandate:
            return Message(
                de: "Zu dieser Zahlung ist kein SEPA-Mandat gespeichert (Zahlungsnummer prüfen; das Terminal hat es vielleicht noch nicht gesendet).",
                en: "No SEPA mandate is stored for this payment (check the payment id; the terminal may not have sent it yet).")
        case .sealing(let error):
            return error.message
        case .unreadable:
            return Message(
                de: "Die geöffneten Mandatsdaten sind in keinem bekannten Format.", en: "The opened mandate data is in no known format.")
        case .store:
            return Message(
                de: "Die Datenbank der Zentrale ist nicht erreichbar; später erneut versuchen.",
                en: "Central's database is unreachable; try again later.")
        }
    }

    /// German, then English.
    public var description: String { message.description }
}

/// Opens the signature and IBAN a terminal sealed to central's key for a payment.
public enum MandateOpening {
    /// The mandate of `payment` (its key, as in the `payment.confirmed` event and the Kassenzeichen), opened with
    /// central's private sealing key.
    public static func open(payment: UUID, store: any CentralStore, key: SealingPrivateKey) async throws(MandateOpeningError)
        -> OpenedMandate
    {
        let attachments: [SealedAttachment]
        do {
            attachments = try await store.sealedAttachments(payment: payment)
        } catch {
            throw MandateOpeningError(code: .store)
        }
        guard let signature = attachments.first(where: { $0.kind == .signature }),
            let iban = attachments.first(where: { $0.kind == .iban })
        else { throw MandateOpeningError(code: .noMandate) }
        let container: Data
        let ibanText: Data
        do {
            container = try key.open(signature.sealed, id: signature.id)
            ibanText = try key.open(iban.sealed, id: iban.id)
        } catch {
            throw MandateOpeningError(code: .sealing(error))
        }
        do {
            return OpenedMandate(
                signature: try SignatureContainer.decode(container), iban: try IBAN(String(decoding: ibanText, as: UTF8.self)))
        } catch {
            throw MandateOpeningError(code: .unreadable)
        }
    }
}

import Foundation
import KioskCentral
import KioskCore
import Testing

/// Payments and their sealed attachments in central's store, on this run's backend (SQLite, or PostgreSQL under
/// scripts/test.sh's second run).
@Suite(.timeLimit(.minutes(2))) struct PaymentCentralTests {
    let terminal = TerminalID(rawValue: "t-pay")

    func payment(signature: UUID, iban: UUID) -> PaymentConfirmation {
        PaymentConfirmation(
            id: UUID(), service: ServiceID(rawValue: "meldebescheinigung"),
            items: [PaidFee(id: "meldebescheinigung", name: "Meldebescheinigung", amount: Money(cents: 1000))],
            method: .sepaDirectDebit, kassenzeichen: "20261123-ABC", mandateReference: "RK1", maskedIBAN: "DE … 3000",
            signature: signature, sealedIBAN: iban)
    }

    @Test func attachmentsAreStoredWithTheirEventOnceAndStrayOnesRefused() async throws {
        let store = try await StoreBackend.makeStore()
        let signature = UUID()
        let iban = UUID()
        let event = KioskEvent(id: UUID(), terminal: terminal, sequence: 1, time: Date(), payload: .paymentConfirmed(payment(signature: signature, iban: iban)))
        let attachments = [
            SealedAttachment(id: signature, sequence: 1, kind: .signature, sealed: Data([9, 8, 7, 6])),
            SealedAttachment(id: iban, sequence: 1, kind: .iban, sealed: Data([1, 2, 3])),
        ]
        let result = try await store.ingest(terminal: terminal, events: [event], attachments: attachments, at: Date())
        #expect(result.appliedThrough == 1)
        #expect(try await store.paymentCount() == 1)
        #expect(Set(try await store.sealedAttachments(terminal: terminal).map(\.id)) == [signature, iban])
        #expect(try await store.sealedAttachments(terminal: terminal).first { $0.kind == .signature }?.sealed == Data([9, 8, 7, 6]))

        // A resend (the terminal missed the answer) is acknowledged and stores nothing twice.
        let again = try await store.ingest(terminal: terminal, events: [event], attachments: attachments, at: Date())
        #expect(again.duplicates == 1)
        #expect(try await store.sealedAttachments(terminal: terminal).count == 2)
        #expect(try await store.paymentCount() == 1)

        // An attachment its event does not name is refused, and the batch with it is not applied.
        let next = KioskEvent(id: UUID(), terminal: terminal, sequence: 2, time: Date(), payload: .paymentConfirmed(payment(signature: UUID(), iban: UUID())))
        await #expect(throws: IngestRefusal.strayAttachment) {
            try await store.ingest(
                terminal: terminal, events: [next], attachments: [SealedAttachment(id: UUID(), sequence: 2, kind: .signature, sealed: Data([1]))],
                at: Date())
        }
        #expect(try await store.appliedThrough(terminal) == 1)
    }
}

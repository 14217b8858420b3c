import Foundation
import KioskCore
import KioskSealing
import Testing

@testable import KioskStore

/// Payments in the terminal's store: one transaction, once per key, the mandate's data sealed and gone after the
/// acknowledgement.
@Suite struct PaymentStoreTests {
    let directory = TemporaryDirectory()
    let central = SealingPrivateKey()
    static let iban = try! IBAN("DE89370400440532013000")

    func store() throws -> (KioskStore, String) {
        let path = directory.path("kiosk.sqlite")
        return (try KioskStore(path: path, terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger), path)
    }

    func confirmation(method: PaymentMethod = .cashAtKasse, id: UUID = UUID(), mandate: Bool = false) -> PaymentConfirmation {
        PaymentConfirmation(
            id: id, service: ServiceID(rawValue: "meldebescheinigung"),
            items: [PaidFee(id: "meldebescheinigung", name: "Meldebescheinigung", amount: Money(cents: 1000))], method: method,
            kassenzeichen: "20261123-ABC", mandateReference: mandate ? "RK1" : nil, maskedIBAN: mandate ? Self.iban.masked : nil,
            signature: mandate ? UUID() : nil, sealedIBAN: mandate ? UUID() : nil)
    }

    @Test func theSameKeyConfirmedTwicePaysOnce() throws {
        let (store, _) = try store()
        let payment = confirmation()
        guard case .confirmed(let first) = try store.confirmPayment(payment, mandate: nil, at: StoreFixtures.monday) else {
            Issue.record("the first confirmation must commit")
            return
        }
        #expect(try store.confirmPayment(payment, mandate: nil, at: StoreFixtures.monday.addingTimeInterval(1)) == .alreadyConfirmed(first))
        #expect(try store.paymentCount() == 1)
        #expect(try store.allOutboxEntries().map(\.type) == ["payment.confirmed"])
        // Another key is another payment.
        _ = try store.confirmPayment(confirmation(), mandate: nil, at: StoreFixtures.monday)
        #expect(try store.paymentCount() == 2)
    }

    @Test func aMandateIsSealedAndNeverInTheFileInClearThenGoneAfterTheAck() throws {
        let (store, path) = try store()
        let payment = confirmation(method: .sepaDirectDebit, mandate: true)
        let mandate = MandateData(signature: SealedSignatureTests.signature, iban: Self.iban, central: central.publicKey)
        guard case .confirmed(let event) = try store.confirmPayment(payment, mandate: mandate, at: StoreFixtures.monday) else {
            Issue.record("the confirmation must commit")
            return
        }
        #expect(try SealedSignatureTests.opened(store, id: payment.signature!, with: central) == SealedSignatureTests.signature)
        let sealedIBAN = try #require(try store.sealedBytes(id: payment.sealedIBAN!))
        #expect(try central.open(sealedIBAN, id: payment.sealedIBAN!) == Data(Self.iban.electronic.utf8))
        let attachments = try store.sealedAttachments(from: 1, through: event.sequence)
        #expect(attachments.map(\.kind) == [.iban, .signature])
        #expect(attachments.allSatisfy { $0.sequence == event.sequence })

        var bytes = Data()
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        #expect(bytes.range(of: Data("370400440532013000".utf8)) == nil, "the IBAN in clear")
        #expect(bytes.range(of: SignatureContainer.encode(SealedSignatureTests.signature)) == nil)
        #expect(bytes.range(of: Data("[1234,2345,321,0]".utf8)) == nil)
        #expect(bytes.range(of: Data("DE … 3000".utf8)) != nil, "the masked IBAN is stored, so the search can find what is there")

        try store.markSent(upTo: event.sequence, at: StoreFixtures.monday)
        #expect(try store.keptSignatureCount() == 0)
        #expect(try store.sealedBytes(id: payment.signature!) == nil)
        #expect(try store.sealedBytes(id: payment.sealedIBAN!) == nil)
        #expect(try store.sealedAttachments(from: 1, through: event.sequence).isEmpty)
    }
}

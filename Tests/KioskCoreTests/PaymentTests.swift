import Foundation
import Testing
@testable import KioskCore

/// IBAN checks, the payment event's wire form and batches with sealed attachments.
@Suite struct PaymentTests {
    @Test(arguments: ["DE89370400440532013000", "de89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "AT611904300234573201"])
    func validIBANsAreAccepted(typed: String) throws {
        let iban = try IBAN(typed)
        #expect(iban.electronic == typed.uppercased().replacingOccurrences(of: " ", with: ""))
    }

    @Test func aTypingErrorFailsTheCheckDigits() {
        // One digit changed, and two neighbours swapped: mod 97 catches both.
        #expect(throws: IBAN.Problem.checksum) { try IBAN("DE89370400440532013001") }
        #expect(throws: IBAN.Problem.checksum) { try IBAN("DE89370400440532010300") }
    }

    @Test func wrongLengthStartAndCharactersAreSaidApart() {
        #expect(throws: IBAN.Problem.wrongLength(expected: 22)) { try IBAN("DE8937040044053201300") }
        #expect(throws: IBAN.Problem.malformedStart) { try IBAN("8937040044053201300") }
        #expect(throws: IBAN.Problem.invalidCharacters) { try IBAN("DE89-3704-0044-0532-0130-00") }
    }

    @Test func theIBANNeverShowsWholeWhenInterpolated() throws {
        let iban = try IBAN("DE89370400440532013000")
        #expect("\(iban)" == "DE … 3000")
        #expect(!"\(iban)".contains("37040044"))
        #expect(!String(reflecting: iban.masked).contains("0532"))
    }

    static let confirmation = PaymentConfirmation(
        id: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!, service: ServiceID(rawValue: "reisepass"),
        items: [PaidFee(id: "reisepass-ab-24", name: "Reisepass", amount: Money(cents: 7000)), PaidFee(id: "express", name: "Express", amount: Money(cents: 3200))],
        method: .sepaDirectDebit, kassenzeichen: "20261123-6F9619FF8B86", mandateReference: "RK6F9619FF8B86D011B42D00C04FC964FF",
        maskedIBAN: "DE … 3000", signature: UUID(), sealedIBAN: UUID())

    @Test func thePaymentEventRoundTripsAndCarriesNoIBAN() throws {
        #expect(Self.confirmation.total == Money(cents: 10200))
        let event = KioskEvent(id: UUID(), terminal: TerminalID(rawValue: "t1"), sequence: 3, time: Date(), payload: .paymentConfirmed(Self.confirmation))
        #expect(event.type == "payment.confirmed")
        let json = event.jsonData()
        #expect(try KioskEvent(jsonData: json) == event)
        #expect(String(decoding: json, as: UTF8.self).contains("\"method\":\"sepa-direct-debit\""))
        #expect(!String(decoding: json, as: UTF8.self).contains("370400440532013000"))
    }

    @Test func kassenzeichenAndMandateReferenceFollowTheKey() {
        let id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
        #expect(PaymentConfirmation.kassenzeichen(id: id, day: BusinessDay(year: 2026, month: 3, day: 4)) == "20260304-6F9619FF8B86")
        let reference = PaymentConfirmation.mandateReference(id: id)
        #expect(reference.count == 32, "SEPA allows 35; 32 fit a line of 58 mm paper")
        #expect(reference == "RK6F9619FF8B86D011B42D00C04FC964")
    }

    @Test func aBatchWithoutAttachmentsEncodesAsBeforeAndOneWithThemRoundTrips() throws {
        let event = KioskEvent(id: UUID(), terminal: TerminalID(rawValue: "t1"), sequence: 1, time: Date(), payload: .paymentConfirmed(Self.confirmation))
        let plain = String(decoding: try JSONEncoder().encode(EventBatch(events: [event])), as: UTF8.self)
        #expect(!plain.contains("attachments"))
        let attached = EventBatch(
            events: [event], attachments: [SealedAttachment(id: Self.confirmation.signature!, sequence: 1, kind: .signature, sealed: Data([1, 2, 3]))])
        #expect(try JSONDecoder().decode(EventBatch.self, from: try JSONEncoder().encode(attached)) == attached)
        #expect(try JSONDecoder().decode(EventBatch.self, from: Data(plain.utf8)).attachments.isEmpty)
    }
}

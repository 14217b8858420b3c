public import Foundation

/// One fee position as it was confirmed and sent: the catalog's fee id, its name and amount at that moment.
public struct PaidFee: Hashable, Sendable, Codable {
    /// The fee's id in the service catalog.
    public var id: String
    /// The German name as printed (central books it under this name).
    public var name: String
    /// The amount of one.
    public var amount: Money
    /// How many, at least 1.
    public var quantity: Int

    /// A position.
    public init(id: String, name: String, amount: Money, quantity: Int = 1) {
        self.id = id
        self.name = name
        self.amount = amount
        self.quantity = max(1, quantity)
    }

    /// A position for a fee of the catalog.
    public init(fee: FeeItem, quantity: Int = 1) {
        self.init(id: fee.id, name: fee.name[.german], amount: fee.amount, quantity: quantity)
    }
}

/// A fee the citizen confirmed at the terminal: the `payment.confirmed` event's payload.
///
/// Carries no personal data in clear: the IBAN of a SEPA mandate only masked, its full form and the signature as
/// sealed attachments (ids here) that travel beside the event and are deleted on the terminal once acknowledged.
public struct PaymentConfirmation: Hashable, Sendable, Codable {
    /// The payment's key, chosen when the confirmation screen opens: a second confirm with it pays nothing more.
    public var id: UUID
    /// The service the fees belong to.
    public var service: ServiceID
    /// The positions.
    public var items: [PaidFee]
    /// How the citizen pays.
    public var method: PaymentMethod
    /// The sum of the positions.
    public var total: Money
    /// The reference the town books the payment under.
    public var kassenzeichen: String
    /// The SEPA mandate reference, for a direct debit.
    public var mandateReference: String?
    /// The debtor's IBAN, masked ("DE … 3000"), for a direct debit.
    public var maskedIBAN: String?
    /// The sealed signature's attachment id, for a direct debit.
    public var signature: UUID?
    /// The sealed full IBAN's attachment id, for a direct debit.
    public var sealedIBAN: UUID?

    /// A confirmation; the total is the positions' sum.
    public init(
        id: UUID, service: ServiceID, items: [PaidFee], method: PaymentMethod, kassenzeichen: String,
        mandateReference: String? = nil, maskedIBAN: String? = nil, signature: UUID? = nil, sealedIBAN: UUID? = nil
    ) {
        self.id = id
        self.service = service
        self.items = items
        self.method = method
        total = items.reduce(.zero) { $0 + Money(cents: $1.amount.cents * $1.quantity) }
        self.kassenzeichen = kassenzeichen
        self.mandateReference = mandateReference
        self.maskedIBAN = maskedIBAN
        self.signature = signature
        self.sealedIBAN = sealedIBAN
    }

    /// The Kassenzeichen for a payment: the day and the first twelve hex digits of its key ("20261123-6F9619FF8B86"),
    /// unique per terminal and readable over the counter.
    public static func kassenzeichen(id: UUID, day: BusinessDay) -> String {
        let month = day.month < 10 ? "0\(day.month)" : "\(day.month)"
        let dayOfMonth = day.day < 10 ? "0\(day.day)" : "\(day.day)"
        let hex = id.uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
        return "\(day.year)\(month)\(dayOfMonth)-\(hex)"
    }

    /// The SEPA mandate reference: "RK" and the first 30 hex digits of the payment key (32 characters: SEPA allows
    /// 35, and 32 fit one line of 58 mm paper), so that it is unique without a counter.
    public static func mandateReference(id: UUID) -> String {
        "RK" + id.uuidString.replacingOccurrences(of: "-", with: "").prefix(30)
    }
}

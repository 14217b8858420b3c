/// How a citizen paid at the terminal.
public enum PaymentMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// German debit card scheme.
    case girocard
    /// Credit card (Visa, Mastercard ...).
    case creditCard = "credit-card"
    /// Notes and coins, at terminals with a cash unit.
    case cash
    /// By card at the counter's card terminal: the kiosk confirms the fee, the clerk takes the card.
    case cardAtCounter = "card-at-counter"
    /// In cash at the town's cash desk (Kasse), with the receipt's Kassenzeichen.
    case cashAtKasse = "cash-at-kasse"
    /// SEPA direct debit: the citizen gives a mandate with IBAN and signature.
    case sepaDirectDebit = "sepa-direct-debit"

    /// The key of the method's name in the screen and printout texts.
    public var textKey: String {
        switch self {
        case .girocard: "payment.method.girocard"
        case .creditCard: "payment.method.creditCard"
        case .cash: "payment.method.cash"
        case .cardAtCounter: "payment.method.cardAtCounter"
        case .cashAtKasse: "payment.method.cashAtKasse"
        case .sepaDirectDebit: "payment.method.sepa"
        }
    }

    /// Whether the method needs the citizen's signature (a SEPA mandate does).
    public var needsSignature: Bool { self == .sepaDirectDebit }
}

/// One position of a receipt: what was paid for, how often, and at what price.
public struct ReceiptLine: Hashable, Sendable {
    /// What the position is for, as printed.
    public var description: LocalizedText
    /// How many, at least 1.
    public var quantity: Int
    /// The price of one.
    public var unitAmount: Money

    /// A position.
    public init(description: LocalizedText, quantity: Int = 1, unitAmount: Money) {
        self.description = description
        self.quantity = max(1, quantity)
        self.unitAmount = unitAmount
    }

    /// A position for a fee of the service catalog.
    public init(fee: FeeItem, quantity: Int = 1) {
        self.init(description: fee.name, quantity: quantity, unitAmount: fee.amount)
    }

    /// Quantity times unit amount.
    public var amount: Money { Money(cents: unitAmount.cents * quantity) }
}

/// A completed payment at the terminal, as its receipt shows it.
public struct PaymentReceipt: Hashable, Sendable {
    /// The site's name.
    public var siteName: LocalizedText
    /// The positions paid for, in order.
    public var lines: [ReceiptLine]
    /// The city treasury's reference for the payment (Kassenzeichen).
    public var kassenzeichen: String
    /// How it was paid.
    public var method: PaymentMethod
    /// The local date of payment.
    public var day: BusinessDay
    /// The local time of payment.
    public var time: TimeOfDay
    /// The terminal that took the payment.
    public var terminal: TerminalID
    /// The SEPA mandate reference, printed for a direct debit.
    public var mandateReference: String?
    /// The debtor's IBAN, masked, printed for a direct debit.
    public var maskedIBAN: String?

    /// A receipt.
    public init(
        siteName: LocalizedText, lines: [ReceiptLine], kassenzeichen: String, method: PaymentMethod,
        day: BusinessDay, time: TimeOfDay, terminal: TerminalID, mandateReference: String? = nil, maskedIBAN: String? = nil
    ) {
        self.mandateReference = mandateReference
        self.maskedIBAN = maskedIBAN
        self.siteName = siteName
        self.lines = lines
        self.kassenzeichen = kassenzeichen
        self.method = method
        self.day = day
        self.time = time
        self.terminal = terminal
    }

    /// The sum of all positions.
    public var total: Money { lines.reduce(.zero) { $0 + $1.amount } }
}

extension BusinessDay {
    /// "23.11.2026": how dates are printed for citizens, in every language (a German office's date).
    public var germanFormat: String {
        "\(day < 10 ? "0" : "")\(day).\(month < 10 ? "0" : "")\(month).\(year)"
    }
}

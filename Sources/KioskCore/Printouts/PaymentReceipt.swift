/// How a citizen paid at the terminal.
public enum PaymentMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// German debit card scheme.
    case girocard
    /// Credit card (Visa, Mastercard ...).
    case creditCard = "credit-card"
    /// Notes and coins, at terminals with a cash unit.
    case cash

    /// The key of the method's name in the screen and printout texts.
    public var textKey: String {
        switch self {
        case .girocard: "payment.method.girocard"
        case .creditCard: "payment.method.creditCard"
        case .cash: "payment.method.cash"
        }
    }
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

    /// A receipt.
    public init(
        siteName: LocalizedText, lines: [ReceiptLine], kassenzeichen: String, method: PaymentMethod,
        day: BusinessDay, time: TimeOfDay, terminal: TerminalID
    ) {
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

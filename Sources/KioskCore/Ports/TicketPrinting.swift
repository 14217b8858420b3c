public import Foundation

/// Everything printed on a queue ticket, already in the citizen's language; printers lay it out.
public struct TicketPrintout: Hashable, Sendable {
    /// The site's name.
    public var siteName: String
    /// The service's name.
    public var serviceName: String
    /// The big number, e.g. "A 017".
    public var number: String
    /// Local date and time of issue, e.g. "23.11.2026, 09:15 Uhr".
    public var issued: String
    /// The wait estimate in words.
    public var estimate: String
    /// The request to wait, in German and the second language.
    public var instructions: [String]
    /// What the QR code holds: a link to follow the queue.
    public var followLink: String
    /// The terminal that issued it, printed small for support.
    public var terminal: String
    /// The ticket's id, not printed: printers use it to recognise a retry of a job they already have.
    public var ticketID: UUID?

    /// Creates a printout.
    public init(
        siteName: String, serviceName: String, number: String, issued: String, estimate: String,
        instructions: [String], followLink: String, terminal: String, ticketID: UUID? = nil
    ) {
        self.ticketID = ticketID
        self.siteName = siteName
        self.serviceName = serviceName
        self.number = number
        self.issued = issued
        self.estimate = estimate
        self.instructions = instructions
        self.followLink = followLink
        self.terminal = terminal
    }
}

/// A printout that went out, with the text preview shown beside the number on screen.
public struct PrintedTicket: Hashable, Sendable {
    /// The preview lines, as wide as the paper.
    public var preview: [String]

    /// Creates the result.
    public init(preview: [String]) { self.preview = preview }
}

/// Why a printout failed, for the event (a stable code) and for the citizen (what to do).
public struct PrintFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable reason code, e.g. "media-empty", "cover-open", "offline", "io".
    public var reason: String
    /// What to tell the citizen.
    public var message: Message
    /// The text preview, when the document could be laid out, so the screen can still show the ticket.
    public var preview: [String]

    /// Creates a failure.
    public init(reason: String, message: Message, preview: [String] = []) {
        self.reason = reason
        self.message = message
        self.preview = preview
    }

    public var description: String { "print failed (\(reason)): \(message)" }
}

/// A ticket printer, real or emulated; the ticket flow knows nothing else about printing.
public protocol TicketPrinting: Sendable {
    /// Names the printer in events and diagnostics, e.g. "emulated:printer.bin" or "cups:ticket".
    var identifier: String { get }
    /// Prints one ticket; returns once the printer has it, or throws what went wrong.
    func printTicket(_ printout: TicketPrintout) async throws(PrintFailure) -> PrintedTicket
    /// Prints a polling-place slip (Wahlraumsuche); returns its text preview, or throws what went wrong.
    func printSlip(_ slip: PollingSlipPrintout) async throws(PrintFailure) -> PrintedTicket
    /// Prints a payment receipt; returns its text preview, or throws what went wrong.
    func printReceipt(_ receipt: ReceiptPrintout) async throws(PrintFailure) -> PrintedTicket
}

extension TicketPrinting {
    /// A printer that cannot print receipts says so (a test double that only prints tickets).
    public func printReceipt(_ receipt: ReceiptPrintout) async throws(PrintFailure) -> PrintedTicket {
        throw PrintFailure(
            reason: "unsupported",
            message: Message(key: "printer.noReceipts", de: "Dieser Drucker druckt keine Belege.", en: "This printer does not print receipts."))
    }
}

/// A payment receipt ready to print: the receipt, the language and the texts it is worded with.
public struct ReceiptPrintout: Sendable {
    /// The receipt.
    public var receipt: PaymentReceipt
    /// The language it is printed in.
    public var language: Language
    /// The catalog the `receipt.*` and `payment.method.*` texts come from.
    public var texts: TextCatalog
    /// The payment's key: printers use it to recognise a retry of a job they already have.
    public var paymentID: UUID

    /// Creates a printout.
    public init(receipt: PaymentReceipt, language: Language, texts: TextCatalog, paymentID: UUID) {
        self.receipt = receipt
        self.language = language
        self.texts = texts
        self.paymentID = paymentID
    }
}

/// A polling-place slip ready to print: the place and the language, with the slip's wording resolved.
public struct PollingSlipPrintout: Hashable, Sendable {
    /// The polling place.
    public var place: PollingPlace
    /// The language the slip is printed in.
    public var language: Language
    /// The slip's texts (`slip.*` keys) in that language, placeholders not yet filled.
    public var texts: [String: String]

    /// A slip for `place` in `language` with its texts taken from `catalog`.
    public init(place: PollingPlace, language: Language, catalog: TextCatalog) {
        self.place = place
        self.language = language
        let keys = ["slip.title", "slip.district", "slip.room", "slip.hours", "slip.stepFree", "slip.notStepFree", "slip.map", "slip.bring"]
        texts = Dictionary(uniqueKeysWithValues: keys.map { ($0, catalog.text($0, language)) })
    }

    /// The text for `key` with `{name}` placeholders filled.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var text = texts[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}

/// The kinds of code a site's payload rules can recognise; a closed set, one per `ScannedPayload` case.
public enum PayloadKind: String, Hashable, Sendable, CaseIterable {
    /// An appointment confirmation.
    case appointment
    /// The QR code of an election notification.
    case electionNotice
    /// The collection receipt of an ID document.
    case collectionReceipt
}

/// Why a scanned code was not accepted, with what the citizen should do next.
///
/// Never carries the scanned content: the description names the rule and the problem only, so that it can be
/// logged and shown to a technician without leaking a booking key or a voter number.
public struct PayloadRejection: Error, Hashable, Sendable, CustomStringConvertible {
    enum Reason: Hashable, Sendable {
        /// No rule claims the code.
        case unrecognised
        /// Longer than `PayloadRules.maximumLength`.
        case tooLong
        /// Control characters: a garbled read more often than a real code.
        case unreadable
        /// A rule claims the code (host and path, or prefix, matched) but a part is missing or invalid.
        case malformed(PayloadKind, rule: String, problem: String)
    }

    let reason: Reason

    init(_ reason: Reason) { self.reason = reason }

    /// True when no rule knows this code (also for oversized input): the citizen needs the reception.
    public var isUnrecognised: Bool {
        switch reason {
        case .unrecognised, .tooLong: true
        case .unreadable, .malformed: false
        }
    }

    /// True when the read itself looks garbled: scanning again may help.
    public var isRetryable: Bool { reason == .unreadable }

    /// The kind of code this looked like when a rule claimed it but a part was missing or invalid.
    public var looksLike: PayloadKind? {
        if case .malformed(let kind, _, _) = reason { return kind }
        return nil
    }

    /// What the citizen reads on the screen: what happened and what to do.
    public var message: Message {
        switch reason {
        case .unrecognised, .tooLong:
            Message(
                key: "scan.rejected.unrecognised",
                de: "Dieser Code wird hier nicht erkannt. Bitte wenden Sie sich an den Empfang.",
                en: "This code is not recognised here. Please ask at the reception desk.")
        case .unreadable:
            Message(
                key: "scan.rejected.unreadable",
                de: "Der Code wurde nicht richtig gelesen. Bitte halten Sie ihn ruhig vor den Scanner und versuchen Sie es noch einmal.",
                en: "The code was not read correctly. Please hold it still in front of the scanner and try again.")
        case .malformed(.appointment, _, _):
            Message(
                key: "scan.rejected.appointment",
                de: "Ihre Terminbestätigung ist unvollständig. Bitte nennen Sie am Empfang Ihre Vorgangsnummer.",
                en: "Your appointment confirmation is incomplete. Please give your process number at the reception desk.")
        case .malformed(.electionNotice, _, _):
            Message(
                key: "scan.rejected.electionNotice",
                de: "Der Code Ihrer Wahlbenachrichtigung ist unvollständig. Bitte geben Sie die Nummer Ihres Wahlbezirks von der Karte ein oder suchen Sie nach Ihrer Adresse.",
                en: "The code on your election notification is incomplete. Please enter the electoral district number printed on the card, or search by your address.")
        case .malformed(.collectionReceipt, _, _):
            Message(
                key: "scan.rejected.collectionReceipt",
                de: "Ihr Abholschein ist unvollständig. Bitte wenden Sie sich an den Empfang.",
                en: "Your collection receipt is incomplete. Please ask at the reception desk.")
        }
    }

    /// For technicians: the rule and the problem, never the content.
    public var description: String {
        switch reason {
        case .unrecognised: "PayloadRejection(unrecognised)"
        case .tooLong: "PayloadRejection(too long)"
        case .unreadable: "PayloadRejection(control characters)"
        case let .malformed(kind, rule, problem): "PayloadRejection(\(kind.rawValue), rule \(rule): \(problem))"
        }
    }
}

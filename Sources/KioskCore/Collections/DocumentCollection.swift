/// A kind of ID document the office hands out once produced (Bundesdruckerei).
public enum DocumentKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Identity card.
    case personalausweis
    /// Passport.
    case reisepass
    /// Electronic residence permit (elektronischer Aufenthaltstitel).
    case aufenthaltstitel

    /// What a citizen brings to collect a document of this kind, in the order to show.
    public var toBring: [CollectionRequirement] {
        switch self {
        case .personalausweis: [.collectionReceipt, .oldIdentityCard, .pinLetter]
        case .reisepass: [.collectionReceipt, .oldPassport]
        case .aufenthaltstitel: [.collectionReceipt, .passport, .oldResidencePermit, .pinLetter]
        }
    }
}

/// Where an application for an ID document stands (Lieferstatus), as the office records it.
public enum CollectionState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Ordered, not yet delivered to the office.
    case inProduction = "in-production"
    /// At the office, ready for collection.
    case ready
    /// Handed out.
    case collected
}

/// What a terminal tells the citizen about an application number.
///
/// Collected documents answer `unknown`, like numbers never seen: a found receipt of a collected document
/// should tell its finder nothing.
public enum CollectionAnswerStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Ready for collection.
    case ready
    /// Known, not yet ready.
    case notYet = "not-yet"
    /// Not known (or already collected).
    case unknown

    /// The status for a recorded state, or `unknown` when there is none.
    public init(_ state: CollectionState?) {
        switch state {
        case .ready: self = .ready
        case .inProduction: self = .notYet
        case .collected, nil: self = .unknown
        }
    }

    /// What the citizen is told.
    public var message: Message {
        switch self {
        case .ready:
            Message(
                key: "collection.status.ready",
                de: "Ihr Dokument liegt zur Abholung bereit. Bitte eine Wartemarke für „Ausweisdokument abholen“ ziehen.",
                en: "Your document is ready for collection. Please take a ticket for \"Collect an ID document\".")
        case .notYet:
            Message(
                key: "collection.status.notYet",
                de: "Ihr Dokument ist noch nicht eingetroffen. Bitte in einigen Tagen erneut nachsehen.",
                en: "Your document has not arrived yet. Please check again in a few days.")
        case .unknown:
            Message(
                key: "collection.status.unknown",
                de: "Zu dieser Nummer liegt keine Auskunft vor. Bitte Nummer prüfen oder am Empfang fragen.",
                en: "There is no information for this number. Please check the number or ask at the reception desk.")
        }
    }
}

/// One thing to bring for a collection, with a stable id for icons and translations.
public struct CollectionRequirement: Hashable, Sendable, Codable {
    /// Stable id, e.g. "collection-receipt".
    public var id: String
    /// German text.
    public var de: String
    /// English text.
    public var en: String

    /// Creates a requirement.
    public init(id: String, de: String, en: String) {
        self.id = id
        self.de = de
        self.en = en
    }

    /// The text as a message, keyed `collection.item.<id>` so that the text files translate the known ones;
    /// one central names that no file knows shows in German and English.
    public var message: Message { Message(key: "collection.item.\(id)", de: de, en: en) }

    /// The collection receipt (Abholschein) handed out with the application.
    public static let collectionReceipt = CollectionRequirement(
        id: "collection-receipt", de: "Abholschein", en: "Collection receipt")
    /// The previous identity card, which is invalidated at collection.
    public static let oldIdentityCard = CollectionRequirement(
        id: "old-identity-card", de: "Bisheriger Personalausweis (falls vorhanden)", en: "Your previous ID card (if any)")
    /// The previous passport, which is invalidated at collection.
    public static let oldPassport = CollectionRequirement(
        id: "old-passport", de: "Bisheriger Reisepass (falls vorhanden)", en: "Your previous passport (if any)")
    /// The PIN letter sent by post, to set or change the online-ID PIN at the counter.
    public static let pinLetter = CollectionRequirement(
        id: "pin-letter", de: "PIN-Brief (per Post erhalten)", en: "PIN letter (received by post)")
    /// A valid passport, needed with a residence permit.
    public static let passport = CollectionRequirement(
        id: "passport", de: "Gültiger Reisepass", en: "Valid passport")
    /// The previous residence permit card.
    public static let oldResidencePermit = CollectionRequirement(
        id: "old-residence-permit", de: "Bisheriger Aufenthaltstitel (falls vorhanden)",
        en: "Your previous residence permit (if any)")
}

/// The answer of `GET /v1/terminals/{terminal}/collections/{applicationNumber}`.
///
/// Every answer has the same fields whatever the status; the application number is not echoed.
public struct CollectionAnswer: Hashable, Sendable, Codable {
    /// Ready, not yet, or unknown.
    public var status: CollectionAnswerStatus
    /// What to bring; empty unless ready.
    public var bring: [CollectionRequirement]

    /// Creates an answer.
    public init(status: CollectionAnswerStatus, bring: [CollectionRequirement]) {
        self.status = status
        self.bring = bring
    }

    /// The answer for a recorded application (nil when unknown).
    public init(kind: DocumentKind?, state: CollectionState?) {
        let status = CollectionAnswerStatus(state)
        self.init(status: status, bring: status == .ready ? (kind?.toBring ?? []) : [])
    }
}

/// Application numbers as terminals may ask for them: 1 to 32 of A-Z, a-z, 0-9 and '-'.
public enum ApplicationNumber {
    /// Whether `text` has the allowed form (safe in a URL path without escaping).
    public static func isValid(_ text: String) -> Bool {
        (1...32).contains(text.utf8.count) && text.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
    }
}

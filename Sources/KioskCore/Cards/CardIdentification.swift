/// What kind of card lies on a reader, as far as the terminal can tell without any password.
public enum CardKind: String, Hashable, Sendable, CaseIterable {
    /// German identity card (Personalausweis, nPA).
    case germanIDCard = "id-card"
    /// German electronic residence permit (elektronischer Aufenthaltstitel, eAT).
    case residencePermit = "residence-permit"
    /// An eID document that offers PACE, whose ATR names neither of the two above.
    case eIDDocument = "eid-document"
    /// Electronic health card (elektronische Gesundheitskarte, eGK).
    case healthCard = "health-card"
    /// girocard (bank card), contact or contactless.
    case girocard
    /// Anything else.
    case unknown

    /// True for the cards the PIN service handles (PACE with PIN, CAN and PUK).
    public var offersPINService: Bool { self == .germanIDCard || self == .residencePermit || self == .eIDDocument }

    /// The name shown to citizens and technicians.
    public var name: Message {
        switch self {
        case .germanIDCard: Message(key: "card.kind.germanIDCard", de: "Personalausweis", en: "German ID card")
        case .residencePermit: Message(key: "card.kind.residencePermit", de: "Aufenthaltstitel", en: "Residence permit")
        case .eIDDocument: Message(key: "card.kind.eIDDocument", de: "eID-Dokument", en: "eID document")
        case .healthCard: Message(key: "card.kind.healthCard", de: "Gesundheitskarte (eGK)", en: "Health insurance card (eGK)")
        case .girocard: Message(key: "card.kind.girocard", de: "girocard", en: "girocard")
        case .unknown: Message(key: "card.kind.unknown", de: "Unbekannte Karte", en: "Unknown card")
        }
    }
}

/// A card's kind and how sure the terminal is of it.
public struct CardIdentification: Hashable, Sendable {
    /// The kind.
    public var kind: CardKind
    /// True when EF.CardAccess confirmed an eID document (PACE offered); false for an ATR-only guess.
    public var confirmed: Bool

    /// A kind and whether it was confirmed.
    public init(kind: CardKind, confirmed: Bool) {
        self.kind = kind
        self.confirmed = confirmed
    }

    /// The kind the ATR suggests: a hint only, since ATRs change with chip and operating system versions.
    public static func hint(from atr: AnswerToReset) -> CardKind {
        if let kind = KnownATRs.byATR[atr.bytes] { return kind }
        if let kind = KnownATRs.byHistoricalBytes[atr.historicalBytes] { return kind }
        return .unknown
    }

    /// The identification after trying to read EF.CardAccess: `cardAccess` is nil when the card has no such
    /// file (or it could not be read).
    ///
    /// A card offering PACE is an eID document whatever its ATR said (the ATR then only says which one); a
    /// card without PACE is never taken for an ID card, even when its ATR looks like one.
    public static func identify(atr: AnswerToReset, cardAccess: CardAccess?) -> CardIdentification {
        let hint = hint(from: atr)
        if let cardAccess, !cardAccess.paceInfos.isEmpty {
            return CardIdentification(kind: hint.offersPINService ? hint : .eIDDocument, confirmed: true)
        }
        return CardIdentification(kind: hint.offersPINService ? .unknown : hint, confirmed: false)
    }
}

/// ATRs of known cards, from pcsc-tools' smartcard_list.txt (Debian pcsc-tools 1.6.2,
/// /usr/share/pcsc/smartcard_list.txt); quirks as data, not as code.
enum KnownATRs {
    /// Whole ATRs.
    static let byATR: [[UInt8]: CardKind] = [
        // "German Health Insurance Card ... (eGK)"
        [0x3B, 0x85, 0x80, 0x01, 0x30, 0x01, 0x01, 0x30, 0x30, 0x34]: .healthCard,
        // "German public health insurance card ... 2nd generation (G2)", three issuers.
        [0x3B, 0xD0, 0x96, 0xFF, 0x81, 0xB1, 0xFE, 0x45, 0x1F, 0x03, 0x2E]: .healthCard,
        [0x3B, 0xD0, 0x96, 0xFF, 0x81, 0xB1, 0xFE, 0x45, 0x1F, 0x07, 0x2A]: .healthCard,
        [0x3B, 0xD0, 0x96, 0xFF, 0x81, 0xB1, 0xFE, 0x45, 0x1F, 0xC7, 0xEA]: .healthCard,
    ]

    /// Historical bytes of contactless cards (the reader builds the rest of the ATR).
    static let byHistoricalBytes: [[UInt8]: CardKind] = [
        // "German ID Card - Personalausweis" 3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00 75
        [0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00]: .germanIDCard,
        // "German ID Card - Personalausweis" 3B 8A 80 01 80 31 B8 73 84 01 E0 82 90 00 06
        [0x80, 0x31, 0xB8, 0x73, 0x84, 0x01, 0xE0, 0x82, 0x90, 0x00]: .germanIDCard,
        // "Personalausweis (German Identity Card)" 3B 87 80 01 80 31 B8 73 84 01 E0 19
        [0x80, 0x31, 0xB8, 0x73, 0x84, 0x01, 0xE0]: .germanIDCard,
        // "Personalausweis (German Identity Card)" 3B 87 80 01 80 31 B8 73 86 01 E0 1B
        [0x80, 0x31, 0xB8, 0x73, 0x86, 0x01, 0xE0]: .germanIDCard,
        // "Personalausweis (German Identity Card)" 3B 88 80 01 00 00 00 00 00 00 00 00 09
        [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]: .germanIDCard,
        // notes/eid.md: 3B 88 80 01 E1 F3 5E 13 77 83 00 00 A2
        [0xE1, 0xF3, 0x5E, 0x13, 0x77, 0x83, 0x00, 0x00]: .germanIDCard,
        // "Residence permit (eID)" 3B 88 80 01 E1 F3 5E 11 77 83 00 00 A0
        [0xE1, 0xF3, 0x5E, 0x11, 0x77, 0x83, 0x00, 0x00]: .residencePermit,
        // "girocard contactless (Bank)" 3B 87 80 01 80 31 C0 73 D6 31 C0 23
        [0x80, 0x31, 0xC0, 0x73, 0xD6, 0x31, 0xC0]: .girocard,
    ]
}

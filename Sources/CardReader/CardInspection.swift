public import KioskCore

/// What the terminal learns from a card without any password: its ATR, EF.CardAccess and so its kind.
public struct CardInspection: Hashable, Sendable {
    /// The parsed ATR; nil when it was malformed.
    public var atr: AnswerToReset?
    /// The raw ATR as the reader reported it.
    public var atrBytes: [UInt8]
    /// EF.CardAccess, when the card has one.
    public var cardAccess: CardAccess?
    /// The kind, confirmed by EF.CardAccess or guessed from the ATR.
    public var identification: CardIdentification

    /// Reads EF.CardAccess over `channel` and identifies the card. A card without the file (or one that
    /// refuses the SELECT) is simply not an eID document; only a lost card or service throws.
    public static func inspect(_ channel: CardChannel) throws(PCSCError) -> CardInspection {
        let atr = try? AnswerToReset(bytes: channel.atr)
        let cardAccess = try readCardAccess(channel).flatMap { try? CardAccess(bytes: $0) }
        let identification =
            atr.map { CardIdentification.identify(atr: $0, cardAccess: cardAccess) }
            ?? CardIdentification(kind: .unknown, confirmed: false)
        return CardInspection(atr: atr, atrBytes: channel.atr, cardAccess: cardAccess, identification: identification)
    }

    /// The bytes of EF.CardAccess, nil when the card has no such file.
    public static func readCardAccess(_ channel: CardChannel) throws(PCSCError) -> [UInt8]? {
        guard let selected = ResponseAPDU(try channel.transmit(CardCommand.selectFile(CardCommand.cardAccessFileID))),
            selected.isSuccess
        else { return nil }
        var content: [UInt8] = []
        // EF.CardAccess is a few hundred bytes; the limit stops a card that never says "end of file".
        while content.count < 4096 {
            guard let response = ResponseAPDU(try channel.transmit(CardCommand.readBinary(offset: content.count))) else {
                return nil
            }
            switch response.status {
            case 0x9000:
                content += response.data
                if response.data.count < 256 { return content }
            case 0x6282:  // end of file reached before Le bytes
                return content + response.data
            case 0x6B00 where !content.isEmpty:  // offset beyond the end: the previous read ended exactly there
                return content
            default:
                return content.isEmpty ? nil : content
            }
        }
        return content
    }
}

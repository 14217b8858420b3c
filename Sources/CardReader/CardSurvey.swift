public import KioskCore

/// A snapshot of every reader and the card in it, for the technician (`kioskctl card`).
///
/// Reads only what needs no password (ATR, EF.CardAccess); holds no personal data.
public struct CardSurvey: Hashable, Sendable {
    /// One reader and what lies on it.
    public struct Reader: Hashable, Sendable {
        /// The reader's name as pcscd gives it.
        public var name: String
        /// True when a card is present.
        public var cardPresent: Bool
        /// The card's inspection; nil without a card, or when the card could not be connected.
        public var inspection: CardInspection?
        /// Why a present card could not be inspected.
        public var problem: Message?
    }

    /// The readers, in pcscd's order.
    public var readers: [Reader]

    /// Lists the readers, asks each for its state without waiting, and inspects the cards present.
    /// Throws when pcscd cannot be reached.
    public static func take() throws(PCSCError) -> CardSurvey {
        let context = try PCSCContext()
        var states = try context.readers().map { ReaderStatus(reader: $0, currentState: ReaderStateFlag.unaware) }
        if !states.isEmpty { try context.waitForChange(&states, timeoutMilliseconds: 0) }
        var readers: [Reader] = []
        for state in states {
            let present = state.eventState & ReaderStateFlag.present != 0
            var reader = Reader(name: state.reader, cardPresent: present)
            if present {
                do {
                    let channel = try CardChannel(reader: state.reader)
                    defer { channel.close() }
                    reader.inspection = try CardInspection.inspect(channel)
                } catch {
                    if error.isServiceGone { throw error }
                    reader.problem = error.message
                }
            }
            readers.append(reader)
        }
        return CardSurvey(readers: readers)
    }
}

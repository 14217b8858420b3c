/// What the card readers report to the flows.
///
/// An ATR is not personal data (it names the chip and its operating system, the same for every card of a
/// kind), so it may be shown to a technician; what is read from a card after that never travels in an event.
public enum CardReaderEvent: Hashable, Sendable {
    /// A reader appeared (plugged in, or found when the service started or came back).
    case readerAdded(reader: String)
    /// A reader went away (unplugged, or the PC/SC service stopped).
    case readerRemoved(reader: String)
    /// A card was put into (or onto) a reader; `atr` is its answer to reset.
    case cardInserted(reader: String, atr: [UInt8])
    /// The card left the reader.
    case cardRemoved(reader: String)
    /// The PC/SC service is unreachable; readers come back by themselves once it runs again.
    case serviceUnavailable(problem: Message)
}

/// A source of card reader events: the PC/SC monitor, or its emulated twin.
public protocol CardReading: Sendable {
    /// The events, in order, until the monitor is shut down. Only one consumer reads them.
    func events() -> AsyncStream<CardReaderEvent>
}

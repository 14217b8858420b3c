public import KioskCore

/// The card reader's emulated twin for the demo and the flow tests: a program (the test, the demo script)
/// plugs readers and puts cards on them; the flows see the same events as from `PCSCMonitor`.
public final class EmulatedCardReader: CardReading, Sendable {
    private let stream: AsyncStream<CardReaderEvent>
    private let continuation: AsyncStream<CardReaderEvent>.Continuation

    /// An emulated reader set; `readers` are reported as added at once.
    public init(readers: [String] = ["Emulated Reader 00"]) {
        (stream, continuation) = AsyncStream.makeStream(of: CardReaderEvent.self, bufferingPolicy: .bufferingNewest(256))
        for reader in readers { continuation.yield(.readerAdded(reader: reader)) }
    }

    /// The events, in order, until `shutdown()`; one consumer.
    public func events() -> AsyncStream<CardReaderEvent> { stream }

    /// Reports a card with answer to reset `atr` put on `reader`.
    public func insert(atr: [UInt8], into reader: String = "Emulated Reader 00") {
        continuation.yield(.cardInserted(reader: reader, atr: atr))
    }

    /// Reports the card taken off `reader`.
    public func remove(from reader: String = "Emulated Reader 00") {
        continuation.yield(.cardRemoved(reader: reader))
    }

    /// Reports a reader plugged in (`true`) or unplugged (`false`).
    public func plug(_ reader: String, attached: Bool) {
        continuation.yield(attached ? .readerAdded(reader: reader) : .readerRemoved(reader: reader))
    }

    /// Ends the event stream.
    public func shutdown() { continuation.finish() }
}

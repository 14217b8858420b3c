import CardReader
import KioskCore
import Testing

/// The emulated twin reports what the test does, in order, as the PC/SC monitor would.
@Suite struct EmulatedCardReaderTests {
    @Test func reportsReadersCardsAndTheEnd() async {
        let reader = EmulatedCardReader(readers: ["A", "B"])
        reader.insert(atr: [0x3B, 0x00], into: "B")
        reader.remove(from: "B")
        reader.plug("A", attached: false)
        reader.shutdown()
        var events: [CardReaderEvent] = []
        for await event in reader.events() { events.append(event) }
        #expect(events == [
            .readerAdded(reader: "A"), .readerAdded(reader: "B"), .cardInserted(reader: "B", atr: [0x3B, 0x00]),
            .cardRemoved(reader: "B"), .readerRemoved(reader: "A"),
        ])
    }
}

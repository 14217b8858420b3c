import CardReader
import CardReaderTesting
import KioskCore
import Testing

/// The fault suite's pcscd case (see EndToEndTests.FaultTests), here because it needs the machine's one pcscd
/// socket and so must run inside this serialized suite.
extension PCSCTests {
    /// pcscd restarted (SIGTERM, then started again) while the kiosk's monitor watches with a card inserted:
    /// the monitor reports the card and both readers gone, then both readers back, and a card put on the reader
    /// after the restart is reported and identified as an ID card, all on the same monitor and event stream.
    @Test func pcscdRestartedUnderAWatchingMonitorThenANewCardIsIdentified() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the cards) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let monitor = PCSCMonitor(logger: Self.logger, reconnectInterval: .milliseconds(100))
        defer { monitor.shutdown() }
        let log = EventLog(monitor)
        let before = try CardEmulatorProcess(port: pcscd.port)
        defer { before.remove() }
        let inserted = try #require(
            await log.wait { $0 == .cardInserted(reader: TestPCSCD.firstReader, atr: EmulatedIDCard.idCardATR) }, "\(log.all)")

        pcscd.stop()
        // Taken off while pcscd is down, so that the card seen after the restart is a new insertion.
        before.remove()
        let lost = try #require(await log.wait(from: inserted) { if case .serviceUnavailable = $0 { true } else { false } }, "\(log.all)")
        let gone = Array(log.all[inserted..<lost])
        #expect(gone.contains(.cardRemoved(reader: TestPCSCD.firstReader)), "\(gone)")
        #expect(gone.contains(.readerRemoved(reader: TestPCSCD.firstReader)), "\(gone)")
        #expect(gone.contains(.readerRemoved(reader: TestPCSCD.secondReader)), "\(gone)")

        try pcscd.start()
        let first = try #require(
            await log.wait(from: lost, timeout: .seconds(15)) { $0 == .readerAdded(reader: TestPCSCD.firstReader) }, "\(log.all)")
        #expect(await log.wait(from: lost, timeout: .seconds(15)) { $0 == .readerAdded(reader: TestPCSCD.secondReader) } != nil, "\(log.all)")
        // No card on the reader until the new one comes.
        #expect(!log.all[lost...].contains { if case .cardInserted = $0 { true } else { false } }, "\(log.all)")

        let after = try CardEmulatorProcess(port: pcscd.port)
        defer { after.remove() }
        let again = await log.wait(from: first, timeout: .seconds(15)) {
            $0 == .cardInserted(reader: TestPCSCD.firstReader, atr: EmulatedIDCard.idCardATR)
        }
        #expect(again != nil, "\(log.all)\n\(pcscd.logTail)")
        let channel = try await Self.connect(TestPCSCD.firstReader)
        let inspection = try CardInspection.inspect(channel)
        channel.close()
        #expect(inspection.identification == CardIdentification(kind: .germanIDCard, confirmed: true))
        #expect(!log.finished, "the same monitor, still running")
        after.remove()
    }
}

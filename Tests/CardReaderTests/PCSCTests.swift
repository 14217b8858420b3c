import CardReader
import CardReaderTesting
import ChildProcess
import Foundation
import KioskCore
import KioskTesting
import Logging
import Testing

/// The PC/SC driver against a real pcscd with vsmartcard's vpcd reader and the test card emulator.
///
/// pcscd's socket path is fixed, so every test here shares the machine's one pcscd slot: the suite runs its
/// tests one at a time, and each starts and stops its own pcscd.
@Suite(.serialized, .timeLimit(.minutes(4))) struct PCSCTests {
    /// Collects the monitor's events on a task of their own, so tests can wait for one with a deadline.
    final class EventLog: @unchecked Sendable {
        // @unchecked: `events` is only touched under `lock`.
        private let lock = NSLock()
        private var events: [CardReaderEvent] = []
        private var ended = false

        init(_ source: some CardReading) {
            Task { [self] in
                for await event in source.events() { lock.withLock { events.append(event) } }
                lock.withLock { ended = true }
            }
        }

        var all: [CardReaderEvent] { lock.withLock { events } }
        /// True once the source finished its stream.
        var finished: Bool { lock.withLock { ended } }

        /// Waits up to `timeout` until `predicate` holds for some event at or after `from`; returns its index.
        func wait(from: Int = 0, timeout: Duration = .seconds(10), _ predicate: (CardReaderEvent) -> Bool) async -> Int? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                let snapshot = all
                if from < snapshot.count, let index = snapshot[from...].firstIndex(where: predicate) { return index }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }
    }

    static var logger: Logger { Logger(label: "pcsc-test") }

    @Test func readersAppearAndACardIsInsertedAndRemoved() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the card) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let monitor = PCSCMonitor(logger: Self.logger)
        defer { monitor.shutdown() }
        let log = EventLog(monitor)
        #expect(await log.wait { $0 == .readerAdded(reader: TestPCSCD.firstReader) } != nil, "\(log.all)")
        #expect(await log.wait { $0 == .readerAdded(reader: TestPCSCD.secondReader) } != nil, "\(log.all)")
        let card = try CardEmulatorProcess(port: pcscd.port)
        defer { card.remove() }
        let inserted = await log.wait {
            $0 == .cardInserted(reader: TestPCSCD.firstReader, atr: EmulatedIDCard.idCardATR)
        }
        #expect(inserted != nil, "\(log.all)\n\(pcscd.logTail)")
        card.remove()
        #expect(await log.wait(from: inserted ?? 0) { $0 == .cardRemoved(reader: TestPCSCD.firstReader) } != nil, "\(log.all)")
        // Nothing happened on the second reader.
        #expect(!log.all.contains { if case .cardInserted(TestPCSCD.secondReader, _) = $0 { true } else { false } })
    }

    @Test func inspectionConfirmsTheIDCardByItsCardAccess() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the card) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let card = try CardEmulatorProcess(port: pcscd.port)
        defer { card.remove() }
        let channel = try await Self.connect(TestPCSCD.firstReader)
        let inspection = try CardInspection.inspect(channel)
        #expect(inspection.atrBytes == EmulatedIDCard.idCardATR)
        #expect(inspection.cardAccess?.bytes == EmulatedIDCard.cardAccess)
        #expect(inspection.identification == CardIdentification(kind: .germanIDCard, confirmed: true))
        // The card saw SELECT and READ BINARY.
        #expect(card.events.contains("apdu A4") && card.events.contains("apdu B0"), "\(card.events)")
        // The PIN's retry counter, through MSE:Set AT.
        let protocolID = try #require(inspection.cardAccess?.paceInfos.first?.protocolIdentifier)
        let answer = try channel.transmit(CardCommand.mseSetATForPACE(protocolIdentifier: protocolID, password: .pin))
        #expect(ResponseAPDU(answer).flatMap { PINStatus(statusWord: $0.status) } == .ready(triesLeft: 3))
        channel.close()
    }

    @Test(arguments: [EmulatedIDCard.Profile.lookalike, .girocard])
    func otherCardsAreNotTakenForIDCards(profile: EmulatedIDCard.Profile) async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the card) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let card = try CardEmulatorProcess(profile: profile, port: pcscd.port)
        defer { card.remove() }
        let channel = try await Self.connect(TestPCSCD.firstReader)
        let inspection = try CardInspection.inspect(channel)
        #expect(inspection.cardAccess == nil)
        let expected: CardKind = profile == .girocard ? .girocard : .unknown
        #expect(inspection.identification == CardIdentification(kind: expected, confirmed: false))
        channel.close()
        card.remove()
    }

    @Test func pcscdRestartedMidSessionIsSurvived() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the card) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let monitor = PCSCMonitor(logger: Self.logger, reconnectInterval: .milliseconds(100))
        defer { monitor.shutdown() }
        let log = EventLog(monitor)
        let card = try CardEmulatorProcess(port: pcscd.port)
        defer { card.remove() }
        let inserted = await log.wait { if case .cardInserted(TestPCSCD.firstReader, _) = $0 { true } else { false } }
        #expect(inserted != nil, "\(log.all)")
        pcscd.stop()
        let lost = await log.wait(from: inserted ?? 0) { if case .serviceUnavailable = $0 { true } else { false } }
        #expect(lost != nil, "\(log.all)")
        // Before the service went, the card and both readers were reported gone.
        let beforeLost = Array(log.all[(inserted ?? 0)..<(lost ?? 0)])
        #expect(beforeLost.contains(.cardRemoved(reader: TestPCSCD.firstReader)), "\(beforeLost)")
        #expect(beforeLost.contains(.readerRemoved(reader: TestPCSCD.firstReader)), "\(beforeLost)")
        // While pcscd is down, a connection fails with a typed error that says so.
        do {
            _ = try CardChannel(reader: TestPCSCD.firstReader)
            Issue.record("connected without pcscd")
        } catch {
            #expect(error.isServiceGone, "\(error)")
            #expect(error.message[.german].contains("pcscd"))
        }
        try pcscd.start()
        // The monitor connects again by itself; the emulator puts its card back on the new vpcd.
        let back = await log.wait(from: lost ?? 0, timeout: .seconds(15)) { $0 == .readerAdded(reader: TestPCSCD.firstReader) }
        #expect(back != nil, "\(log.all)")
        let again = await log.wait(from: back ?? 0, timeout: .seconds(15)) {
            $0 == .cardInserted(reader: TestPCSCD.firstReader, atr: EmulatedIDCard.idCardATR)
        }
        #expect(again != nil, "\(log.all)\n\(pcscd.logTail)")
        card.remove()
    }

    @Test func aMonitorStartedBeforePCSCDFindsTheReadersOnceItRuns() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        pcscd.stop()
        let monitor = PCSCMonitor(logger: Self.logger, reconnectInterval: .milliseconds(100))
        defer { monitor.shutdown() }
        let log = EventLog(monitor)
        let unavailable = await log.wait { if case .serviceUnavailable = $0 { true } else { false } }
        #expect(unavailable == 0, "\(log.all)")
        // Reported once, not on every retry.
        try await Task.sleep(for: .milliseconds(500))
        #expect(log.all.count == 1, "\(log.all)")
        try pcscd.start()
        #expect(await log.wait { $0 == .readerAdded(reader: TestPCSCD.firstReader) } != nil, "\(log.all)")
    }

    @Test func shutdownWakesAWaitingMonitorAndEndsTheStream() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the card) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let monitor = PCSCMonitor(logger: Self.logger)
        let log = EventLog(monitor)
        #expect(await log.wait { $0 == .readerAdded(reader: TestPCSCD.firstReader) } != nil)
        // The monitor now blocks in SCardGetStatusChange without a timeout: only SCardCancel wakes it.
        let started = ContinuousClock.now
        monitor.shutdown()
        #expect(ContinuousClock.now - started < .seconds(2))
        let deadline = ContinuousClock.now + .seconds(5)
        while !log.finished && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(log.finished)
    }

    @Test func kioskctlCardShowsReadersStateATRAndType() async throws {
        let kioskctl = try #require(BuiltProducts.executable("kioskctl"), "run `swift build` first")
        guard let pcscd = try TestPCSCD.forTest() else { return }
        // Keeps pcscd (and below, the card) alive to the end: Swift may end a value's life after its last use.
        defer { pcscd.stop() }
        let empty = try ChildProcess.run(kioskctl.path, ["card"], timeout: .seconds(20))
        #expect(empty.termination.succeeded, "\(empty.text)")
        #expect(empty.text.contains(TestPCSCD.firstReader) && empty.text.contains(TestPCSCD.secondReader), "\(empty.text)")
        #expect(empty.text.contains("keine Karte / no card"), "\(empty.text)")
        let card = try CardEmulatorProcess(port: pcscd.port)
        defer { card.remove() }
        _ = try await Self.connect(TestPCSCD.firstReader)
        let shown = try ChildProcess.run(kioskctl.path, ["card"], timeout: .seconds(20))
        #expect(shown.termination.succeeded, "\(shown.text)")
        #expect(shown.text.contains("3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00 75"), "\(shown.text)")
        #expect(shown.text.contains("Personalausweis / German ID card"), "\(shown.text)")
        #expect(shown.text.contains("bestätigt / confirmed"), "\(shown.text)")
        let json = try ChildProcess.run(kioskctl.path, ["card", "--json"], timeout: .seconds(20))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
        let readers = try #require(decoded?["readers"] as? [[String: Any]], "\(json.text)")
        let first = try #require(readers.first { $0["name"] as? String == TestPCSCD.firstReader })
        #expect(first["card"] as? String == "id-card")
        #expect(first["confirmed"] as? Bool == true)
        card.remove()
        pcscd.stop()
        let down = try ChildProcess.run(kioskctl.path, ["card"], timeout: .seconds(20))
        #expect(!down.termination.succeeded)
        #expect(down.text.contains("pcscd") || String(decoding: down.error, as: UTF8.self).contains("pcscd"))
    }

    /// Connects to the card in `reader`, waiting (up to 10 s) until pcscd has powered it.
    static func connect(_ reader: String) async throws -> CardChannel {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                return try CardChannel(reader: reader)
            } catch {
                if ContinuousClock.now > deadline { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}

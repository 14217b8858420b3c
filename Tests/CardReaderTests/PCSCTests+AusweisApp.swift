import AusweisApp
import CardReaderTesting
import KioskCore
import KioskTesting
import Testing

/// The hand-off to AusweisApp's SDK, as far as it can be tested offline: who it is and which readers it
/// sees. In `PCSCTests` because AusweisApp reads the readers of the test's pcscd.
extension PCSCTests {
    @Test func ausweisAppAnswersInfoAndSeesThePCSCReaders() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        guard let ausweisApp = try AusweisAppProcess.forTest() else { return }
        defer { ausweisApp.stop() }
        let client = try AusweisAppClient(port: ausweisApp.port)
        let info = try client.info()
        #expect(info.name.hasPrefix("AusweisApp"), "\(info)")
        #expect(!info.version.isEmpty && !info.specificationVersion.isEmpty, "\(info)")
        // AusweisApp polls PC/SC by itself and starts its reader plug-ins after the SDK port: wait until it
        // lists vpcd's readers, without cards (seen taking over 15 s on a loaded machine).
        let deadline = ContinuousClock.now + .seconds(90)
        var readers: [AusweisAppClient.Reader] = []
        while ContinuousClock.now < deadline {
            readers = try client.readers()
            if readers.contains(where: { $0.name == TestPCSCD.firstReader }) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let first = try #require(
            readers.first { $0.name == TestPCSCD.firstReader }, "\(readers)\n\(ausweisApp.logTail)")
        #expect(first.attached && !first.hasCard && !first.keypad, "\(first)")
    }

    @Test func noAusweisAppIsAClearError() {
        do {
            _ = try AusweisAppClient(port: LoopbackPort.free(), timeout: .seconds(2))
            Issue.record("connected to nothing")
        } catch {
            #expect(error.isUnreachable)
            #expect(error.message[.german].contains("AusweisApp"))
        }
    }
}

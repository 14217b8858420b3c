import CardReader
import CardReaderTesting
import KioskCore
import Testing

/// PIN self-service end to end: PACE (OpenPACE on both sides) and secure messaging through pcscd and vpcd
/// to the test card. In `PCSCTests`, so that these tests, too, run one at a time against the one pcscd.
extension PCSCTests {
    /// The PIN service for the card in the first reader, and the card's emulator.
    static func service(_ pcscd: TestPCSCD, pullAt: Int? = nil) async throws -> (PINService, CardEmulatorProcess) {
        let card = try CardEmulatorProcess(port: pcscd.port, pullAtGeneralAuthenticate: pullAt)
        let channel = try await connect(TestPCSCD.firstReader)
        let cardAccess = try #require(try CardInspection.inspect(channel).cardAccess)
        return (PINService(channel: channel, cardAccess: cardAccess), card)
    }

    static func digits(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func transportPINIsChangedToAPersonalPIN() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        let (service, card) = try await Self.service(pcscd)
        defer { card.remove() }
        #expect(try service.status() == .ready(triesLeft: 3))
        var transport = Self.digits("12345")
        var personal = Self.digits("654321")
        try service.changePIN(current: &transport, new: &personal)
        // The caller's copies are zeroed.
        #expect(transport == [0, 0, 0, 0, 0] && personal == [0, 0, 0, 0, 0, 0])
        // The card now takes the personal PIN, and no longer the transport PIN.
        var old = Self.digits("12345")
        var next = Self.digits("111111")
        #expect(throws: PINServiceError.self) { try service.changePIN(current: &old, new: &next) }
        #expect(try service.status() == .ready(triesLeft: 2))
        var current = Self.digits("654321")
        var newer = Self.digits("111111")
        try service.changePIN(current: &current, new: &newer)
        #expect(try service.status() == .ready(triesLeft: 3))
        // The whole exchange went through PACE and secure messaging on the card.
        #expect(card.events.filter { $0 == "apdu 86" }.count == 12, "\(card.events)")
        #expect(card.events.contains("apdu 2C"), "\(card.events)")
    }

    @Test func wrongPINThriceSuspendsThenCANThenBlockedThenPUK() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        let (service, card) = try await Self.service(pcscd)
        defer { card.remove() }
        func change(_ current: String, _ new: String) -> PINServiceError? {
            var current = Self.digits(current)
            var new = Self.digits(new)
            do {
                try service.changePIN(current: &current, new: &new)
                return nil
            } catch {
                return error
            }
        }
        let first = change("99999", "123456")
        #expect(first?.isWrongPIN == true && first?.pinStatus == .ready(triesLeft: 2), "\(String(describing: first))")
        let second = change("99999", "123456")
        #expect(second?.pinStatus == .suspended, "\(String(describing: second))")
        #expect(second?.message[.german].contains("CAN") == true)
        // Suspended: even the right PIN is not tried without the CAN.
        let third = change("12345", "123456")
        #expect(third?.pinStatus == .suspended && third?.isWrongPIN == false, "\(String(describing: third))")
        #expect(try service.status() == .suspended)
        // A wrong CAN is refused and changes nothing.
        var wrongCAN = Self.digits("111111")
        var pin = Self.digits("99999")
        #expect(performing: { try service.resume(can: &wrongCAN, pin: &pin) }, throws: { ($0 as? PINServiceError)?.isWrongCAN == true })
        #expect(try service.status() == .suspended)
        // The right CAN allows one more PIN try; a wrong one blocks.
        var can = Self.digits("222222")
        var wrongPIN = Self.digits("99999")
        #expect(performing: { try service.resume(can: &can, pin: &wrongPIN) }, throws: { ($0 as? PINServiceError)?.pinStatus == .blocked })
        #expect(try service.status() == .blocked)
        #expect(change("12345", "123456")?.pinStatus == .blocked)
        // PUK: a wrong one is refused, the right one unblocks; the PIN stays the transport PIN.
        var wrongPUK = Self.digits("0000000000")
        #expect(performing: { try service.unblock(puk: &wrongPUK) }, throws: { ($0 as? PINServiceError)?.isWrongPUK == true })
        var puk = Self.digits("3333333333")
        try service.unblock(puk: &puk)
        #expect(puk.allSatisfy { $0 == 0 })
        #expect(try service.status() == .ready(triesLeft: 3))
        #expect(change("12345", "123456") == nil)
    }

    @Test func aResumedPINThatIsRightIsUsableAgain() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        let (service, card) = try await Self.service(pcscd)
        defer { card.remove() }
        for _ in 0..<2 {
            var wrong = Self.digits("99999")
            var new = Self.digits("123456")
            _ = try? service.changePIN(current: &wrong, new: &new)
        }
        #expect(try service.status() == .suspended)
        var can = Self.digits("222222")
        var pin = Self.digits("12345")
        try service.resume(can: &can, pin: &pin)
        #expect(try service.status() == .ready(triesLeft: 3))
    }

    @Test(arguments: [1, 3, 4])
    func cardPulledMidPACEIsReportedAsGone(at step: Int) async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        let (service, card) = try await Self.service(pcscd, pullAt: step)
        defer { card.remove() }
        var transport = Self.digits("12345")
        var personal = Self.digits("654321")
        do {
            try service.changePIN(current: &transport, new: &personal)
            Issue.record("the PIN was changed on a card that left the reader")
        } catch {
            #expect(error.isCardGone, "\(error)")
            #expect(!error.message[.english].isEmpty)
        }
        #expect(card.events.contains("pulled"), "\(card.events)")
        #expect(transport.allSatisfy { $0 == 0 } && personal.allSatisfy { $0 == 0 })
    }

    @Test func newPINMustHaveSixDigits() async throws {
        guard let pcscd = try TestPCSCD.forTest() else { return }
        defer { pcscd.stop() }
        let (service, card) = try await Self.service(pcscd)
        defer { card.remove() }
        var transport = Self.digits("12345")
        var short = Self.digits("12345")
        #expect(throws: PINServiceError.self) { try service.changePIN(current: &transport, new: &short) }
        // Refused before the card was asked: the retry counter is untouched.
        #expect(try service.status() == .ready(triesLeft: 3))
        #expect(!card.events.contains("apdu 86"))
    }
}

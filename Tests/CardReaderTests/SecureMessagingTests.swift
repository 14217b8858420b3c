import CardReader
import CardReaderTesting
import KioskCore
import Testing

/// PACE and secure messaging in one process, terminal and card side by side, without pcscd: the same
/// OpenPACE steps the PIN service runs, and what secure messaging must refuse.
@Suite struct SecureMessagingTests {
    /// Runs the four PACE steps between a terminal and a card context; returns both sides' messaging, or
    /// nil when the card's check of the terminal's token failed (different passwords).
    static func pace(terminalPIN: String, cardPIN: String) throws -> (SecureMessaging, SecureMessaging)? {
        let terminal = try EACContext(cardAccess: EmulatedIDCard.cardAccess)
        let card = try EACContext(cardAccess: EmulatedIDCard.cardAccess)
        var cardDigits = Array(cardPIN.utf8)
        var terminalDigits = Array(terminalPIN.utf8)
        let nonce = try card.encryptedNonce(try PACESecret(digits: &cardDigits, password: .pin))
        #expect(cardDigits.allSatisfy { $0 == 0 })
        try terminal.decryptNonce(try PACESecret(digits: &terminalDigits, password: .pin), nonce)
        let terminalMapping = try terminal.mappingData()
        let cardMapping = try card.mappingData()
        try terminal.mapGenerator(cardMapping)
        try card.mapGenerator(terminalMapping)
        let terminalKey = try terminal.ephemeralKey()
        let cardKey = try card.ephemeralKey()
        try terminal.deriveKeys(otherEphemeralKey: cardKey)
        try card.deriveKeys(otherEphemeralKey: terminalKey)
        let terminalToken = try terminal.token(otherEphemeralKey: cardKey)
        do { try card.verify(token: terminalToken) } catch { return nil }
        try terminal.verify(token: try card.token(otherEphemeralKey: terminalKey))
        return (try SecureMessaging(after: terminal), try SecureMessaging(after: card))
    }

    @Test func rightPINGivesSharedKeysAndWrongPINDoesNot() throws {
        #expect(try Self.pace(terminalPIN: "123456", cardPIN: "123456") != nil)
        #expect(try Self.pace(terminalPIN: "123457", cardPIN: "123456") == nil)
    }

    @Test func commandsAndResponsesRoundTripEncrypted() throws {
        let (terminal, card) = try #require(try Self.pace(terminalPIN: "12345", cardPIN: "12345"))
        for round in 0..<3 {
            let plain: [UInt8] = [0x00, 0x2C, 0x02, 0x03, 0x06] + Array("65432\(round)".utf8)
            let wrapped = try terminal.wrapCommand(plain)
            #expect(wrapped[0] == 0x0C)
            // The new PIN does not travel in the clear.
            #expect(!wrapped.windows(ofCount: 6).contains { Array($0) == Array("65432\(round)".utf8) })
            #expect(try card.unwrapCommand(wrapped) == plain)
            let response = try card.wrapResponse(ResponseAPDU(data: [0x01, 0x02], status: 0x9000))
            #expect(try terminal.unwrapResponse(response) == ResponseAPDU(data: [0x01, 0x02], status: 0x9000))
        }
    }

    @Test func aChangedByteIsRefused() throws {
        // Each header byte but CLA and each byte after the length, flipped on a fresh session, breaks the MAC (or the structure) on the card;
        // the untouched command on the same kind of session goes through.
        let command: [UInt8] = [0x00, 0x2C, 0x02, 0x03, 0x06] + Array("654321".utf8)
        let length = try #require(try Self.pace(terminalPIN: "12345", cardPIN: "12345")).0.wrapCommand(command).count
        for index in Array(1..<4) + Array(5..<(length - 1)) {
            let (terminal, card) = try #require(try Self.pace(terminalPIN: "12345", cardPIN: "12345"))
            var tampered = try terminal.wrapCommand(command)
            tampered[index] ^= 0x01
            #expect(throws: PACEStepFailure.self, "byte \(index)") { try card.unwrapCommand(tampered) }
        }
        let (terminal, card) = try #require(try Self.pace(terminalPIN: "12345", cardPIN: "12345"))
        #expect(try card.unwrapCommand(try terminal.wrapCommand(command)) == command)
    }

    @Test func aReplayedCommandIsRefused() throws {
        let (terminal, card) = try #require(try Self.pace(terminalPIN: "12345", cardPIN: "12345"))
        let wrapped = try terminal.wrapCommand([0x00, 0x2C, 0x03, 0x03])
        #expect(try card.unwrapCommand(wrapped) == [0x00, 0x2C, 0x03, 0x03])
        _ = try card.wrapResponse(ResponseAPDU(status: 0x9000))
        // The send sequence counter moved on: the same bytes again no longer verify.
        #expect(throws: PACEStepFailure.self) { try card.unwrapCommand(wrapped) }
    }
}

extension Array {
    /// Consecutive slices of `count` elements.
    fileprivate func windows(ofCount count: Int) -> [ArraySlice<Element>] {
        guard self.count >= count else { return [] }
        return (0...(self.count - count)).map { self[$0..<($0 + count)] }
    }
}

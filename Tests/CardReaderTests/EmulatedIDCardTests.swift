import CardReaderTesting
import KioskCore
import Testing

/// The test card's own rules, without pcscd: what it answers in the clear and how its counters move.
@Suite struct EmulatedIDCardTests {
    @Test func readsCardAccessInChunks() throws {
        let card = EmulatedIDCard()
        #expect(ResponseAPDU(card.process(CardCommand.selectFile(CardCommand.cardAccessFileID)))?.status == 0x9000)
        // Le 8: three chunks of at most 8 bytes, the last one short with 6282.
        var content: [UInt8] = []
        var status: UInt16 = 0
        while status != 0x6282 {
            let response = try #require(ResponseAPDU(card.process([0x00, 0xB0, 0x00, UInt8(content.count), 0x08])))
            content += response.data
            status = response.status
            #expect(content.count <= EmulatedIDCard.cardAccess.count)
        }
        #expect(content == EmulatedIDCard.cardAccess)
        #expect(try CardAccess(bytes: content).paceInfos.count == 1)
        // After a reset the file is no longer selected.
        card.reset()
        #expect(ResponseAPDU(card.process(CardCommand.readBinary(offset: 0)))?.status == 0x6986)
    }

    @Test func girocardHasNoCardAccess() {
        let card = EmulatedIDCard(profile: .girocard)
        #expect(ResponseAPDU(card.process(CardCommand.selectFile(CardCommand.cardAccessFileID)))?.status == 0x6A82)
        #expect(card.atr == EmulatedIDCard.girocardATR)
    }

    @Test func wrongPINThreeTimesSuspendsThenCANThenBlocksThenPUK() {
        let card = EmulatedIDCard()
        let oid = EmulatedIDCard.cardAccess[6..<16].map { $0 }
        func mse(_ password: PACEPassword) -> PINStatus? {
            PINStatus(statusWord: ResponseAPDU(card.process(CardCommand.mseSetATForPACE(protocolIdentifier: oid, password: password)))!.status)
        }
        #expect(mse(.pin) == .ready(triesLeft: 3))
        card.record(.pin, succeeded: false)
        #expect(mse(.pin) == .ready(triesLeft: 2))
        card.record(.pin, succeeded: false)
        #expect(mse(.pin) == .suspended)
        // Suspended: a third PIN try is refused and does not count.
        #expect(!card.mayAttempt(.pin))
        card.record(.pin, succeeded: false)
        #expect(mse(.pin) == .suspended)
        // A wrong CAN does not resume; a right one allows exactly one more PIN try.
        card.record(.can, succeeded: false)
        #expect(!card.mayAttempt(.pin))
        card.record(.can, succeeded: true)
        #expect(card.mayAttempt(.pin))
        card.record(.pin, succeeded: false)
        #expect(mse(.pin) == .blocked)
        #expect(!card.mayAttempt(.pin))
        // Even a CAN does not help a blocked PIN.
        card.record(.can, succeeded: true)
        #expect(!card.mayAttempt(.pin))
        // PUK: PACE with the PUK, then RESET RETRY COUNTER.
        #expect(card.mayAttempt(.puk))
        card.record(.puk, succeeded: true)
        card.unblockPIN()
        #expect(mse(.pin) == .ready(triesLeft: 3))
        #expect(card.pukUsesLeft == 9)
    }

    @Test func rightPINResetsTheCounterAndDeactivatedCardSaysSo() {
        let card = EmulatedIDCard()
        card.record(.pin, succeeded: false)
        #expect(card.pinRetryCounter == 2)
        card.record(.pin, succeeded: true)
        #expect(card.pinRetryCounter == 3)
        card.deactivated = true
        #expect(card.status(for: .pin) == 0x6283)
        #expect(!card.mayAttempt(.pin))
    }

    @Test func pukRunsOutAfterTenUses() {
        let card = EmulatedIDCard()
        for _ in 0..<10 { card.record(.puk, succeeded: true) }
        #expect(!card.mayAttempt(.puk))
        #expect(card.status(for: .puk) == 0x63C0)
    }
}

import KioskCore
import KioskTesting
import Testing

/// ATR parsing (ISO/IEC 7816-3) and card identification against real ATRs.
///
/// Unless a comment says otherwise, each ATR is an entry of pcsc-tools' smartcard_list.txt (Debian
/// pcsc-tools 1.6.2, /usr/share/pcsc/smartcard_list.txt), with the card name that list gives.
@Suite struct AnswerToResetTests {
    @Test func germanIDCardContactlessATR() throws {
        // "German ID Card - Personalausweis"
        let atr = try AnswerToReset(hex: "3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00 75")
        #expect(atr.convention == .direct)
        #expect(atr.groups.count == 3)
        #expect(atr.groups[0].td == 0x80)
        #expect(atr.groups[1].td == 0x01)
        #expect(atr.groups[2] == AnswerToReset.InterfaceGroup())
        #expect(atr.historicalBytes == [0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00])
        #expect(atr.checkByte == 0x75)
        #expect(atr.protocols == [0, 1])
        #expect(atr.description == "3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00 75")
        #expect(CardIdentification.hint(from: atr) == .germanIDCard)
    }

    @Test func healthCardG2HasFourInterfaceGroups() throws {
        // "German public health insurance card ..., 2nd generation (G2), issuer Techniker Krankenkasse"
        let atr = try AnswerToReset(hex: "3B D0 96 FF 81 B1 FE 45 1F 07 2A")
        #expect(atr.groups.map(\.ta) == [0x96, nil, 0xFE, 0x07])
        #expect(atr.groups.map(\.tb) == [nil, nil, 0x45, nil])
        #expect(atr.groups.map(\.tc) == [0xFF, nil, nil, nil])
        #expect(atr.groups.map(\.td) == [0x81, 0xB1, 0x1F, nil])
        #expect(atr.historicalBytes.isEmpty)
        #expect(atr.protocols == [1, 15])
        #expect(CardIdentification.hint(from: atr) == .healthCard)
    }

    @Test func t0OnlyATRHasNoCheckByte() throws {
        // "Estonian Residence Permit (eID)": T=0 only (no TD byte), so ISO/IEC 7816-3 forbids a TCK.
        let atr = try AnswerToReset(hex: "3B 6C 00 00 0A 0B 0C 0A 0B 0C 0A 0B 0C 0A 0B 0C")
        #expect(atr.checkByte == nil)
        #expect(atr.groups.first?.tb == 0x00 && atr.groups.first?.tc == 0x00)
        #expect(atr.historicalBytes.count == 12)
        #expect(atr.protocols == [0])
        #expect(CardIdentification.hint(from: atr) == .unknown)
    }

    @Test(arguments: [
        // (ATR, kind the ATR hints at); sources in smartcard_list.txt unless noted.
        ("3B 8A 80 01 80 31 B8 73 84 01 E0 82 90 00 06", CardKind.germanIDCard),  // "German ID Card - Personalausweis"
        ("3B 87 80 01 80 31 B8 73 84 01 E0 19", .germanIDCard),  // "Personalausweis (German Identity Card) (eID)"
        ("3B 88 80 01 00 00 00 00 00 00 00 00 09", .germanIDCard),  // "Personalausweis (German Identity Card) (eID)"
        ("3B 88 80 01 E1 F3 5E 13 77 83 00 00 A2", .germanIDCard),  // shared/notes/eid.md (nPA)
        ("3B 88 80 01 E1 F3 5E 11 77 83 00 00 A0", .residencePermit),  // "Residence permit (eID)"
        ("3B 85 80 01 30 01 01 30 30 34", .healthCard),  // "German Health Insurance Card ... (eGK)"
        ("3B 87 80 01 80 31 C0 73 D6 31 C0 23", .girocard),  // "girocard contactless (Bank)"
        ("3B 88 80 01 00 00 00 00 00 41 91 00 D9", .unknown),  // "EffiTIC (Transport)"
        ("3B 95 13 81 01 80 73 FF 01 00 0B", .unknown),  // vsmartcard vicc's ISO 7816 card (shared/notes/peers.md)
    ])
    func hintsFromRealATRs(hex: String, kind: CardKind) throws {
        let atr = try AnswerToReset(hex: hex)
        #expect(CardIdentification.hint(from: atr) == kind)
    }

    @Test func wrongCheckByteIsRejected() {
        // The nPA ATR above with its TCK off by one.
        #expect(throws: ATRError.self) { try AnswerToReset(hex: "3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00 74") }
    }

    @Test func malformedATRsAreRejectedWithAReason() {
        let cases: [(String, String)] = [
            ("", "empty"),
            ("3C 00", "TS is 3C"),
            ("3B", "before T0"),
            ("3B 8A 80", "before TD2"),
            ("3B 8A 80 01 80 31", "before historical bytes"),
            ("3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00", "before TCK"),
            ("3B 00 00", "1 bytes too many"),
            ("3B " + String(repeating: "00 ", count: 33), "34 bytes"),
            ("3B 8X", "not hex"),
        ]
        for (hex, reason) in cases {
            do {
                _ = try AnswerToReset(hex: hex)
                Issue.record("\(hex) was accepted")
            } catch {
                #expect(error.message[.english].contains(reason), "\(hex): \(error.message[.english])")
                #expect(!error.message[.german].isEmpty)
            }
        }
    }

    @Test func identificationNeedsCardAccessToConfirm() throws {
        let atr = try AnswerToReset(hex: "3B 8A 80 01 80 31 F8 73 F7 41 E0 82 90 00 75")
        // PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, brainpoolP256r1: a typical EF.CardAccess (shared/notes/eid.md).
        let cardAccess = try CardAccess(bytes: [
            0x31, 0x14, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02, 0x02,
            0x01, 0x02, 0x02, 0x01, 0x0D,
        ])
        #expect(cardAccess.paceInfos.count == 1)
        #expect(cardAccess.paceInfos.first?.parameterID == 13)
        #expect(cardAccess.paceInfos.first?.version == 2)
        #expect(CardIdentification.identify(atr: atr, cardAccess: cardAccess) == CardIdentification(kind: .germanIDCard, confirmed: true))
        // The same ATR without EF.CardAccess is not taken for an ID card.
        #expect(CardIdentification.identify(atr: atr, cardAccess: nil) == CardIdentification(kind: .unknown, confirmed: false))
        // An unknown ATR with PACE is an eID document; a girocard stays a girocard (unconfirmed).
        let other = try AnswerToReset(hex: "3B 88 80 01 00 00 00 00 00 41 91 00 D9")
        #expect(CardIdentification.identify(atr: other, cardAccess: cardAccess).kind == .eIDDocument)
        let giro = try AnswerToReset(hex: "3B 87 80 01 80 31 C0 73 D6 31 C0 23")
        #expect(CardIdentification.identify(atr: giro, cardAccess: nil) == CardIdentification(kind: .girocard, confirmed: false))
    }

    @Test func cardAccessWithoutPACEInfoOrMalformed() throws {
        // A SET holding only a PACEDomainParameterInfo-like entry (id-PACE + one arc): no PACEInfo.
        let noPACE = try CardAccess(bytes: [0x31, 0x0F, 0x30, 0x0D, 0x06, 0x09, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x30, 0x00])
        #expect(noPACE.paceInfos.isEmpty)
        #expect(throws: TLVError.self) { try CardAccess(bytes: [0x31, 0x14, 0x30]) }
        #expect(throws: TLVError.self) { try CardAccess(bytes: [0x30, 0x00]) }
    }

    @Test func pinStatusFromStatusWords() {
        #expect(PINStatus(statusWord: 0x9000) == .ready(triesLeft: 3))
        #expect(PINStatus(statusWord: 0x63C2) == .ready(triesLeft: 2))
        #expect(PINStatus(statusWord: 0x63C1) == .suspended)
        #expect(PINStatus(statusWord: 0x63C0) == .blocked)
        #expect(PINStatus(statusWord: 0x6283) == .deactivated)
        #expect(PINStatus(statusWord: 0x6A80) == nil)
        #expect(PINStatus.suspended.message[.german].contains("CAN"))
    }
}

/// Seeded random and mutated ATRs and TLV data: the parsers never crash, and what they accept is consistent.
@Suite struct AnswerToResetFuzzTests {
    static let seeds: [UInt64] = [1, 7, 8_1978, 20_261_123]

    @Test(arguments: seeds)
    func randomBytesNeverCrashAndAcceptedOnesAreConsistent(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...36, using: &random)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            // Bias towards a valid TS so that the deeper rules are reached.
            if !bytes.isEmpty && Bool.random(using: &random) { bytes[0] = 0x3B }
            guard let atr = try? AnswerToReset(bytes: bytes) else { continue }
            accepted += 1
            #expect(atr.bytes == bytes, "seed \(seed)")
            #expect(atr.historicalBytes.count == Int(bytes[1] & 0x0F), "seed \(seed)")
            if let check = atr.checkByte {
                #expect(bytes.dropFirst().reduce(0, ^) == 0, "seed \(seed)")
                #expect(check == bytes.last, "seed \(seed)")
            }
        }
        // Random bytes rarely form an ATR; some do (T0 with no interface bytes and the right length).
        #expect(accepted > 0, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func mutatedRealATRsAreRejectedOrStillWellFormed(seed: UInt64) throws {
        var random = SeededRandomNumberGenerator(seed: seed)
        let base: [UInt8] = [0x3B, 0x8A, 0x80, 0x01, 0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00, 0x75]
        var rejected = 0
        for _ in 0..<5_000 {
            var bytes = base
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: bytes[index] ^= UInt8.random(in: 1...255, using: &random)
            case 1: bytes.remove(at: index)
            default: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
            }
            do {
                let atr = try AnswerToReset(bytes: bytes)
                // Accepted only if it really is a well-formed ATR: the exclusive-or check must still hold.
                if atr.checkByte != nil { #expect(bytes.dropFirst().reduce(0, ^) == 0, "seed \(seed)") }
            } catch {
                rejected += 1
                #expect(!error.message[.english].isEmpty)
            }
        }
        // A single changed byte of an ATR with TCK breaks the check byte: nearly all mutations are caught.
        #expect(rejected > 4_500, "seed \(seed): only \(rejected) rejected")
    }

    @Test(arguments: seeds)
    func tlvParserNeverCrashesAndRoundTrips(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            guard let objects = try? TLV.parseAll(bytes) else { continue }
            // What parses re-encodes to something that parses to the same objects.
            let again = try? TLV.parseAll(objects.flatMap(\.encoded))
            #expect(again == objects, "seed \(seed)")
            _ = try? CardAccess(bytes: bytes)
        }
    }
}

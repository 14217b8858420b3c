public import KioskCore

/// The card side of a German ID card as far as the tests need it: ATR, SELECT, READ BINARY of
/// EF.CardAccess, MSE:Set AT answering with the PIN's retry counter, and the retry counter rules.
///
/// Rules after BSI TR-03110 and vsmartcard's `cards/nPA.py`: the PIN has 3 tries; at 1 it is suspended
/// (a PACE with the PIN is refused until a PACE with the CAN succeeded); at 0 it is blocked until RESET
/// RETRY COUNTER after a PACE with the PUK; the PUK itself can be used 10 times. Not Sendable: one
/// connection thread owns a card.
public final class EmulatedIDCard {
    /// Which card to play.
    public enum Profile: String, Sendable, CaseIterable {
        /// A German ID card: nPA ATR and EF.CardAccess with PACE.
        case idCard = "id-card"
        /// A card whose ATR looks like an ID card but that has no EF.CardAccess.
        case lookalike
        /// A girocard: its contactless ATR, no EF.CardAccess.
        case girocard
    }

    /// The card's ATR ("German ID Card - Personalausweis" in pcsc-tools' smartcard_list.txt).
    public static let idCardATR: [UInt8] = [0x3B, 0x8A, 0x80, 0x01, 0x80, 0x31, 0xF8, 0x73, 0xF7, 0x41, 0xE0, 0x82, 0x90, 0x00, 0x75]
    /// "girocard contactless (Bank)" in smartcard_list.txt.
    public static let girocardATR: [UInt8] = [0x3B, 0x87, 0x80, 0x01, 0x80, 0x31, 0xC0, 0x73, 0xD6, 0x31, 0xC0, 0x23]
    /// EF.CardAccess with one PACEInfo: PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, brainpoolP256r1 (13),
    /// the typical content of a German ID card.
    public static let cardAccess: [UInt8] = [
        0x31, 0x14, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02, 0x02, 0x01,
        0x02, 0x02, 0x01, 0x0D,
    ]

    /// The card played.
    public let profile: Profile
    /// The PIN's retry counter: 3 fresh, 1 suspended, 0 blocked.
    public private(set) var pinRetryCounter = 3
    /// True once a PACE with the CAN succeeded since the PIN was suspended: the PIN may be tried once more.
    public private(set) var pinResumed = false
    /// How often the PUK may still be used.
    public private(set) var pukUsesLeft = 10
    /// True when the online ID function is switched off.
    public var deactivated = false
    private var selectedFile: UInt16?

    /// A fresh card of `profile`.
    public init(profile: Profile = .idCard) { self.profile = profile }

    /// The ATR of this card.
    public var atr: [UInt8] { profile == .girocard ? Self.girocardATR : Self.idCardATR }

    /// A warm or cold reset: the selected file is forgotten, the counters stay (they live in EEPROM).
    public func reset() { selectedFile = nil }

    /// The status MSE:Set AT answers for `password`: the retry counter for the PIN, success otherwise.
    public func status(for password: PACEPassword) -> UInt16 {
        if deactivated && password == .pin { return 0x6283 }
        guard password == .pin else { return password == .puk && pukUsesLeft == 0 ? 0x63C0 : 0x9000 }
        switch pinRetryCounter {
        case 3: return 0x9000
        case 0: return 0x63C0
        default: return 0x63C0 | UInt16(pinRetryCounter)
        }
    }

    /// Whether a PACE with `password` may start now (the card refuses a suspended or blocked PIN).
    public func mayAttempt(_ password: PACEPassword) -> Bool {
        switch password {
        case .pin: !deactivated && (pinRetryCounter >= 2 || (pinRetryCounter == 1 && pinResumed))
        case .puk: pukUsesLeft > 0
        case .can, .mrz: true
        }
    }

    /// Applies the outcome of a PACE run with `password` to the counters (the card side calls this once it
    /// has checked the authentication token).
    public func record(_ password: PACEPassword, succeeded: Bool) {
        switch password {
        case .pin:
            if succeeded {
                pinRetryCounter = 3
            } else if mayAttempt(.pin) {
                pinRetryCounter -= 1
            }
            pinResumed = false
        case .can:
            if succeeded && pinRetryCounter == 1 { pinResumed = true }
        case .puk:
            if pukUsesLeft > 0 { pukUsesLeft -= 1 }
        case .mrz:
            break
        }
    }

    /// RESET RETRY COUNTER after a PACE with the PUK: the PIN is usable again with 3 tries.
    public func unblockPIN() {
        pinRetryCounter = 3
        pinResumed = false
    }

    /// Answers one command APDU sent in the clear.
    public func process(_ command: [UInt8]) -> [UInt8] {
        guard command.count >= 4 else { return ResponseAPDU(status: 0x6700).bytes }
        let (cla, ins, p1, p2) = (command[0], command[1], command[2], command[3])
        guard cla & 0x0C == 0 else { return ResponseAPDU(status: 0x6882).bytes }  // secure messaging not offered here
        switch ins {
        case 0xA4: return select(p1: p1, p2: p2, data: Array(command.dropFirst(5))).bytes
        case 0xB0: return readBinary(offset: Int(p1 & 0x7F) << 8 | Int(p2), le: command.count > 4 ? Int(command[command.count - 1]) : 256).bytes
        case 0x22 where p1 == 0xC1 && p2 == 0xA4: return mseSetAT(data: Array(command.dropFirst(5))).bytes
        default: return ResponseAPDU(status: 0x6D00).bytes
        }
    }

    private func select(p1: UInt8, p2: UInt8, data: [UInt8]) -> ResponseAPDU {
        switch (p1, data) {
        case (0x00, [0x3F, 0x00]), (0x00, []):
            selectedFile = nil
            return ResponseAPDU(status: 0x9000)
        case (0x02, [0x01, 0x1C]) where profile == .idCard:
            selectedFile = CardCommand.cardAccessFileID
            return ResponseAPDU(status: 0x9000)
        default:
            return ResponseAPDU(status: 0x6A82)
        }
    }

    private func readBinary(offset: Int, le: Int) -> ResponseAPDU {
        guard selectedFile == CardCommand.cardAccessFileID else { return ResponseAPDU(status: 0x6986) }
        let content = Self.cardAccess
        guard offset <= content.count else { return ResponseAPDU(status: 0x6B00) }
        let wanted = le == 0 ? 256 : le
        let slice = Array(content[offset..<min(content.count, offset + wanted)])
        return ResponseAPDU(data: slice, status: slice.count < wanted ? 0x6282 : 0x9000)
    }

    private func mseSetAT(data: [UInt8]) -> ResponseAPDU {
        guard profile == .idCard, let objects = try? TLV.parseAll(data),
            let reference = objects.first(where: { $0.tag == 0x83 })?.value.first,
            let password = PACEPassword(rawValue: reference)
        else { return ResponseAPDU(status: 0x6A80) }
        return ResponseAPDU(status: status(for: password))
    }
}

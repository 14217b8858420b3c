import CardReader
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
    /// True while the PIN is still the 5-digit transport PIN from the PIN letter.
    public private(set) var hasTransportPIN: Bool
    private var selectedFile: UInt16?
    private var pin: [UInt8]
    private let can: [UInt8]
    private let puk: [UInt8]
    private let pace = PACECard(cardAccess: EmulatedIDCard.cardAccess)
    private var messaging: SecureMessaging?
    private var authenticated: PACEPassword?

    /// A fresh card of `profile` with its PIN (5 digits: a transport PIN), CAN and PUK as ASCII digits.
    /// The defaults are vsmartcard's nPA test values for CAN and PUK and a transport PIN.
    public init(profile: Profile = .idCard, pin: String = "12345", can: String = "222222", puk: String = "3333333333") {
        self.profile = profile
        self.pin = Array(pin.utf8)
        self.can = Array(can.utf8)
        self.puk = Array(puk.utf8)
        hasTransportPIN = pin.count == 5
    }

    /// True when `candidate` is the card's current PIN (for tests: the card itself never reveals it).
    public func pinEquals(_ candidate: String) -> Bool { pin == Array(candidate.utf8) }

    /// The ATR of this card.
    public var atr: [UInt8] { profile == .girocard ? Self.girocardATR : Self.idCardATR }

    /// A warm or cold reset: the selected file, a PACE run and secure messaging are forgotten; the counters
    /// and the PIN stay (they live in EEPROM).
    public func reset() {
        selectedFile = nil
        messaging = nil
        authenticated = nil
        pace.select(nil)
    }

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
        if cla & 0x0C == 0x0C { return secured(command) }
        // A plain command ends secure messaging (ISO/IEC 7816-4): the session keys are gone.
        messaging = nil
        authenticated = nil
        switch ins {
        case 0x86 where profile == .idCard: return generalAuthenticate(data: Array(command.dropFirst(5)))
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
        pace.select(password)
        return ResponseAPDU(status: status(for: password))
    }

    private func generalAuthenticate(data: [UInt8]) -> [UInt8] {
        guard let password = pace.selected else { return ResponseAPDU(status: 0x6985).bytes }
        if pace.isAtFirstStep && !mayAttempt(password) {
            pace.select(nil)
            switch password {
            case .pin where deactivated: return ResponseAPDU(status: 0x6283).bytes
            case .pin where pinRetryCounter == 1: return ResponseAPDU(status: 0x6985).bytes
            default: return ResponseAPDU(status: 0x6983).bytes
            }
        }
        switch pace.authenticate(data: data, secret: { secret(for: password) }) {
        case .respond(let response):
            return response
        case .established(let response, let password, let channel):
            record(password, succeeded: true)
            messaging = channel
            authenticated = password
            return response
        case .failed(let password):
            record(password, succeeded: false)
            return ResponseAPDU(status: password == .pin ? status(for: .pin) : 0x6300).bytes
        }
    }

    private func secret(for password: PACEPassword) -> [UInt8] {
        switch password {
        case .pin: pin
        case .can: can
        case .puk: puk
        case .mrz: []
        }
    }

    /// A command under secure messaging; a MAC that does not verify ends secure messaging (6988, in plain).
    private func secured(_ command: [UInt8]) -> [UInt8] {
        guard let messaging else { return ResponseAPDU(status: 0x6882).bytes }
        var plain: [UInt8]
        do { plain = try messaging.unwrapCommand(command) } catch {
            self.messaging = nil
            authenticated = nil
            return ResponseAPDU(status: 0x6988).bytes
        }
        defer { plain.zeroize() }
        let response = resetRetryCounter(plain)
        do { return try messaging.wrapResponse(response) } catch {
            self.messaging = nil
            return ResponseAPDU(status: 0x6F00).bytes
        }
    }

    /// RESET RETRY COUNTER (INS 2C) for the PIN (P2 03): P1 02 sets a new PIN after PACE with the PIN,
    /// P1 03 unblocks after PACE with the PUK.
    private func resetRetryCounter(_ command: [UInt8]) -> ResponseAPDU {
        guard command.count >= 4, command[1] == 0x2C else { return ResponseAPDU(status: 0x6D00) }
        guard command[3] == 0x03 else { return ResponseAPDU(status: 0x6A86) }
        switch command[2] {
        case 0x02:
            guard authenticated == .pin else { return ResponseAPDU(status: 0x6982) }
            guard command.count >= 5, command.count == 5 + Int(command[4]) else { return ResponseAPDU(status: 0x6700) }
            let newPIN = Array(command[5...])
            guard newPIN.count == 6, newPIN.allSatisfy({ (0x30...0x39).contains($0) }) else { return ResponseAPDU(status: 0x6A80) }
            pin.zeroize()
            pin = newPIN
            hasTransportPIN = false
            return ResponseAPDU(status: 0x9000)
        case 0x03:
            guard authenticated == .puk else { return ResponseAPDU(status: 0x6982) }
            unblockPIN()
            return ResponseAPDU(status: 0x9000)
        default:
            return ResponseAPDU(status: 0x6A86)
        }
    }
}

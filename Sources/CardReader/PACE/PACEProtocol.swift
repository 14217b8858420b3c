package import KioskCore

/// The terminal's side of PACE (BSI TR-03110 part 2, 3.2; part 3, B.11): MSE:Set AT, then four GENERAL
/// AUTHENTICATE commands with dynamic authentication data (tag 7C), then secure messaging.
package enum PACETerminal {
    /// How a PACE run ended when it did not succeed.
    package enum Outcome: Error {
        /// The card refused MSE:Set AT or a GENERAL AUTHENTICATE with this status word (63Cx after a wrong
        /// PIN, 6983 / 6985 for a blocked or suspended PIN, ...).
        case refused(status: UInt16)
        /// The card's token did not verify: the card answered with another password than the one entered.
        case tokenMismatch
        /// A step of the cryptography failed.
        case failed(PACEStepFailure)
        /// The reader or card failed.
        case transport(PCSCError)
    }

    /// Runs PACE with `password` (ASCII digits, overwritten with zeros here) and returns secure messaging
    /// with the session keys.
    package static func run(
        over channel: CardChannel, cardAccess: CardAccess, password: PACEPassword, secret: inout [UInt8]
    ) throws(Outcome) -> SecureMessaging {
        defer { secret.zeroize() }
        guard let info = cardAccess.paceInfos.first else { throw .failed(PACEStepFailure(step: "no PACEInfo")) }
        do {
            let eac = try EACContext(cardAccess: cardAccess.bytes)
            let sec = try PACESecret(digits: &secret, password: password.kind)
            let mse = try send(channel, CardCommand.mseSetATForPACE(protocolIdentifier: info.protocolIdentifier, password: password))
            // 63Cx here is the retry counter, not a refusal: a PIN with tries left may be used.
            guard mse.isSuccess || mse.status == 0x63C2 || (mse.status == 0x63C1 && password == .pin) else {
                throw Outcome.refused(status: mse.status)
            }
            let nonce = try step(channel, [], expect: 0x80, last: false)
            try eac.decryptNonce(sec, nonce)
            let cardMapping = try step(channel, TLV(tag: 0x81, value: try eac.mappingData()).encoded, expect: 0x82, last: false)
            try eac.mapGenerator(cardMapping)
            let terminalKey = try eac.ephemeralKey()
            let cardKey = try step(channel, TLV(tag: 0x83, value: terminalKey).encoded, expect: 0x84, last: false)
            try eac.deriveKeys(otherEphemeralKey: cardKey)
            let token = try eac.token(otherEphemeralKey: cardKey)
            let cardToken = try step(channel, TLV(tag: 0x85, value: token).encoded, expect: 0x86, last: true)
            do { try eac.verify(token: cardToken) } catch { throw Outcome.tokenMismatch }
            return try SecureMessaging(after: eac)
        } catch let outcome as Outcome {
            throw outcome
        } catch let failure as PACEStepFailure {
            throw .failed(failure)
        } catch let error as PCSCError {
            throw .transport(error)
        } catch {
            throw .failed(PACEStepFailure(step: "\(type(of: error))"))
        }
    }

    /// One GENERAL AUTHENTICATE: sends `objects` inside 7C, returns the value of `tag` in the card's 7C.
    private static func step(_ channel: CardChannel, _ objects: [UInt8], expect tag: UInt32, last: Bool) throws -> [UInt8] {
        let data = TLV(tag: 0x7C, value: objects).encoded
        // Command chaining (CLA 10) for all but the last step, as TR-03110 part 3 B.1 asks.
        let command = [last ? 0x00 : 0x10, 0x86, 0x00, 0x00, UInt8(data.count)] + data + [0x00]
        let response = try send(channel, command)
        guard response.isSuccess else { throw Outcome.refused(status: response.status) }
        guard let template = try TLV.parseAll(response.data).first(where: { $0.tag == 0x7C }),
            let value = try template.child(tag)?.value
        else { throw PACEStepFailure(step: "GENERAL AUTHENTICATE response without \(String(tag, radix: 16))") }
        return value
    }

    private static func send(_ channel: CardChannel, _ command: [UInt8]) throws -> ResponseAPDU {
        guard let response = ResponseAPDU(try channel.transmit(command)) else {
            throw PACEStepFailure(step: "response too short")
        }
        return response
    }
}

extension PACEPassword {
    /// The same password for the OpenPACE wrapper.
    var kind: PACEPasswordKind {
        switch self {
        case .mrz: .mrz
        case .can: .can
        case .pin: .pin
        case .puk: .puk
        }
    }
}

/// The card's side of PACE, for the test card: answers MSE:Set AT and the four GENERAL AUTHENTICATE steps.
package final class PACECard {
    /// What a command did to the PACE run.
    package enum Result {
        /// Answer with this response and keep going.
        case respond([UInt8])
        /// The run succeeded with `password`: answer, then switch to secure messaging.
        case established(response: [UInt8], password: PACEPassword, messaging: SecureMessaging)
        /// The run failed with `password` (wrong password): the caller counts the failure and answers with
        /// the new retry counter.
        case failed(password: PACEPassword)
    }

    private let cardAccess: [UInt8]
    private var password: PACEPassword?
    private var eac: EACContext?
    private var terminalKey: [UInt8] = []
    private var step = 0

    /// A card offering PACE as `cardAccess` describes.
    package init(cardAccess: [UInt8]) { self.cardAccess = cardAccess }

    /// The password MSE:Set AT chose, nil when no run is prepared.
    package var selected: PACEPassword? { password }
    /// True before the first GENERAL AUTHENTICATE of a run.
    package var isAtFirstStep: Bool { step == 0 }

    /// MSE:Set AT chose `password` (nil: forget the run); a new run starts.
    package func select(_ password: PACEPassword?) {
        self.password = password
        eac = nil
        step = 0
    }

    /// One GENERAL AUTHENTICATE; `secret` gives the card's stored value of the chosen password (copied,
    /// and the copy zeroed, inside).
    package func authenticate(data: [UInt8], secret: () -> [UInt8]) -> Result {
        guard let password else { return .respond(ResponseAPDU(status: 0x6985).bytes) }
        do {
            guard let template = try TLV.parseAll(data).first(where: { $0.tag == 0x7C }) else {
                return .respond(ResponseAPDU(status: 0x6A80).bytes)
            }
            switch step {
            case 0:
                let context = try EACContext(cardAccess: cardAccess)
                var digits = secret()
                let sec = try PACESecret(digits: &digits, password: password.kind)
                let nonce = try context.encryptedNonce(sec)
                // OpenPACE keeps the nonce in the context; the secret is not needed after step 1.
                eac = context
                step = 1
                return .respond(answer(0x80, nonce))
            case 1:
                guard let eac, let mapping = try template.child(0x81)?.value else { throw PACEStepFailure(step: "81") }
                let own = try eac.mappingData()
                try eac.mapGenerator(mapping)
                step = 2
                return .respond(answer(0x82, own))
            case 2:
                guard let eac, let key = try template.child(0x83)?.value else { throw PACEStepFailure(step: "83") }
                terminalKey = key
                let own = try eac.ephemeralKey()
                try eac.deriveKeys(otherEphemeralKey: key)
                step = 3
                return .respond(answer(0x84, own))
            default:
                guard let eac, let token = try template.child(0x85)?.value else { throw PACEStepFailure(step: "85") }
                step = 0
                self.password = nil
                self.eac = nil
                do {
                    try eac.verify(token: token)
                } catch {
                    return .failed(password: password)
                }
                let own = try eac.token(otherEphemeralKey: terminalKey)
                let response = answer(0x86, own)
                return .established(response: response, password: password, messaging: try SecureMessaging(after: eac))
            }
        } catch {
            step = 0
            self.eac = nil
            return .respond(ResponseAPDU(status: 0x6A80).bytes)
        }
    }

    private func answer(_ tag: UInt32, _ value: [UInt8]) -> [UInt8] {
        ResponseAPDU(data: TLV(tag: 0x7C, value: TLV(tag: tag, value: value).encoded).encoded, status: 0x9000).bytes
    }
}

public import KioskCore

/// PIN self-service for the German ID card and residence permit on a basic reader (no PIN pad, no
/// EXECUTE_PACE): the terminal runs PACE itself with OpenPACE and manages the PIN over secure messaging.
///
/// Every PIN, CAN and PUK is passed `inout` as ASCII digits and overwritten with zeros before the call
/// returns, whatever the outcome; none is logged, stored or part of an error. One operation at a time.
public final class PINService: @unchecked Sendable {
    // @unchecked: `channel` serialises its own calls; `cardAccess` is immutable.

    private let channel: CardChannel
    private let cardAccess: CardAccess

    /// The service for the card behind `channel`, whose EF.CardAccess was read as `cardAccess`.
    public init(channel: CardChannel, cardAccess: CardAccess) {
        self.channel = channel
        self.cardAccess = cardAccess
    }

    /// The PIN's state as the card reports it (tries left, suspended, blocked, deactivated).
    public func status() throws(PINServiceError) -> PINStatus {
        guard let info = cardAccess.paceInfos.first else { throw PINServiceError(.noPACE) }
        let command = CardCommand.mseSetATForPACE(protocolIdentifier: info.protocolIdentifier, password: .pin)
        let raw: [UInt8]
        do { raw = try channel.transmit(command) } catch { throw PINServiceError(.reader(error)) }
        guard let response = ResponseAPDU(raw) else { throw PINServiceError(.refused(0)) }
        guard let status = PINStatus(statusWord: response.status) else { throw PINServiceError(.refused(response.status)) }
        return status
    }

    /// Changes the PIN: `current` is the 5-digit transport PIN or the 6-digit PIN, `new` the new 6-digit PIN.
    public func changePIN(current: inout [UInt8], new: inout [UInt8]) throws(PINServiceError) {
        defer {
            current.zeroize()
            new.zeroize()
        }
        guard Self.isDigits(new, count: 6...6) else { throw PINServiceError(.newPINInvalid) }
        guard Self.isDigits(current, count: 5...6) else { throw PINServiceError(.wrongPIN(nil)) }
        try requireUsablePIN()
        let messaging = try pace(.pin, &current)
        var command: [UInt8] = [0x00, 0x2C, 0x02, 0x03, UInt8(new.count)] + new
        defer { command.zeroize() }
        try secured(messaging, command)
    }

    /// Resumes a suspended PIN: PACE with the CAN (printed on the card), then with the PIN.
    public func resume(can: inout [UInt8], pin: inout [UInt8]) throws(PINServiceError) {
        defer {
            can.zeroize()
            pin.zeroize()
        }
        guard Self.isDigits(can, count: 6...6) else { throw PINServiceError(.wrongCAN) }
        guard Self.isDigits(pin, count: 5...6) else { throw PINServiceError(.wrongPIN(nil)) }
        _ = try pace(.can, &can)
        _ = try pace(.pin, &pin)
    }

    /// Unblocks a blocked PIN with the PUK (10 digits, from the PIN letter): PACE with the PUK, then RESET
    /// RETRY COUNTER. The PIN then has three tries again; it stays the same PIN.
    public func unblock(puk: inout [UInt8]) throws(PINServiceError) {
        defer { puk.zeroize() }
        guard Self.isDigits(puk, count: 10...10) else { throw PINServiceError(.wrongPUK) }
        let messaging = try pace(.puk, &puk)
        try secured(messaging, [0x00, 0x2C, 0x03, 0x03])
    }

    // MARK: -

    private func requireUsablePIN() throws(PINServiceError) {
        switch try status() {
        case .ready: return
        case .suspended: throw PINServiceError(.suspended)
        case .blocked: throw PINServiceError(.blocked)
        case .deactivated: throw PINServiceError(.deactivated)
        }
    }

    private func pace(_ password: PACEPassword, _ secret: inout [UInt8]) throws(PINServiceError) -> SecureMessaging {
        do {
            return try PACETerminal.run(over: channel, cardAccess: cardAccess, password: password, secret: &secret)
        } catch {
            switch error {
            case .refused(let status):
                switch (password, status) {
                case (.pin, 0x63C0...0x63CF): throw PINServiceError(.wrongPIN(PINStatus(statusWord: status)))
                case (.pin, 0x6983): throw PINServiceError(.blocked)
                case (.pin, 0x6985): throw PINServiceError(.suspended)
                case (.pin, 0x6283): throw PINServiceError(.deactivated)
                case (.can, 0x6300...0x63CF): throw PINServiceError(.wrongCAN)
                case (.puk, 0x6300...0x63CF): throw PINServiceError(.wrongPUK)
                default: throw PINServiceError(.refused(status))
                }
            case .tokenMismatch: throw PINServiceError(.protocolFailure("PACE_STEP3D_verify_authentication_token"))
            case .failed(let failure): throw PINServiceError(.protocolFailure(failure.step))
            case .transport(let error): throw PINServiceError(.reader(error))
            }
        }
    }

    private func secured(_ messaging: SecureMessaging, _ command: [UInt8]) throws(PINServiceError) {
        do {
            let response = try messaging.unwrapResponse(try channel.transmit(try messaging.wrapCommand(command)))
            guard response.isSuccess else { throw PINServiceError(.refused(response.status)) }
        } catch let error as PINServiceError {
            throw error
        } catch let error as PCSCError {
            throw PINServiceError(.reader(error))
        } catch let failure as PACEStepFailure {
            throw PINServiceError(.protocolFailure(failure.step))
        } catch {
            throw PINServiceError(.protocolFailure("\(type(of: error))"))
        }
    }

    private static func isDigits(_ bytes: [UInt8], count: ClosedRange<Int>) -> Bool {
        count.contains(bytes.count) && bytes.allSatisfy { (0x30...0x39).contains($0) }
    }
}

/// A PIN service operation did not succeed: what the citizen can do next, in German and English.
public struct PINServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case wrongPIN(PINStatus?), wrongCAN, wrongPUK, suspended, blocked, deactivated, newPINInvalid, noPACE
        case refused(UInt16), protocolFailure(String), reader(PCSCError)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The PIN's state after the failure, when the card said (a wrong PIN tells the tries left).
    public var pinStatus: PINStatus? {
        switch kind {
        case .wrongPIN(let status): status
        case .suspended: .suspended
        case .blocked: .blocked
        case .deactivated: .deactivated
        default: nil
        }
    }

    /// True when the PIN entered was wrong.
    public var isWrongPIN: Bool { if case .wrongPIN = kind { true } else { false } }
    /// True when the CAN entered was wrong.
    public var isWrongCAN: Bool { kind == .wrongCAN }
    /// True when the PUK entered was wrong (or used up).
    public var isWrongPUK: Bool { kind == .wrongPUK }
    /// True when the card left the reader (or the reader or pcscd went away) during the operation.
    public var isCardGone: Bool {
        if case .reader(let error) = kind { error.isCardGone || error.isServiceGone || error.code == 0x8010_0013 } else { false }
    }

    /// What happened and what to do.
    public var message: Message {
        switch kind {
        case .wrongPIN(let status?):
            switch status {
            case .suspended:
                Message(
                    key: "pin.error.wrongPINSuspended",
                    de: "Die PIN war falsch. Die PIN ist jetzt vorübergehend gesperrt: bitte zuerst die Zugangsnummer (CAN) eingeben.",
                    en: "The PIN was wrong. The PIN is now suspended: first enter the card access number (CAN).")
            case .blocked:
                Message(
                    key: "pin.error.wrongPINBlocked",
                    de: "Die PIN war falsch und ist jetzt gesperrt. Sie kann mit der PUK aus dem PIN-Brief entsperrt werden.",
                    en: "The PIN was wrong and is now blocked. It can be unblocked with the PUK from the PIN letter.")
            case .ready(let tries):
                Message(key: "pin.error.wrongPIN", de: "Die PIN war falsch. Noch \(tries) Versuche.", en: "The PIN was wrong. \(tries) tries left.", values: ["tries": "\(tries)"])
            case .deactivated:
                PINStatus.deactivated.message
            }
        case .wrongPIN(nil):
            Message(key: "pin.error.length", de: "Die PIN hat 5 oder 6 Ziffern. Bitte erneut eingeben.", en: "The PIN has 5 or 6 digits. Please enter it again.")
        case .wrongCAN:
            Message(
                key: "pin.error.wrongCAN",
                de: "Die Zugangsnummer (CAN) war falsch. Sie steht mit 6 Ziffern vorne rechts unten auf dem Ausweis.",
                en: "The card access number (CAN) was wrong. It is the 6 digits at the bottom right of the card's front.")
        case .wrongPUK:
            Message(
                key: "pin.error.wrongPUK",
                de: "Die PUK war falsch oder ist verbraucht. Bitte die PUK aus dem PIN-Brief prüfen oder im Bürgerbüro eine neue PIN setzen lassen.",
                en: "The PUK was wrong or is used up. Check the PUK in the PIN letter, or have a new PIN set at the Bürgerbüro.")
        case .suspended: PINStatus.suspended.message
        case .blocked: PINStatus.blocked.message
        case .deactivated: PINStatus.deactivated.message
        case .newPINInvalid:
            Message(key: "pin.error.newPINLength", de: "Die neue PIN muss genau 6 Ziffern haben.", en: "The new PIN must have exactly 6 digits.")
        case .noPACE:
            Message(
                key: "pin.error.noPINFunction",
                de: "Diese Karte bietet keine PIN-Funktion. Bitte den Personalausweis oder Aufenthaltstitel auflegen.",
                en: "This card has no PIN function. Please put the ID card or residence permit on the reader.")
        case .reader(let error):
            error.message
        case .refused, .protocolFailure:
            Message(
                key: "pin.error.refused",
                de: "Die Karte hat den Vorgang abgelehnt. Bitte die Karte neu auflegen und erneut versuchen.",
                en: "The card refused the operation. Put the card on the reader again and retry.")
        }
    }

    public var description: String {
        switch kind {
        case .refused(let status): "\(message) [SW \(String(status, radix: 16, uppercase: true))]"
        case .protocolFailure(let step): "\(message) [\(step)]"
        case .reader(let error): error.description
        default: message.description
        }
    }
}

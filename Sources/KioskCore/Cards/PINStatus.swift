/// The state of an eID document's PIN as the card reports it in its answer to MSE:Set AT with the PIN
/// (BSI TR-03110 part 3, B.11.7; TR-03105 part 5.1): the retry counter the citizen is shown.
public enum PINStatus: Hashable, Sendable {
    /// The PIN can be entered; `triesLeft` is 3 or 2.
    case ready(triesLeft: Int)
    /// One try left, but only after the CAN has been entered (PACE with the CAN first).
    case suspended
    /// No tries left: only the PUK unblocks it.
    case blocked
    /// The online ID function is switched off (the card answers "deactivated"); the Bürgerbüro can switch it on.
    case deactivated

    /// The status an MSE:Set AT status word stands for; nil when the word says nothing about the PIN.
    public init?(statusWord: UInt16) {
        switch statusWord {
        case 0x9000: self = .ready(triesLeft: 3)
        case 0x63C2: self = .ready(triesLeft: 2)
        case 0x63C1: self = .suspended
        case 0x63C0: self = .blocked
        case 0x6283: self = .deactivated
        default: return nil
        }
    }

    /// What to tell the citizen, in German and English.
    public var message: Message {
        switch self {
        case .ready(let tries) where tries >= 3:
            Message(key: "pin.status.ready", de: "Bitte die PIN eingeben.", en: "Please enter the PIN.")
        case .ready(let tries):
            Message(
                key: "pin.status.readyTries",
                de: "Bitte die PIN eingeben. Noch \(tries) Versuche.", en: "Please enter the PIN. \(tries) tries left.", values: ["tries": "\(tries)"])
        case .suspended:
            Message(
                key: "pin.status.suspended",
                de: "Die PIN ist vorübergehend gesperrt. Bitte zuerst die Zugangsnummer (CAN) von der Vorderseite des Ausweises eingeben.",
                en: "The PIN is suspended. First enter the card access number (CAN) from the front of the card.")
        case .blocked:
            Message(
                key: "pin.status.blocked",
                de: "Die PIN ist gesperrt. Sie kann mit der PUK aus dem PIN-Brief entsperrt werden.",
                en: "The PIN is blocked. It can be unblocked with the PUK from the PIN letter.")
        case .deactivated:
            Message(
                key: "pin.status.deactivated",
                de: "Die Online-Ausweisfunktion ist ausgeschaltet. Das Bürgerbüro kann sie einschalten.",
                en: "The online ID function is switched off. The Bürgerbüro can switch it on.")
        }
    }
}

/// The passwords PACE runs with (BSI TR-03110 part 3, D.3: the password reference in MSE:Set AT).
public enum PACEPassword: UInt8, Hashable, Sendable {
    /// Machine readable zone.
    case mrz = 1
    /// Card access number, printed on the card.
    case can = 2
    /// The PIN (also the 5-digit transport PIN).
    case pin = 3
    /// The PUK, from the PIN letter.
    case puk = 4
}

extension CardCommand {
    /// MSE:Set AT for PACE with `password` and the protocol `protocolIdentifier` (OID content bytes) from
    /// EF.CardAccess; no CHAT (the terminal does no terminal authentication, see the README).
    public static func mseSetATForPACE(protocolIdentifier: [UInt8], password: PACEPassword) -> [UInt8] {
        let data =
            TLV(tag: 0x80, value: protocolIdentifier).encoded + TLV(tag: 0x83, value: [password.rawValue]).encoded
        return [0x00, 0x22, 0xC1, 0xA4, UInt8(data.count)] + data
    }
}

public import KioskCore

/// Talking to AusweisApp failed: what happened and what the technician can do, in German and English.
public struct AusweisAppError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case unreachable, handshake, timeout, closed, protocolViolation, busy
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// True when AusweisApp does not run (nothing listens on its port).
    public var isUnreachable: Bool { kind == .unreachable }

    /// What happened and what to do.
    public var message: Message {
        switch kind {
        case .unreachable:
            Message(
                de: "AusweisApp läuft nicht. Bitte AusweisApp2 starten (QT_QPA_PLATFORM=offscreen AusweisApp2 --ui websocket).",
                en: "AusweisApp is not running. Start AusweisApp2 (QT_QPA_PLATFORM=offscreen AusweisApp2 --ui websocket).")
        case .handshake:
            Message(
                de: "Am Port der AusweisApp antwortet ein anderes Programm. Bitte den Port prüfen.",
                en: "Another program answers on AusweisApp's port. Check the port.")
        case .timeout:
            Message(de: "AusweisApp antwortet nicht. Bitte AusweisApp neu starten.", en: "AusweisApp does not answer. Restart AusweisApp.")
        case .closed:
            Message(
                de: "AusweisApp hat die Verbindung beendet. Bitte den Vorgang neu beginnen.",
                en: "AusweisApp closed the connection. Please start again.")
        case .protocolViolation:
            Message(
                de: "AusweisApp hat unverständlich geantwortet. Bitte die Version prüfen (getestet: 1.26).",
                en: "AusweisApp answered something unexpected. Check its version (tested: 1.26).")
        case .busy:
            Message(
                de: "AusweisApp ist schon mit einem anderen Programm verbunden. Bitte dieses beenden.",
                en: "AusweisApp is already connected to another program. Stop that one.")
        }
    }

    public var description: String { message.description }
}

import CPCSCLite
public import KioskCore

/// A PC/SC call failed: which call, pcsc-lite's name for the code, and what a technician or citizen can do.
///
/// Every return code of a pcsc-lite function passes through `PCSCError.check`, the one place that turns codes
/// into errors. Descriptions never hold card data, only the operation and the code.
public struct PCSCError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case noService, serviceStopped, noReaders, unknownReader, readerUnavailable, noCard, cardRemoved
        case cardReset, cardUnpowered, cardUnresponsive, cardUnsupported, sharingViolation, timeout, cancelled
        case protocolMismatch, communication, insufficientBuffer, noMemory, invalidArgument, other
    }

    private let kind: Kind
    /// The pcsc-lite return code, as the 32-bit value the headers spell (e.g. 0x8010001D).
    public let code: UInt32
    /// The pcsc-lite function that returned it.
    public let operation: String

    /// True when pcscd is not running or went away: release the context and establish a new one later.
    public var isServiceGone: Bool { kind == .noService || kind == .serviceStopped }
    /// True when the card went away, was reset or stopped answering (pulled mid-command): a retry after the
    /// citizen puts the card back, not a fault.
    public var isCardGone: Bool {
        kind == .noCard || kind == .cardRemoved || kind == .cardReset || kind == .cardUnresponsive
    }
    /// True for the answer of a wait that ran out or was cancelled on purpose.
    public var isTimeoutOrCancel: Bool { kind == .timeout || kind == .cancelled }
    /// True when no reader is attached (pcsc-lite answers so to a reader list with no readers).
    public var isNoReaders: Bool { kind == .noReaders }

    /// pcsc-lite's own name for the code, e.g. "SCARD_E_NO_SERVICE".
    public var name: String { Self.names[code] ?? String(code, radix: 16, uppercase: true) }

    /// What happened and what to do, in German and English.
    public var message: Message {
        switch kind {
        case .noService, .serviceStopped:
            Message(
                key: "card.error.serviceDown",
                de: "Der Kartenleser-Dienst (pcscd) läuft nicht. Er wird neu verbunden, sobald er wieder läuft; sonst bitte pcscd starten.",
                en: "The card reader service (pcscd) is not running. It reconnects once it runs again; otherwise start pcscd.")
        case .noReaders, .unknownReader, .readerUnavailable:
            Message(
                key: "card.error.noReader",
                de: "Kein Kartenleser gefunden. Bitte das USB-Kabel des Lesers prüfen.",
                en: "No card reader found. Check the reader's USB cable.")
        case .noCard, .cardRemoved:
            Message(
                key: "card.error.removed",
                de: "Die Karte wurde entfernt. Bitte die Karte wieder auflegen und liegen lassen.",
                en: "The card was removed. Put the card back and leave it there.")
        case .cardReset:
            Message(
                key: "card.error.reset",
                de: "Die Karte wurde zurückgesetzt. Bitte den Vorgang neu beginnen.",
                en: "The card was reset. Please start again.")
        case .cardUnpowered, .cardUnresponsive:
            Message(
                key: "card.error.unresponsive",
                de: "Die Karte antwortet nicht. Bitte die Karte neu auflegen; hilft das nicht, ist sie vielleicht defekt.",
                en: "The card does not answer. Put it on the reader again; if that does not help it may be damaged.")
        case .cardUnsupported, .protocolMismatch:
            Message(
                key: "card.error.unsupported",
                de: "Diese Karte wird nicht unterstützt. Bitte den Personalausweis oder Aufenthaltstitel verwenden.",
                en: "This card is not supported. Please use the ID card or residence permit.")
        case .sharingViolation:
            Message(
                key: "card.error.inUse",
                de: "Ein anderes Programm benutzt die Karte. Bitte kurz warten und erneut versuchen.",
                en: "Another program uses the card. Wait a moment and try again.")
        case .timeout:
            Message(key: "card.error.timeout", de: "Zeitüberschreitung am Kartenleser. Bitte erneut versuchen.", en: "The card reader timed out. Try again.")
        case .cancelled:
            Message(key: "card.error.cancelled", de: "Der Vorgang wurde abgebrochen.", en: "The operation was cancelled.")
        case .communication:
            Message(
                key: "card.error.communication",
                de: "Die Verbindung zum Kartenleser ist gestört. Bitte den Leser neu einstecken.",
                en: "Communication with the card reader failed. Replug the reader.")
        case .noMemory:
            Message(key: "card.error.noMemory", de: "Zu wenig Speicher. Bitte das Terminal neu starten.", en: "Out of memory. Restart the terminal.")
        case .insufficientBuffer, .invalidArgument, .other:
            Message(
                key: "card.error.unexpected",
                de: "Unerwarteter Kartenleser-Fehler. Bitte das Diagnosepaket an den Support senden.",
                en: "Unexpected card reader error. Send the diagnostic bundle to support.")
        }
    }

    public var description: String { "\(operation): \(name) (0x\(String(code, radix: 16, uppercase: true))) — \(message)" }

    /// The error a pcsc-lite return code stands for; `code` must not be SCARD_S_SUCCESS.
    init(code: UInt32, operation: String) {
        self.code = code
        self.operation = operation
        kind =
            switch code {
            case 0x8010_001D: .noService
            case 0x8010_001E, 0x8010_0018: .serviceStopped
            case 0x8010_002E: .noReaders
            case 0x8010_0009: .unknownReader
            case 0x8010_0017: .readerUnavailable
            case 0x8010_000C: .noCard
            case 0x8010_0069: .cardRemoved
            case 0x8010_0068: .cardReset
            case 0x8010_0067: .cardUnpowered
            case 0x8010_0066: .cardUnresponsive
            case 0x8010_0065, 0x8010_001C, 0x8010_000D: .cardUnsupported
            case 0x8010_000B: .sharingViolation
            case 0x8010_000A: .timeout
            case 0x8010_0002, 0x8010_0012: .cancelled
            case 0x8010_000F: .protocolMismatch
            case 0x8010_0013, 0x8010_0010, 0x8010_0014, 0x8010_0001: .communication
            case 0x8010_0008, 0x8010_0019: .insufficientBuffer
            case 0x8010_0006: .noMemory
            // A bad handle or parameter is a bug here, but it must not take the terminal down: the other
            // devices keep running and the technician sees the code (swift-nio would trap).
            case 0x8010_0003, 0x8010_0004, 0x8010_0011: .invalidArgument
            default: .other
            }
    }

    /// Returns when `result` is SCARD_S_SUCCESS, throws the error it stands for otherwise.
    static func check(_ result: LONG, _ operation: String) throws(PCSCError) {
        let code = UInt32(truncatingIfNeeded: result)
        guard code != 0 else { return }
        throw PCSCError(code: code, operation: operation)
    }

    /// pcsc-lite's names (pcsclite.h) for the codes this module meets.
    private static let names: [UInt32: String] = [
        0x8010_0001: "SCARD_F_INTERNAL_ERROR", 0x8010_0002: "SCARD_E_CANCELLED", 0x8010_0003: "SCARD_E_INVALID_HANDLE",
        0x8010_0004: "SCARD_E_INVALID_PARAMETER", 0x8010_0006: "SCARD_E_NO_MEMORY",
        0x8010_0008: "SCARD_E_INSUFFICIENT_BUFFER", 0x8010_0009: "SCARD_E_UNKNOWN_READER", 0x8010_000A: "SCARD_E_TIMEOUT",
        0x8010_000B: "SCARD_E_SHARING_VIOLATION", 0x8010_000C: "SCARD_E_NO_SMARTCARD", 0x8010_000D: "SCARD_E_UNKNOWN_CARD",
        0x8010_000F: "SCARD_E_PROTO_MISMATCH", 0x8010_0010: "SCARD_E_NOT_READY", 0x8010_0011: "SCARD_E_INVALID_VALUE",
        0x8010_0012: "SCARD_E_SYSTEM_CANCELLED", 0x8010_0013: "SCARD_F_COMM_ERROR", 0x8010_0014: "SCARD_F_UNKNOWN_ERROR",
        0x8010_0017: "SCARD_E_READER_UNAVAILABLE", 0x8010_0018: "SCARD_P_SHUTDOWN", 0x8010_0019: "SCARD_E_PCI_TOO_SMALL",
        0x8010_001C: "SCARD_E_CARD_UNSUPPORTED", 0x8010_001D: "SCARD_E_NO_SERVICE", 0x8010_001E: "SCARD_E_SERVICE_STOPPED",
        0x8010_002E: "SCARD_E_NO_READERS_AVAILABLE", 0x8010_0065: "SCARD_W_UNSUPPORTED_CARD",
        0x8010_0066: "SCARD_W_UNRESPONSIVE_CARD", 0x8010_0067: "SCARD_W_UNPOWERED_CARD", 0x8010_0068: "SCARD_W_RESET_CARD",
        0x8010_0069: "SCARD_W_REMOVED_CARD",
    ]
}

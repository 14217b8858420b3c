public import KioskCore

/// Why sealed data could not be sealed or opened, or a sealing key not used. Never carries the data or key bytes.
public struct SealingError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case wrongKey
        case damaged
        case badPublicKey
        case keyFileMissing
        case keyFileReadableByOthers
        case keyFileUnreadable
        case keyFileNotCreated
        case sealFailed
    }

    let code: Code
    /// The file concerned, for key file errors (a path, never its content).
    public let path: String?

    init(_ code: Code, path: String? = nil) {
        self.code = code
        self.path = path
    }

    /// Sealed for another key (an older or another site's central key): this key cannot open it.
    public static let wrongKey = SealingError(.wrongKey)
    /// The bytes are not a sealed form of this project, or were altered.
    public static let damaged = SealingError(.damaged)

    /// What happened and what to do, in German and English.
    public var message: Message {
        let file = path ?? ""
        switch code {
        case .wrongKey:
            return Message(
                de: "Die Daten sind für einen anderen Schlüssel versiegelt; mit dem Versiegelungsschlüssel öffnen, der bei der Zahlung galt.",
                en: "The data is sealed for another key; open it with the sealing key that was in use at the time of payment.")
        case .damaged:
            return Message(
                de: "Die versiegelten Daten sind beschädigt oder verändert und lassen sich nicht öffnen.",
                en: "The sealed data is damaged or altered and cannot be opened.")
        case .badPublicKey:
            return Message(
                de: "Der öffentliche Versiegelungsschlüssel der Zentrale ist ungültig.",
                en: "Central's public sealing key is invalid.")
        case .keyFileMissing:
            return Message(de: "Schlüsseldatei \(file) fehlt.", en: "Key file \(file) is missing.")
        case .keyFileReadableByOthers:
            return Message(
                de: "Schlüsseldatei \(file) ist für andere lesbar; chmod 600 ausführen.",
                en: "Key file \(file) is readable by others; run chmod 600.")
        case .keyFileUnreadable:
            return Message(
                de: "Schlüsseldatei \(file) ist nicht lesbar oder kein X25519-Schlüssel (32 Bytes).",
                en: "Key file \(file) is unreadable or not an X25519 key (32 bytes).")
        case .keyFileNotCreated:
            return Message(de: "Schlüsseldatei \(file) konnte nicht angelegt werden.", en: "Key file \(file) could not be created.")
        case .sealFailed:
            return Message(de: "Versiegeln fehlgeschlagen.", en: "Sealing failed.")
        }
    }

    /// German, then English.
    public var description: String { message.description }
}

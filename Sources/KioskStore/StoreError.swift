public import KioskCore
import GRDB

/// A failure of the terminal's database, saying what happened and what to do.
///
/// Descriptions never contain statement arguments or row contents, so personal data cannot leak through
/// an error message.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        case corrupt
        case diskFull
        case readOnly
        case cannotOpen
        case busy
        case io
        case terminalMismatch(stored: String, configured: String)
        case noNumbers
        case unreadableContent
        case other(code: Int32)
    }

    let kind: Kind
    /// What the store was doing, e.g. "issue ticket".
    public let operation: String

    init(_ kind: Kind, operation: String) {
        self.kind = kind
        self.operation = operation
    }

    /// The database file is damaged; the daemon must not run on it.
    public var isCorrupt: Bool { kind == .corrupt }
    /// The disk is full; nothing was written.
    public var isDiskFull: Bool { kind == .diskFull }
    /// The terminal holds no ticket numbers and none could be granted.
    public var isOutOfNumbers: Bool { kind == .noNumbers }

    /// Exit status for daemons: sysexits codes that systemd units list in `RestartPreventExitStatus`,
    /// because restarting cannot cure a corrupt file or a full disk and a restart loop only hides it.
    public var exitCode: Int32 {
        switch kind {
        case .corrupt, .terminalMismatch, .unreadableContent: 65  // EX_DATAERR
        case .diskFull, .io, .readOnly, .cannotOpen: 74  // EX_IOERR
        default: 70  // EX_SOFTWARE
        }
    }

    /// The message for a person: what happened and what to do.
    public var message: Message {
        switch kind {
        case .corrupt:
            Message(
                key: "store.corrupt",
                de: "Die Datenbank des Terminals ist beschädigt. Nichts wurde überschrieben. Bitte Techniker rufen: Datei sichern, zur Seite legen und aus der Sicherung wiederherstellen.",
                en: "The terminal database is corrupt. Nothing was overwritten. Call a technician: keep the file, move it aside and restore from backup.")
        case .diskFull:
            Message(
                key: "store.diskFull",
                de: "Der Datenträger ist voll; der letzte Vorgang wurde nicht gespeichert. Bitte Platz schaffen (Protokolle, alte Dateien) und erneut versuchen.",
                en: "The disk is full; the last action was not saved. Free some space (logs, old files) and try again.")
        case .readOnly:
            Message(
                key: "store.readOnly",
                de: "Die Datenbank ist schreibgeschützt. Bitte Dateirechte und Einhängeoptionen prüfen.",
                en: "The database is read-only. Check file permissions and mount options.")
        case .cannotOpen:
            Message(
                key: "store.cannotOpen",
                de: "Die Datenbank kann nicht geöffnet werden. Bitte Pfad und Rechte des Verzeichnisses prüfen.",
                en: "The database cannot be opened. Check the path and the directory's permissions.")
        case .busy:
            Message(
                key: "store.busy",
                de: "Die Datenbank ist durch einen anderen Prozess gesperrt. Bitte kurz warten und erneut versuchen.",
                en: "The database is locked by another process. Wait a moment and try again.")
        case .io:
            Message(
                key: "store.io",
                de: "Lese- oder Schreibfehler des Datenträgers. Bitte Datenträger prüfen lassen.",
                en: "The disk failed to read or write. Have the disk checked.")
        case let .terminalMismatch(stored, configured):
            Message(
                key: "store.terminalMismatch",
                de: "Die Datenbank gehört zu Terminal '\(stored)', konfiguriert ist '\(configured)'. Bitte Konfiguration oder Datenbankpfad korrigieren.",
                en: "The database belongs to terminal '\(stored)' but '\(configured)' is configured. Fix the configuration or the database path.",
                values: ["stored": "\(stored)", "configured": "\(configured)"])
        case .noNumbers:
            Message(
                key: "store.noNumbers",
                de: "Keine Wartenummern mehr verfügbar, bis die Zentrale neue zuteilt. Bitte Personal ansprechen.",
                en: "No ticket numbers left until the central service grants more. Please ask the staff.")
        case .unreadableContent:
            Message(
                key: "store.unreadableContent",
                de: "Gespeicherte Daten sind unlesbar (zum Beispiel die Wahlraumdaten). Bitte neu einlesen, z. B. mit kioskctl wahlraum import.",
                en: "Stored data cannot be read (for example the polling place data). Import it again, e.g. with kioskctl wahlraum import.")
        case .other(let code):
            Message(
                key: "store.other",
                de: "Unerwarteter Datenbankfehler (SQLite \(code)). Bitte Techniker rufen.",
                en: "Unexpected database error (SQLite \(code)). Call a technician.",
                values: ["code": "\(code)"])
        }
    }

    public var description: String { "\(operation): \(message)" }

    /// The one place where database failures become `StoreError`s.
    static func from(_ error: any Error, operation: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return StoreError(.other(code: -1), operation: operation) }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return StoreError(.corrupt, operation: operation)
        case .SQLITE_FULL: return StoreError(.diskFull, operation: operation)
        case .SQLITE_READONLY: return StoreError(.readOnly, operation: operation)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return StoreError(.cannotOpen, operation: operation)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError(.busy, operation: operation)
        case .SQLITE_IOERR: return StoreError(.io, operation: operation)
        default: return StoreError(.other(code: error.resultCode.primaryResultCode.rawValue), operation: operation)
        }
    }
}

/// Runs a database operation and turns any failure into a `StoreError`.
func storeOperation<T>(_ operation: String, _ body: () throws -> T) throws(StoreError) -> T {
    do {
        return try body()
    } catch {
        throw StoreError.from(error, operation: operation)
    }
}

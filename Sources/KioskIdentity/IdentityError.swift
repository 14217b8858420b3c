public import KioskCore

/// Why a key, request or certificate was refused or could not be read or written.
///
/// `code` is stable (central answers with it in `APIErrorBody`); `message` says in German and English what is
/// wrong and what to do. Neither ever contains key material.
public struct IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable code, e.g. "csr-bad-signature".
    public var code: String
    /// What happened and what to do.
    public var message: Message

    /// Creates an error.
    public init(code: String, de: String, en: String) {
        self.code = code
        message = Message(de: de, en: en)
    }

    public var description: String { "\(message[.german]) / \(message[.english])" }

    static func unreadable(_ path: String) -> IdentityError {
        IdentityError(
            code: "file-unreadable", de: "\(path): Datei fehlt oder ist nicht lesbar – Pfad und Rechte prüfen.",
            en: "\(path): file missing or unreadable – check the path and permissions.")
    }

    static func unwritable(_ path: String) -> IdentityError {
        IdentityError(
            code: "file-unwritable", de: "\(path): Datei kann nicht geschrieben werden – Ordner und Rechte prüfen.",
            en: "\(path): cannot write the file – check the folder and permissions.")
    }

    static func malformed(_ path: String, what: String) -> IdentityError {
        IdentityError(
            code: "file-malformed", de: "\(path): kein gültiges \(what) im PEM-Format.", en: "\(path): not a valid \(what) in PEM format.")
    }

    static func exists(_ path: String) -> IdentityError {
        IdentityError(
            code: "file-exists",
            de: "\(path) gibt es schon; eine bestehende Zertifizierungsstelle wird nie überschrieben. Anderen Ordner wählen oder die alte bewusst entfernen.",
            en: "\(path) already exists; an existing certificate authority is never overwritten. Choose another folder or remove the old one on purpose.")
    }

    /// The request is not a PKCS #10 request in PEM.
    public static let csrMalformed = IdentityError(
        code: "csr-malformed", de: "Die Zertifikatsanfrage (CSR) ist kein gültiges PEM/PKCS #10; mit kioskctl enrol neu erzeugen.",
        en: "The certificate signing request (CSR) is not valid PEM/PKCS #10; create it again with kioskctl enrol.")
    /// The CSR's signature does not match its key: altered in transit or not made by the key holder.
    public static let csrBadSignature = IdentityError(
        code: "csr-bad-signature",
        de: "Die Signatur der Zertifikatsanfrage passt nicht zu ihrem Schlüssel; mit kioskctl enrol neu erzeugen.",
        en: "The signature of the certificate signing request does not match its key; create it again with kioskctl enrol.")
    /// Only P-256 ECDSA keys are accepted, as kioskctl creates them.
    public static let csrKeyType = IdentityError(
        code: "csr-key-type", de: "Nur P-256-ECDSA-Schlüssel werden angenommen (wie kioskctl enrol sie erzeugt).",
        en: "Only P-256 ECDSA keys are accepted (as kioskctl enrol creates them).")

    /// The CSR names another terminal than the request.
    public static func csrSubject(expected: TerminalID) -> IdentityError {
        IdentityError(
            code: "csr-subject-mismatch",
            de: "Die Zertifikatsanfrage muss als Common Name genau die Terminal-ID '\(expected.rawValue)' tragen.",
            en: "The certificate signing request must carry exactly the terminal id '\(expected.rawValue)' as its common name.")
    }
}

import Hummingbird
import KioskCore
import KioskIdentity

/// The answers of the identity checks and the enrolment endpoints.
extension APIError {
    static let clientCertificateRequired = APIError(
        .unauthorized, code: "client-certificate-required",
        de: "Nur registrierte Terminals mit Client-Zertifikat dürfen das. Terminal mit 'kioskctl enrol' registrieren und central.tls in terminal.yaml eintragen.",
        en: "Only enrolled terminals with a client certificate may do this. Enrol the terminal with 'kioskctl enrol' and set central.tls in terminal.yaml.")
    static let certificateUntrusted = APIError(
        .forbidden, code: "certificate-untrusted",
        de: "Das Client-Zertifikat stammt nicht von der Zertifizierungsstelle dieses Standorts. Terminal mit 'kioskctl enrol' neu registrieren.",
        en: "The client certificate was not issued by this site's certificate authority. Enrol the terminal again with 'kioskctl enrol'.")
    static let certificateExpired = APIError(
        .forbidden, code: "certificate-expired",
        de: "Das Client-Zertifikat ist abgelaufen oder noch nicht gültig (Uhrzeit des Terminals prüfen). Sonst mit 'kioskctl enrol' neu registrieren.",
        en: "The client certificate has expired or is not valid yet (check the terminal's clock). Otherwise enrol again with 'kioskctl enrol'.")
    static let certificateWrongTerminal = APIError(
        .forbidden, code: "certificate-wrong-terminal",
        de: "Das Client-Zertifikat gehört zu einem anderen Terminal. terminal.id in terminal.yaml und das Zertifikat prüfen.",
        en: "The client certificate belongs to another terminal. Check terminal.id in terminal.yaml and the certificate.")
    static let certificateUnknown = APIError(
        .forbidden, code: "certificate-unknown",
        de: "Dieses Client-Zertifikat ist bei central nicht als ausgestellt registriert. Terminal mit 'kioskctl enrol' neu registrieren.",
        en: "This client certificate is not registered as issued by central. Enrol the terminal again with 'kioskctl enrol'.")
    static let certificateRevoked = APIError(
        .forbidden, code: "certificate-revoked",
        de: "Das Zertifikat dieses Terminals wurde widerrufen. Mit 'kioskctl enrol' neu registrieren und von einer Administratorin freigeben lassen.",
        en: "This terminal's certificate was revoked. Enrol again with 'kioskctl enrol' and have an administrator approve it.")
    static let enrolmentNotConfigured = APIError(
        .notFound, code: "enrolment-not-configured",
        de: "Dieser Server registriert keine Terminals: er läuft ohne TLS-Ordner (kiosk-central serve --tls-dir).",
        en: "This server does not enrol terminals: it runs without a TLS folder (kiosk-central serve --tls-dir).")
    static let unknownEnrolment = APIError(
        .notFound, code: "unknown-enrolment",
        de: "Unbekannte Registrierungsanfrage; mit 'kioskctl enrol' neu stellen.", en: "Unknown enrolment request; submit it again with 'kioskctl enrol'.")
    static let tooManyPending = APIError(
        .tooManyRequests, code: "too-many-pending-enrolments",
        de: "Zu viele Registrierungen warten auf Freigabe; eine Administratorin muss zuerst entscheiden. Später erneut versuchen.",
        en: "Too many enrolments await approval; an administrator must decide first. Try again later.")
    static let adminRequired = APIError(
        .forbidden, code: "admin-required", de: "Nur Administratorinnen und Administratoren dürfen Terminals verwalten.",
        en: "Only administrators may manage terminals.")

    /// A request, key or certificate refused by the identity checks: 400 with the check's code and message.
    init(_ error: IdentityError) {
        self.init(.badRequest, code: error.code, de: error.message[.german], en: error.message[.english])
    }

    /// The answer for a refused enrolment operation.
    init(_ refusal: IdentityRefusal) {
        switch refusal {
        case .tooManyPending: self = .tooManyPending
        case .unknownEnrolment: self = .unknownEnrolment
        case .alreadyDecided(let state):
            self = APIError(
                .conflict, code: "enrolment-decided", de: "Über diese Registrierung wurde schon entschieden (\(state.rawValue)).",
                en: "This enrolment was already decided (\(state.rawValue)).")
        }
    }
}

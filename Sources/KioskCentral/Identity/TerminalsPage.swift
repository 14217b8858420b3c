public import Foundation
public import Hummingbird
public import KioskIdentity
import KioskCore
import Logging

/// The administrators' page of terminals (`/console/terminals`): enrolments waiting for approval with the key
/// fingerprint to compare, and the issued certificates with their state; approve, reject, revoke.
public enum TerminalsPage {
    static func texts(_ language: String) -> [String: String] {
        language == "en"
            ? [
                "title": "Terminals", "pending": "Waiting for approval", "certificates": "Certificates", "terminal": "Terminal",
                "requested": "requested", "key": "Key fingerprint", "approve": "Approve", "reject": "Reject", "revoke": "Revoke",
                "serial": "Serial", "until": "valid until", "state": "State", "valid": "valid", "revoked": "revoked",
                "expired": "expired", "none": "None.", "back": "Console", "other": "Deutsch",
                "compare": "Approve only when the technician at the terminal reads out the same key fingerprint.",
                "plain": "Central runs without TLS: terminals are not authenticated and cannot enrol (kiosk-central serve --tls-dir).",
                "approved": "Approved; the terminal fetches its certificate on its next poll.", "rejected-notice": "Rejected.",
                "revoked-notice": "Revoked; the terminal is refused from its next request on.",
            ]
            : [
                "title": "Terminals", "pending": "Warten auf Freigabe", "certificates": "Zertifikate", "terminal": "Terminal",
                "requested": "angefragt", "key": "Schlüssel-Fingerabdruck", "approve": "Freigeben", "reject": "Ablehnen",
                "revoke": "Widerrufen", "serial": "Seriennummer", "until": "gültig bis", "state": "Zustand", "valid": "gültig",
                "revoked": "widerrufen", "expired": "abgelaufen", "none": "Keine.", "back": "Konsole", "other": "English",
                "compare": "Nur freigeben, wenn die Technikerin am Terminal denselben Schlüssel-Fingerabdruck vorliest.",
                "plain": "Central läuft ohne TLS: Terminals werden nicht geprüft und können sich nicht registrieren (kiosk-central serve --tls-dir).",
                "approved": "Freigegeben; das Terminal holt sein Zertifikat bei der nächsten Abfrage.", "rejected-notice": "Abgelehnt.",
                "revoked-notice": "Widerrufen; das Terminal wird ab seiner nächsten Anfrage abgewiesen.",
            ]
    }

    /// Adds the page and its form action.
    public static func add(
        to router: Router<CentralRequestContext>, store: any CentralStore, authority: SiteAuthority?, now: @escaping @Sendable () -> Date
    ) {
        router.get("/console/terminals") { request, _ -> Response in
            let language = request.uri.queryParameters.get("lang") == "en" ? "en" : "de"
            guard let session = try? await StaffAPI.session(request, store: store, now: now()) else {
                return ConsolePages.htmlResponse(ConsolePages.loginPage(language: language, error: nil))
            }
            guard session.role == .admin else {
                return ConsolePages.htmlResponse(refusalPage(language: language), status: .forbidden)
            }
            return ConsolePages.htmlResponse(
                try await render(
                    store: store, authority: authority, staff: session.staff, language: language,
                    notice: request.uri.queryParameters.get("notice").map { String($0) }, now: now()))
        }
        router.post("/console/terminals/action") { request, context -> Response in
            let session = try await StaffAPI.session(request, store: store, now: now())
            guard session.role == .admin else { throw APIError.adminRequired }
            let fields = formFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
            let language = fields["lang"] == "en" ? "en" : "de"
            let t = texts(language)
            var notice: String
            do {
                switch fields["action"] {
                case "approve":
                    guard let authority else { throw APIError.enrolmentNotConfigured }
                    guard let id = UUID(uuidString: fields["id"] ?? "") else { throw IdentityRefusal.unknownEnrolment }
                    let issued = try await TerminalEnrolments.approve(id: id, authority: authority, store: store, by: session.staff, at: now())
                    context.logger.info("Enrolment approved", metadata: ["kiosk.terminal": "\(issued.terminal)", "kiosk.identity.serial": "\(issued.serial)"])
                    notice = t["approved"]!
                case "reject":
                    guard let id = UUID(uuidString: fields["id"] ?? "") else { throw IdentityRefusal.unknownEnrolment }
                    try await store.rejectEnrolment(id: id, by: session.staff, at: now())
                    context.logger.info("Enrolment rejected", metadata: ["kiosk.enrolment.id": "\(id)"])
                    notice = t["rejected-notice"]!
                case "revoke":
                    let terminal = TerminalID(rawValue: fields["terminal"] ?? "")
                    let serial = fields["serial"].flatMap { $0.isEmpty ? nil : $0 }
                    let count = try await store.revokeCertificates(terminal: terminal, serial: serial, by: session.staff, at: now())
                    context.logger.info("Certificates revoked", metadata: ["kiosk.terminal": "\(terminal)", "kiosk.identity.revoked": "\(count)"])
                    notice = t["revoked-notice"]!
                default:
                    throw APIError(.badRequest, code: "unknown-action", de: "Unbekannte Aktion.", en: "Unknown action.")
                }
            } catch let refusal as IdentityRefusal {
                notice = APIError(refusal).body.message(language)
            } catch let error as IdentityError {
                notice = APIError(error).body.message(language)
            } catch let error as APIError {
                notice = error.body.message(language)
            }
            let location = "/console/terminals?lang=\(language)&notice=\(notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            return Response(status: .seeOther, headers: [.location: location])
        }
    }

    static func refusalPage(language: String) -> String {
        let t = texts(language)
        return page(
            title: t["title"]!, language: language,
            body: """
                <header><h1>\(t["title"]!)</h1><a href="/console?lang=\(language)">\(t["back"]!)</a></header>
                <main><p class="error" role="alert">\(html(APIError.adminRequired.body.message(language)))</p></main>
                """)
    }

    static func render(
        store: any CentralStore, authority: SiteAuthority?, staff: String, language: String, notice: String?, now: Date
    ) async throws -> String {
        let t = texts(language)
        func form(_ action: String, _ hidden: [String: String]) -> String {
            let inputs = hidden.sorted { $0.key < $1.key }.map { "<input type=\"hidden\" name=\"\($0.key)\" value=\"\(html($0.value))\">" }.joined()
            return """
                <form method="post" action="/console/terminals/action" style="display:inline">\
                <input type="hidden" name="lang" value="\(language)"><input type="hidden" name="action" value="\(action)">\(inputs)\
                <button type="submit">\(t[action]!)</button></form>
                """
        }
        let pending = try await store.enrolments(state: .pending, limit: TerminalEnrolments.maxPending)
        let pendingRows = pending.map { enrolment in
            """
            <tr data-enrolment="\(enrolment.id.uuidString)"><td>\(html(enrolment.terminal.rawValue))</td>\
            <td>\(html(enrolment.requestedAt.formatted(.iso8601)))</td><td><code>\(html(enrolment.keyFingerprint))</code></td>\
            <td>\(authority == nil ? "" : form("approve", ["id": enrolment.id.uuidString])) \(form("reject", ["id": enrolment.id.uuidString]))</td></tr>
            """
        }.joined()
        let certificates = try await store.terminalCertificates()
        let certificateRows = certificates.map { record in
            let state = record.revokedAt != nil ? t["revoked"]! : record.issued.notAfter < now ? t["expired"]! : t["valid"]!
            let action = record.revokedAt == nil ? form("revoke", ["terminal": record.issued.terminal.rawValue, "serial": record.issued.serial]) : ""
            return """
                <tr data-serial="\(html(record.issued.serial))"><td>\(html(record.issued.terminal.rawValue))</td>\
                <td><code>\(html(String(record.issued.serial.prefix(16))))…</code></td>\
                <td>\(html(record.issued.notAfter.formatted(.iso8601)))</td><td>\(state)</td><td>\(action)</td></tr>
                """
        }.joined()
        let body = """
            <header><h1>\(t["title"]!)</h1><span>\(html(staff)) · <a href="/console?lang=\(language)">\(t["back"]!)</a> · \
            <a href="/console/terminals?lang=\(language == "de" ? "en" : "de")">\(t["other"]!)</a></span></header>
            <main>
            \(notice.map { "<p class=\"error\" role=\"status\">\(html($0))</p>" } ?? "")
            \(authority == nil ? "<p class=\"error\">\(t["plain"]!)</p>" : "")
            <section aria-labelledby="h-pending"><h2 id="h-pending">\(t["pending"]!)</h2><p>\(t["compare"]!)</p>
            \(pending.isEmpty ? "<p>\(t["none"]!)</p>" : "<table id=\"pending\"><tr><th>\(t["terminal"]!)</th><th>\(t["requested"]!)</th><th>\(t["key"]!)</th><th></th></tr>\(pendingRows)</table>")
            </section>
            <section aria-labelledby="h-certificates"><h2 id="h-certificates">\(t["certificates"]!)</h2>
            \(certificates.isEmpty ? "<p>\(t["none"]!)</p>" : "<table id=\"certificates\"><tr><th>\(t["terminal"]!)</th><th>\(t["serial"]!)</th><th>\(t["until"]!)</th><th>\(t["state"]!)</th><th></th></tr>\(certificateRows)</table>")
            </section>
            </main>
            """
        return page(title: t["title"]!, language: language, body: body)
    }
}

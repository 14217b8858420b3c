public import Hummingbird
import KioskCore
public import Foundation
import HummingbirdBcrypt
public import KioskMetrics
import Logging

/// Login and the counter actions of the staff (`/v1/staff`, `/v1/counters`, `/v1/tickets`), and the call feed.
public enum StaffAPI {
    /// How long a login lasts: a working day.
    public static let sessionLifetime: TimeInterval = 10 * 3600
    /// Cookie carrying the session for the console page.
    public static let cookieName = "kiosk_session"

    struct LoginRequest: Decodable {
        var user: String
        var password: String
    }

    struct LoginAnswer: Encodable {
        var token: String
        var role: StaffRole
    }

    struct ActionRequest: Decodable {
        var counter: String
        var service: ServiceID?
    }

    struct TerminalCount: Encodable {
        var terminal: String
        var tickets: Int
    }

    struct StatisticsAnswer: Encodable {
        var day: BusinessDay
        var services: [ServiceStatistics]
        var terminals: [TerminalCount]
    }

    struct CallNextAnswer: Encodable {
        var ticket: CalledTicket?
    }

    /// Adds the staff routes to a router.
    public static func add(
        to router: Router<CentralRequestContext>, store: any CentralStore, settings: CentralSettings,
        metrics: CentralMetrics = CentralMetrics(), now: @escaping @Sendable () -> Date
    ) {
        let calendar = settings.catalog.site.calendar
        router.post("\(SyncAPI.prefix)/staff/login") { request, context -> Response in
            let login = try await CentralAPI.decode(LoginRequest.self, from: request)
            guard let role = await verify(user: login.user, password: login.password, store: store) else {
                context.logger.notice("Login refused", metadata: ["kiosk.staff.attempt": "refused"])
                throw APIError.badCredentials
            }
            let token = try await store.createSession(staff: login.user, at: now(), lifetime: sessionLifetime)
            context.logger.info("Staff logged in", metadata: ["kiosk.staff.role": "\(role.rawValue)"])
            var response = try JSONResponse.make(LoginAnswer(token: token, role: role))
            response.headers[.setCookie] = sessionCookie(token)
            return response
        }
        router.post("\(SyncAPI.prefix)/counters/:counter/call-next") { request, context -> Response in
            let staff = try await authenticate(request, store: store, now: now(), mayCall: true)
            let counter = try context.parameters.require("counter")
            do {
                let ticket = try await store.callNext(
                    counter: counter, staff: staff, rule: QueueOrder(), day: calendar.businessDay(of: now()), at: now())
                if ticket != nil { metrics.called(action: "call-next") }
                return try JSONResponse.make(CallNextAnswer(ticket: ticket))
            } catch let refusal as StaffRefusal {
                throw APIError(refusal)
            }
        }
        router.post("\(SyncAPI.prefix)/tickets/:ticket/:action") { request, context -> Response in
            let staff = try await authenticate(request, store: store, now: now(), mayCall: true)
            guard let id = UUID(uuidString: try context.parameters.require("ticket")) else { throw APIError(.unknownTicket) }
            guard let action = CounterAction(rawValue: try context.parameters.require("action")) else {
                throw APIError(.notFound, code: "unknown-action", de: "Unbekannte Aktion.", en: "Unknown action.")
            }
            let body = try await CentralAPI.decode(ActionRequest.self, from: request)
            do {
                let ticket = try await store.act(
                    action, ticket: id, counter: body.counter, staff: staff, forwardTo: body.service, catalog: settings.catalog, at: now())
                metrics.called(action: action.rawValue)
                return try JSONResponse.make(ticket)
            } catch let refusal as StaffRefusal {
                throw APIError(refusal)
            }
        }
        router.get("\(SyncAPI.prefix)/statistics") { request, _ -> Response in
            _ = try await authenticate(request, store: store, now: now(), mayCall: false)
            let day = request.uri.queryParameters.get("day").flatMap { BusinessDay(iso: String($0)) } ?? calendar.businessDay(of: now())
            let services = try await store.statistics(day: day, catalog: settings.catalog)
            if request.uri.queryParameters.get("format") == "csv" {
                let csv = ([ServiceStatistics.csvHeader] + services.map { $0.csvRow(day: day) }).joined(separator: "\r\n") + "\r\n"
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"statistik-\(day.iso).csv\"",
                    ], body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
            }
            let terminals = try await store.ticketsPerTerminal(day: day).map { TerminalCount(terminal: $0.terminal, tickets: $0.tickets) }
            return try JSONResponse.make(StatisticsAnswer(day: day, services: services, terminals: terminals))
        }
        router.get("\(SyncAPI.prefix)/calls") { request, _ -> Response in
            let after = request.uri.queryParameters.get("after", as: Int64.self) ?? 0
            return try JSONResponse.make(try await store.calls(after: after))
        }
    }

    /// The role of a user whose password is right, else nil. Unknown users are checked against a dummy hash
    /// too, so that the time an answer takes does not tell which users exist.
    static func verify(user: String, password: String, store: any CentralStore) async -> StaffRole? {
        let stored = try? await store.staffCredentials(id: user)
        guard Bcrypt.verify(password, hash: stored?.hash ?? dummyHash), let stored else { return nil }
        return stored.role
    }

    /// The cookie that carries a session for the console: not readable by scripts, never sent cross-site.
    static func sessionCookie(_ token: String) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(sessionLifetime))"
    }

    /// A bcrypt hash of a random string, checked when the user does not exist.
    static let dummyHash = Bcrypt.hash(UUID().uuidString, cost: 10)

    /// The staff id of the request's session (Bearer token or cookie), or a 401/403.
    static func authenticate(_ request: Request, store: any CentralStore, now: Date, mayCall: Bool) async throws -> String {
        let session = try await session(request, store: store, now: now)
        if mayCall && !session.role.mayCall { throw APIError(.forbidden) }
        return session.staff
    }

    /// The staff id and role of the request's session (Bearer token or cookie), or a 401.
    static func session(_ request: Request, store: any CentralStore, now: Date) async throws -> (staff: String, role: StaffRole) {
        var token: String?
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            token = String(header.dropFirst("Bearer ".count))
        } else if let cookie = request.cookies[cookieName] {
            token = cookie.value
        }
        guard let token, let session = try await store.session(token: token, at: now) else { throw APIError(.notLoggedIn) }
        return session
    }
}

extension APIError {
    static let badCredentials = APIError(
        .unauthorized, code: "bad-credentials", de: "Benutzername oder Passwort falsch.", en: "Wrong user name or password.")

    /// The answer for a refused staff operation.
    init(_ refusal: StaffRefusal) {
        switch refusal {
        case .badCredentials: self = .badCredentials
        case .notLoggedIn:
            self = APIError(.unauthorized, code: "login-required", de: "Bitte zuerst anmelden.", en: "Please log in first.")
        case .forbidden:
            self = APIError(.forbidden, code: "forbidden", de: "Diese Rolle darf das nicht.", en: "This role may not do that.")
        case .unknownCounter:
            self = APIError(.notFound, code: "unknown-counter", de: "Unbekannter Schalter.", en: "Unknown counter.")
        case .unknownTicket:
            self = APIError(.notFound, code: "unknown-ticket", de: "Unbekannte Wartenummer.", en: "Unknown ticket.")
        case .unknownService:
            self = APIError(.unprocessableContent, code: "unknown-service", de: "Unbekannte Dienstleistung.", en: "Unknown service.")
        case .notAllowed(let message):
            self = APIError(.conflict, code: "not-allowed", de: message[.german], en: message[.english])
        }
    }
}

public import AsyncHTTPClient
import Foundation
public import KioskCore
import NIOCore
import NIOHTTP1

/// Fetches a scope's processes of one day from a ZMS / eappointment API (`GET /scope/{id}/process/{date}/`).
///
/// zmsapi answers the whole day in one response; when `pageSize` is set, the client asks with `limit` and
/// `offset` and follows pages until one comes back short (for gateways in front of zmsapi that page).
public struct ZMSClient: Sendable {
    /// The API root, e.g. https://zms.example.de/terminvereinbarung/api/2
    public var baseURL: String
    /// The scope (Standort) id.
    public var scope: Int
    /// The workstation session key sent as `X-Authkey`, when the API wants one.
    public var authKey: String?
    /// Processes per page; nil: one request.
    public var pageSize: Int?
    /// Time allowed for each request.
    public var timeout: Duration
    let client: HTTPClient

    /// Creates a client.
    public init(
        baseURL: String, scope: Int, authKey: String? = nil, pageSize: Int? = nil, timeout: Duration = .seconds(20),
        client: HTTPClient = .shared
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.scope = scope
        self.authKey = authKey
        self.pageSize = pageSize
        self.timeout = timeout
        self.client = client
    }

    /// The day's appointments as import rows (see ``ZMSMapping``).
    public func appointments(on day: BusinessDay, mapping: ZMSMapping) async throws(ZMSError) -> [AppointmentImportRow] {
        mapping.rows(try await processes(on: day))
    }

    /// Every process of the scope on `day`, all pages.
    func processes(on day: BusinessDay) async throws(ZMSError) -> [ZMSProcess] {
        var all: [ZMSProcess] = []
        var offset = 0
        while true {
            var url = "\(baseURL)/scope/\(scope)/process/\(day.iso)/?resolveReferences=1"
            if let pageSize { url += "&limit=\(pageSize)&offset=\(offset)" }
            let page = try await fetch(url)
            all += page
            guard let pageSize, page.count == pageSize else { return all }
            offset += pageSize
            // A server that ignores paging would send the same full page for ever.
            guard offset <= 100_000 else { throw ZMSError(.malformed, detail: "too many pages") }
        }
    }

    func fetch(_ url: String) async throws(ZMSError) -> [ZMSProcess] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        if let authKey { request.headers.add(name: "X-Authkey", value: authKey) }
        let status: HTTPResponseStatus
        let body: ByteBuffer
        do {
            let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
            status = response.status
            body = try await response.body.collect(upTo: 32 << 20)
        } catch {
            throw ZMSError(.unreachable, detail: String(describing: type(of: error)))
        }
        switch status.code {
        case 200: break
        case 401, 403: throw ZMSError(.unauthorized, detail: "HTTP \(status.code)")
        case 404: throw ZMSError(.unknownScope, detail: "HTTP 404")
        default: throw ZMSError(.unreachable, detail: "HTTP \(status.code)")
        }
        guard let envelope = try? JSONDecoder().decode(ZMSEnvelope<[ZMSProcess]>.self, from: Data(body.readableBytesView)) else {
            throw ZMSError(.malformed, detail: "body is not a process list")
        }
        guard envelope.meta?.error != true, let data = envelope.data else { throw ZMSError(.malformed, detail: "meta.error set") }
        return data
    }
}

/// Why the ZMS answered nothing usable; the detail is technical and never holds response contents.
public struct ZMSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Not reached, timed out, or a server error: try again at the next run.
        case unreachable
        /// The session key was refused.
        case unauthorized
        /// The scope does not exist.
        case unknownScope
        /// The answer is not a ZMS process list.
        case malformed
    }

    /// The kind.
    public var kind: Kind
    /// A short technical detail.
    public var detail: String

    /// Creates an error.
    public init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// What an administrator reads.
    public var message: Message {
        switch kind {
        case .unreachable:
            Message(de: "ZMS nicht erreichbar (\(detail)); der nächste Lauf versucht es wieder.", en: "ZMS not reachable (\(detail)); the next run tries again.")
        case .unauthorized:
            Message(de: "ZMS lehnt den Sitzungsschlüssel ab (\(detail)).", en: "ZMS refuses the session key (\(detail)).")
        case .unknownScope:
            Message(de: "ZMS kennt diesen Standort (Scope) nicht.", en: "ZMS does not know this scope.")
        case .malformed:
            Message(de: "Die Antwort des ZMS ist keine Prozessliste (\(detail)).", en: "The ZMS answer is not a process list (\(detail)).")
        }
    }

    public var description: String { message.description }
}

public import AsyncHTTPClient
import Foundation
public import KioskCore
import NIOCore
import NIOHTTP1

/// The sync transport over HTTP(S) with AsyncHTTPClient.
///
/// Every failure becomes a `SyncError`: connection problems and 5xx are retryable, 4xx carry the central
/// service's error code. Bodies are never logged or put into errors.
public final class HTTPSyncTransport: SyncTransport {
    let base: String
    let client: HTTPClient
    let timeout: TimeAmount
    let credentials: TerminalCredentials?

    /// Creates a transport for a central service at `baseURL` (e.g. "http://127.0.0.1:8480").
    ///
    /// `timeout` bounds a whole exchange; while the central service is down the client keeps trying to
    /// connect until then, so it is also how long one failed sync attempt takes. With `credentials` every
    /// request presents the terminal's client certificate and trusts only the site CA.
    public init(baseURL: String, client: HTTPClient = .shared, timeout: Duration = .seconds(10), credentials: TerminalCredentials? = nil) {
        base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeout = .milliseconds(Int64(timeout / .milliseconds(1)))
        self.credentials = credentials
    }

    public func send(_ batch: EventBatch, terminal: TerminalID) async throws(SyncError) -> IngestResult {
        try await required(exchange(.POST, "/terminals/\(terminal.rawValue)/events", body: batch, as: IngestResult.self))
    }

    public func requestBlock(_ request: BlockRequest, terminal: TerminalID) async throws(SyncError) -> NumberBlock {
        try await required(
            exchange(.POST, "/terminals/\(terminal.rawValue)/number-blocks", body: request, as: NumberBlock.self))
    }

    public func calls(after: Int64) async throws(SyncError) -> [CallAnnouncement] {
        try await required(exchange(.GET, "/calls?after=\(after)", body: Optional<EventBatch>.none, as: [CallAnnouncement].self))
    }

    public func reportHealth(_ report: HealthReport, terminal: TerminalID) async throws(SyncError) {
        _ = try await exchange(.POST, "/terminals/\(terminal.rawValue)/health", body: report, as: HealthReport.self)
    }

    public func snapshot(terminal: TerminalID, etag: String?) async throws(SyncError) -> SnapshotAnswer {
        let answer = try await exchange(
            .GET, "/terminals/\(terminal.rawValue)/snapshot", body: Optional<EventBatch>.none, as: TerminalSnapshot.self,
            ifNoneMatch: etag)
        guard let snapshot = answer.value else { return .unchanged }
        return .changed(snapshot, etag: answer.etag)
    }

    /// The value of an answer that must have a body (no 304 is expected).
    func required<T>(_ answer: Answer<T?>) throws(SyncError) -> T {
        guard let value = answer.value else { throw SyncError(.malformedResponse, detail: "empty answer") }
        return value
    }

    struct Answer<T> {
        var value: T
        var etag: String?
    }

    func exchange<Body: Encodable, T: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, as expected: T.Type, ifNoneMatch: String? = nil
    ) async throws(SyncError) -> Answer<T?> where T: Sendable {
        let response: (status: HTTPResponseStatus, headers: HTTPHeaders, data: Data)
        do throws(CentralRequest.Failure) {
            response = try await CentralRequest.exchange(
                client: client, base: base, method, path, body: body, tls: credentials?.tlsConfiguration,
                headers: ifNoneMatch.map { [("If-None-Match", $0)] } ?? [], timeout: timeout, limit: 8 << 20)
        } catch {
            switch error {
            case .unencodable: throw SyncError(.malformedResponse, detail: "request not encodable")
            case .unreachable(let cause): throw SyncError(.unreachable, detail: String(describing: type(of: cause)))
            }
        }
        let data = response.data
        switch response.status.code {
        case 304:
            return Answer(value: nil, etag: ifNoneMatch)
        case 200..<300:
            guard let value = try? JSONDecoder().decode(T.self, from: data) else {
                throw SyncError(.malformedResponse, detail: "HTTP \(response.status.code) body not understood")
            }
            return Answer(value: value, etag: response.headers.first(name: "ETag"))
        case 400..<500:
            let code = (try? JSONDecoder().decode(APIErrorBody.self, from: data))?.code ?? "unknown"
            throw SyncError(.rejected(status: Int(response.status.code), code: code), detail: "HTTP \(response.status.code)")
        default:
            throw SyncError(.unreachable, detail: "HTTP \(response.status.code)")
        }
    }
}

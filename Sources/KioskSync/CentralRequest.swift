import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore
import NIOHTTP1
import NIOSSL

/// One JSON exchange with central's versioned API, shared by the sync transport and enrolment.
enum CentralRequest {
    /// Why an exchange produced no answer to read.
    enum Failure: Error {
        /// The request body could not be encoded (a programming error, not the network's).
        case unencodable
        /// Central was not reached, or the answer did not arrive whole.
        case unreachable(any Error)
    }

    /// Sends `body` (canonical JSON) to `base` + the API prefix + `path` and collects at most `limit` bytes.
    static func exchange<Body: Encodable>(
        client: HTTPClient, base: String, _ method: HTTPMethod, _ path: String, body: Body?, tls: TLSConfiguration?,
        headers extra: [(String, String)] = [], timeout: TimeAmount, limit: Int
    ) async throws(Failure) -> (status: HTTPResponseStatus, headers: HTTPHeaders, data: Data) {
        var request = HTTPClientRequest(url: base + SyncAPI.prefix + path)
        request.method = method
        request.tlsConfiguration = tls
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            guard let data = try? EventCoding.canonicalEncoder.encode(body) else { throw .unencodable }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: limit)
            return (response.status, response.headers, Data(bytes.readableBytesView))
        } catch {
            throw .unreachable(error)
        }
    }
}

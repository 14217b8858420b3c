public import Hummingbird
import Foundation
import KioskCore

/// Server-sent events of the call feed: every call after the last one a client has, as soon as it is stored.
///
/// The stream reads the database whenever the store signals a call (``CentralStore/callSignals()``), not an
/// in-memory list, so every instance serving the same database pushes the same calls, whichever instance took
/// the click.
public enum CallStream {
    /// The SSE response: `id:` is the call id (a reconnecting browser sends it as Last-Event-ID), `data:` the JSON.
    public static func response(store: any CentralStore, after start: Int64) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = ResponseBody { writer in
            var last = start
            // A comment line at once, so that proxies and browsers see the stream open.
            try await writer.write(ByteBuffer(string: ": calls\n\n"))
            let clock = ContinuousClock()
            var lastWrite = clock.now
            for await _ in store.callSignals() {
                let calls = (try? await store.calls(after: last)) ?? []
                for call in calls {
                    let json = String(decoding: try EventCoding.canonicalEncoder.encode(call), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "id: \(call.id)\nevent: call\ndata: \(json)\n\n"))
                    last = call.id
                    lastWrite = clock.now
                }
                // A keep-alive comment now and then also finds out when the client has gone.
                if clock.now - lastWrite > .seconds(15) {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    lastWrite = clock.now
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

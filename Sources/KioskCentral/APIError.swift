public import Hummingbird
public import KioskCore
import Foundation

/// Every error the API answers with: a status and a JSON body with a code and German/English text.
///
/// Unknown errors never reach the client: Hummingbird answers them with a bare 500 and logs them.
public struct APIError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The body.
    public var body: APIErrorBody

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, de: String, en: String) {
        self.status = status
        body = APIErrorBody(code: code, message: Message(de: de, en: en))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(body, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static let malformedJSON = APIError(
        .badRequest, code: "malformed-json", de: "Die Anfrage ist kein gültiges JSON dieses Formats.",
        en: "The request is not valid JSON of the expected shape.")
    static let tooLarge = APIError(
        .contentTooLarge, code: "body-too-large",
        de: "Die Anfrage ist zu groß (höchstens 1 MiB); bitte in kleineren Stapeln senden.",
        en: "The request is too large (1 MiB at most); send smaller batches.")
    static let tooManyEvents = APIError(
        .contentTooLarge, code: "batch-too-large", de: "Zu viele Ereignisse in einem Stapel (höchstens 500).",
        en: "Too many events in one batch (500 at most).")
    static let foreignEvent = APIError(
        .unprocessableContent, code: "foreign-event", de: "Ein Ereignis gehört zu einem anderen Terminal.",
        en: "An event belongs to another terminal.")
    static let unordered = APIError(
        .unprocessableContent, code: "unordered-events", de: "Ereignisse müssen nach Sequenznummer aufsteigend sein.",
        en: "Events must be in ascending sequence order.")
    static let reusedID = APIError(
        .conflict, code: "event-id-reused", de: "Eine Ereignis-ID wurde mit anderem Inhalt erneut verwendet.",
        en: "An event id was reused for a different event.")
    static let strayAttachment = APIError(
        .unprocessableContent, code: "stray-attachment", de: "Ein Anhang gehört zu keinem Ereignis dieser Sendung.",
        en: "An attachment belongs to no event of this batch.")
    static let badBlockRequest = APIError(
        .unprocessableContent, code: "bad-block-request", de: "Es können 1 bis 1000 Nummern angefordert werden.",
        en: "Between 1 and 1000 numbers can be requested.")
    static let unavailable = APIError(
        .serviceUnavailable, code: "store-unavailable", de: "Die Datenbank ist nicht erreichbar; bitte später erneut senden.",
        en: "The database is unreachable; send again later.")
    static let badApplicationNumber = APIError(
        .badRequest, code: "bad-application-number",
        de: "Ungültige Antragsnummer (1 bis 32 Zeichen A-Z, a-z, 0-9, -).",
        en: "Invalid application number (1 to 32 characters A-Z, a-z, 0-9, -).")
    static let badTerminal = APIError(
        .badRequest, code: "bad-terminal-id", de: "Ungültige Terminal-ID.", en: "Invalid terminal id.")
}

/// JSON responses with the canonical encoder.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try EventCoding.canonicalEncoder.encode(value)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

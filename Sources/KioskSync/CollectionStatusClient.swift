public import KioskCore
import NIOHTTP1

/// Why a collection status could not be told.
public struct CollectionLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Central is not reachable (offline, timeout, 5xx): the status cannot be known at the terminal now.
        case offline
        /// The number has not the form of an application number; nothing was sent.
        case invalidNumber
        /// Central refused the request (4xx) with its code.
        case rejected(code: String)
        /// Central's answer was not understood.
        case malformedResponse
    }

    /// The kind.
    public var kind: Kind

    /// Whether the terminal is offline for this (then only the reception desk can tell).
    public var isOffline: Bool { kind == .offline }

    /// What the citizen is told.
    public var message: Message {
        switch kind {
        case .offline:
            Message(
                key: "collection.problem.offline",
                de: "Die Auskunft ist gerade nicht möglich (keine Verbindung zur Zentrale). Bitte am Empfang fragen.",
                en: "Status information is not available right now (no connection to the central service). Please ask at the reception desk.")
        case .invalidNumber:
            Message(
                key: "collection.problem.invalidNumber",
                de: "Diese Nummer ist keine Antragsnummer. Bitte den Abholschein erneut scannen oder am Empfang fragen.",
                en: "This is not an application number. Please scan the collection receipt again or ask at the reception desk.")
        case .rejected, .malformedResponse:
            Message(
                key: "collection.problem.failed",
                de: "Die Auskunft ist fehlgeschlagen. Bitte am Empfang fragen.",
                en: "The status request failed. Please ask at the reception desk.")
        }
    }

    public var description: String { "collection status: \(kind)" }
}

/// Asks central whether an ID document is ready for collection (`GET /v1/terminals/{terminal}/collections/{number}`),
/// with the terminal's transport and identity. Needs central: there is no offline copy of collection states.
public struct CollectionStatusClient: Sendable {
    let transport: HTTPSyncTransport
    let terminal: TerminalID

    /// Creates a client for this terminal.
    public init(transport: HTTPSyncTransport, terminal: TerminalID) {
        self.transport = transport
        self.terminal = terminal
    }

    /// The status of an application number as central knows it.
    public func status(applicationNumber: String) async throws(CollectionLookupError) -> CollectionAnswer {
        // Checked here too, so that the number can go into the path unescaped and a misread code costs no request.
        guard ApplicationNumber.isValid(applicationNumber) else { throw CollectionLookupError(kind: .invalidNumber) }
        do {
            let answer = try await transport.exchange(
                .GET, "/terminals/\(terminal.rawValue)/collections/\(applicationNumber)", body: Optional<EventBatch>.none,
                as: CollectionAnswer.self)
            guard let value = answer.value else { throw CollectionLookupError(kind: .malformedResponse) }
            return value
        } catch let error as CollectionLookupError {
            throw error
        } catch let error as SyncError {
            switch error.kind {
            case .unreachable: throw CollectionLookupError(kind: .offline)
            case .rejected(_, let code): throw CollectionLookupError(kind: .rejected(code: code))
            case .malformedResponse: throw CollectionLookupError(kind: .malformedResponse)
            }
        } catch {
            throw CollectionLookupError(kind: .malformedResponse)
        }
    }
}

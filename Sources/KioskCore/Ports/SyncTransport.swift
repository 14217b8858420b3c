/// Why talking to the central service failed, and whether trying again can help.
public struct SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// No connection, timeout, TLS failure, 5xx: try again later.
        case unreachable
        /// The central service refused the request (4xx) with a code; retrying the same request will not help.
        case rejected(status: Int, code: String)
        /// The answer could not be understood.
        case malformedResponse
    }

    /// The kind.
    public var kind: Kind
    /// A short technical detail for the log (never request contents).
    public var detail: String

    /// Creates an error.
    public init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// Whether waiting and retrying may succeed.
    public var isRetryable: Bool {
        if case .rejected = kind { return false }
        return true
    }

    public var description: String { "sync: \(kind) (\(detail))" }
}

/// A snapshot answer: unchanged since the ETag the terminal has, or new data with its ETag.
public enum SnapshotAnswer: Sendable, Equatable {
    /// Nothing changed.
    case unchanged
    /// New data.
    case changed(TerminalSnapshot, etag: String?)
}

/// How a terminal reaches the central service; the real one speaks HTTPS, tests plug in others.
public protocol SyncTransport: Sendable {
    /// Sends events; returns what the central service applied.
    func send(_ batch: EventBatch, terminal: TerminalID) async throws(SyncError) -> IngestResult
    /// Asks for a block of ticket numbers.
    func requestBlock(_ request: BlockRequest, terminal: TerminalID) async throws(SyncError) -> NumberBlock
    /// Calls after the one with id `after`, oldest first (the feed the call display shows).
    func calls(after: Int64) async throws(SyncError) -> [CallAnnouncement]
    /// Reports the terminal's device health.
    func reportHealth(_ report: HealthReport, terminal: TerminalID) async throws(SyncError)
    /// Fetches the reference data unless it still has `etag`.
    func snapshot(terminal: TerminalID, etag: String?) async throws(SyncError) -> SnapshotAnswer
}

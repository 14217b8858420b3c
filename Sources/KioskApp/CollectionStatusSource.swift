public import KioskCore
public import KioskSync

/// Where the Lieferstatus flow asks whether an ID document is ready: central, or a test's twin.
public protocol CollectionStatusSource: Sendable {
    /// The answer for an application number, or what to tell the citizen when there is none (offline, refused).
    func status(applicationNumber: String) async -> Result<CollectionAnswer, CollectionStatusProblem>
}

/// Why the Lieferstatus has no answer, in words for the citizen.
public struct CollectionStatusProblem: Error, Hashable, Sendable {
    /// What to tell the citizen.
    public var message: Message
    /// A stable code for the log, e.g. "offline".
    public var code: String

    /// A problem.
    public init(message: Message, code: String) {
        self.message = message
        self.code = code
    }
}

extension CollectionStatusClient: CollectionStatusSource {
    /// Asks central; its typed errors become the citizen's message.
    public func status(applicationNumber: String) async -> Result<CollectionAnswer, CollectionStatusProblem> {
        do {
            return .success(try await status(applicationNumber: applicationNumber) as CollectionAnswer)
        } catch {
            return .failure(CollectionStatusProblem(message: error.message, code: error.isOffline ? "offline" : "refused"))
        }
    }
}

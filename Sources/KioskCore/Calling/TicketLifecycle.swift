/// Where a ticket stands at the central service.
public enum TicketState: String, Sendable, Hashable, Codable, CaseIterable {
    /// In its queue, not called.
    case waiting
    /// Called to a counter, citizen on the way or being served.
    case called
    /// Set aside by a clerk (e.g. fetching a document); not called until resumed.
    case parked
    /// Served and finished.
    case finished
    /// Called twice without coming: out of the queue.
    case missed
}

/// What a clerk does with a ticket.
public enum CounterAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Call it again (same counter).
    case recall
    /// The citizen did not come.
    case noShow = "no-show"
    /// Served.
    case finish
    /// Send to another service's queue.
    case forward
    /// Set aside.
    case park
    /// Back from parked into its queue.
    case resume
}

/// The rules for moving a ticket between states; pure, so the stores only persist its answers.
///
/// A no-show goes back to the end of its queue once (the citizen may have been outside); the second no-show
/// marks it missed. Forwarding puts it at the end of the target service's queue under its old number.
public enum TicketLifecycle {
    /// Why an action is not allowed, for the clerk.
    public struct Refusal: Error, Hashable, Sendable {
        /// The message.
        public var message: Message
    }

    /// The state after `action`, given the current state and how often the ticket was a no-show.
    public static func next(_ action: CounterAction, from state: TicketState, noShows: Int) -> Result<TicketState, Refusal> {
        switch (action, state) {
        case (.recall, .called), (.finish, .called): return .success(action == .finish ? .finished : .called)
        case (.noShow, .called): return .success(noShows == 0 ? .waiting : .missed)
        case (.forward, .called): return .success(.waiting)
        case (.park, .called), (.park, .waiting): return .success(.parked)
        case (.resume, .parked): return .success(.waiting)
        default:
            return .failure(
                Refusal(message: Message(
                    de: "Nicht möglich: Die Wartenummer ist \(state.germanName).",
                    en: "Not possible: the ticket is \(state.rawValue).")))
        }
    }
}

extension TicketState {
    var germanName: String {
        switch self {
        case .waiting: "wartend"
        case .called: "aufgerufen"
        case .parked: "geparkt"
        case .finished: "abgeschlossen"
        case .missed: "verpasst"
        }
    }
}

/// Who may do what.
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Calls and serves citizens at a counter.
    case staff
    /// Sees device health and diagnostics; no citizen data.
    case technician
    /// Manages staff, counters and terminals, and may do what staff do.
    case admin

    /// Whether the role may call and serve tickets.
    public var mayCall: Bool { self != .technician }
}

public import Foundation

/// One citizen waiting in a queue, as the ordering rule sees it.
public struct WaitingEntry: Hashable, Sendable {
    /// The ticket.
    public var number: TicketNumber
    /// When the ticket was issued (walk-in) or the citizen checked in (appointment).
    public var arrivedAt: Date
    /// The appointment's start, for tickets from a check-in.
    public var appointmentAt: Date?

    /// Creates an entry.
    public init(number: TicketNumber, arrivedAt: Date, appointmentAt: Date? = nil) {
        self.number = number
        self.arrivedAt = arrivedAt
        self.appointmentAt = appointmentAt
    }
}

/// The order in which a queue is called.
///
/// Rule: appointments that are due (start time within `dueWindow` from now, or past) come first, earliest
/// appointment first; then everyone else first come, first served by arrival. An appointment checked in
/// early waits with the walk-ins until it is due, so arriving early never pushes others back.
public struct QueueOrder: Sendable {
    /// How long before its start an appointment counts as due.
    public var dueWindow: TimeInterval

    /// Creates the rule; five minutes is the default lead.
    public init(dueWindow: TimeInterval = 5 * 60) { self.dueWindow = dueWindow }

    /// The entries in call order at `now`.
    public func sorted(_ entries: [WaitingEntry], now: Date) -> [WaitingEntry] {
        func isDue(_ entry: WaitingEntry) -> Bool {
            guard let start = entry.appointmentAt else { return false }
            return start.timeIntervalSince(now) <= dueWindow
        }
        return entries.sorted { lhs, rhs in
            switch (isDue(lhs), isDue(rhs)) {
            case (true, false): return true
            case (false, true): return false
            case (true, true): return (lhs.appointmentAt!, lhs.arrivedAt) < (rhs.appointmentAt!, rhs.arrivedAt)
            case (false, false):
                if lhs.arrivedAt != rhs.arrivedAt { return lhs.arrivedAt < rhs.arrivedAt }
                return lhs.number.value < rhs.number.value
            }
        }
    }
}

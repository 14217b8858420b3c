public import Foundation

/// Identifies a terminal within the system, e.g. "potsdam-t1".
public struct TerminalID: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    /// The id as configured.
    public let rawValue: String
    /// Wraps a configured id.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// How a ticket came about.
public enum TicketOrigin: String, Hashable, Sendable, Codable {
    /// Drawn by a walk-in citizen.
    case walkIn = "walk-in"
    /// Issued at an appointment check-in.
    case appointment
}

/// A queue ticket (Wartemarke) as it exists once committed: before it is printed or shown.
public struct Ticket: Hashable, Sendable, Codable {
    /// Unique id, also the key of its events.
    public var id: UUID
    /// The printed number.
    public var number: TicketNumber
    /// The queue it waits in.
    public var queue: QueueID
    /// The service asked for.
    public var service: ServiceID
    /// The business day it belongs to.
    public var day: BusinessDay
    /// When it was issued.
    public var issuedAt: Date
    /// Walk-in or appointment.
    public var origin: TicketOrigin
    /// The terminal that issued it.
    public var terminal: TerminalID
    /// The wait estimate given at issue time.
    public var estimate: WaitEstimate
    /// Tickets waiting ahead at issue time.
    public var ahead: Int

    /// Creates a ticket.
    public init(
        id: UUID, number: TicketNumber, queue: QueueID, service: ServiceID, day: BusinessDay, issuedAt: Date,
        origin: TicketOrigin, terminal: TerminalID, estimate: WaitEstimate, ahead: Int
    ) {
        self.id = id
        self.number = number
        self.queue = queue
        self.service = service
        self.day = day
        self.issuedAt = issuedAt.wholeMilliseconds
        self.origin = origin
        self.terminal = terminal
        self.estimate = estimate
        self.ahead = ahead
    }
}

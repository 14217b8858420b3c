public import Foundation

/// Identifies a terminal within the system, e.g. "potsdam-t1".
public struct TerminalID: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    /// The id as configured.
    public let rawValue: String
    /// Wraps a configured id.
    public init(rawValue: String) { self.rawValue = rawValue }
    // Codable comes from RawRepresentable: a single string, as ServiceID and QueueID.
    public var description: String { rawValue }
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

    enum CodingKeys: String, CodingKey {
        case id, number, queue, service, day, issuedAt, origin, terminal, estimate, ahead
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(UUID.self, forKey: .id), number: try container.decode(TicketNumber.self, forKey: .number),
            queue: try container.decode(QueueID.self, forKey: .queue), service: try container.decode(ServiceID.self, forKey: .service),
            day: try container.decode(BusinessDay.self, forKey: .day),
            issuedAt: try container.decode(Timestamp.self, forKey: .issuedAt).date,
            origin: try container.decode(TicketOrigin.self, forKey: .origin),
            terminal: try container.decode(TerminalID.self, forKey: .terminal),
            estimate: try container.decode(WaitEstimate.self, forKey: .estimate), ahead: try container.decode(Int.self, forKey: .ahead))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(number, forKey: .number)
        try container.encode(queue, forKey: .queue)
        try container.encode(service, forKey: .service)
        try container.encode(day, forKey: .day)
        try container.encode(Timestamp(issuedAt), forKey: .issuedAt)
        try container.encode(origin, forKey: .origin)
        try container.encode(terminal, forKey: .terminal)
        try container.encode(estimate, forKey: .estimate)
        try container.encode(ahead, forKey: .ahead)
    }
}

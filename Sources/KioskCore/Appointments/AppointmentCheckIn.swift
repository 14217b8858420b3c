public import Foundation

/// The payload of `appointment.checked-in`: which appointment, the ticket issued for it and its start.
///
/// The start travels with the event so that central orders the ticket by it even when its own copy of the
/// appointment is missing (imported later, or deleted); central's own start wins where it has one.
public struct AppointmentCheckIn: Hashable, Sendable, Codable {
    /// The appointment.
    public var appointment: AppointmentID
    /// The ticket issued at check-in (origin `.appointment`).
    public var ticket: Ticket
    /// The appointment's start as the terminal knew it.
    public var appointmentAt: Date

    /// Creates the payload.
    public init(appointment: AppointmentID, ticket: Ticket, appointmentAt: Date) {
        self.appointment = appointment
        self.ticket = ticket
        self.appointmentAt = appointmentAt.wholeMilliseconds
    }

    enum CodingKeys: String, CodingKey { case appointment, ticket, appointmentAt }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            appointment: try container.decode(AppointmentID.self, forKey: .appointment),
            ticket: try container.decode(Ticket.self, forKey: .ticket),
            appointmentAt: try container.decode(Timestamp.self, forKey: .appointmentAt).date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(appointment, forKey: .appointment)
        try container.encode(ticket, forKey: .ticket)
        try container.encode(Timestamp(appointmentAt), forKey: .appointmentAt)
    }
}

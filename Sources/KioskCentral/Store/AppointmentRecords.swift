public import Foundation
public import KioskCore

/// An `appointment.checked-in` event that did not simply queue its ticket.
///
/// Decided rule: the first check-in of an appointment that central applies wins. A later one (another terminal
/// that checked the same code in, e.g. while offline) is recorded here with `alreadyCheckedIn` and its ticket
/// is not queued, so the citizen is called once. A check-in for an appointment central knows as cancelled, or
/// does not know, still queues its ticket (the citizen is in the building holding it) and is recorded here
/// for staff to look at.
public struct AppointmentConflict: Sendable, Equatable {
    /// The appointment.
    public var appointment: AppointmentID
    /// The ticket of the check-in recorded here.
    public var ticket: UUID
    /// The terminal it came from.
    public var terminal: TerminalID
    /// Why it is recorded.
    public var reason: AppointmentConflictReason
    /// When the terminal checked the citizen in.
    public var time: Date

    /// Creates a record.
    public init(appointment: AppointmentID, ticket: UUID, terminal: TerminalID, reason: AppointmentConflictReason, time: Date) {
        self.appointment = appointment
        self.ticket = ticket
        self.terminal = terminal
        self.reason = reason
        self.time = time
    }
}

/// Why a check-in is an ``AppointmentConflict``.
public enum AppointmentConflictReason: String, Sendable, Equatable, CaseIterable {
    /// The appointment was already checked in with another ticket: this ticket is not queued.
    case alreadyCheckedIn = "already-checked-in"
    /// The appointment was cancelled: the ticket is queued anyway.
    case cancelled
    /// Central does not know the appointment: the ticket is queued anyway.
    case unknownAppointment = "unknown-appointment"
}

/// An ID document application as central records it.
public struct CollectionRecord: Sendable, Equatable {
    /// The application number (Antragsnummer) printed on the collection receipt.
    public var applicationNumber: String
    /// The document kind.
    public var kind: DocumentKind
    /// In production, ready or collected.
    public var state: CollectionState
    /// Since when it is ready; nil unless ready.
    public var readySince: Date?

    /// Creates a record.
    public init(applicationNumber: String, kind: DocumentKind, state: CollectionState, readySince: Date?) {
        self.applicationNumber = applicationNumber
        self.kind = kind
        self.state = state
        self.readySince = readySince
    }
}

/// How both backends decide what to do with one check-in event, given what central has stored.
enum CheckInProjection {
    /// The stored appointment's state and start, nil when central does not know it.
    typealias Stored = (state: AppointmentState, ticket: String?, startMS: Int64)?

    /// Whether to queue the ticket, the start to order it by, and the conflict to record.
    static func decide(_ checkIn: AppointmentCheckIn, stored: Stored) -> (queue: Bool, appointmentAtMS: Int64, conflict: AppointmentConflictReason?) {
        let eventStart = checkIn.appointmentAt.millisecondsSince1970
        guard let stored else { return (true, eventStart, .unknownAppointment) }
        switch stored.state {
        case .booked: return (true, stored.startMS, nil)
        case .cancelled: return (true, stored.startMS, .cancelled)
        case .checkedIn:
            // The same ticket again (cannot happen through ingest's dedupe, but costs nothing): nothing to do.
            if stored.ticket == checkIn.ticket.id.uuidString { return (false, stored.startMS, nil) }
            return (false, stored.startMS, .alreadyCheckedIn)
        }
    }
}

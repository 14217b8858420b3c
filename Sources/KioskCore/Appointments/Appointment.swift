public import Foundation

/// Identifies an appointment as the booking system names it, e.g. "2026-000123".
public struct AppointmentID: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    /// The id as the booking system writes it.
    public let rawValue: String
    /// Wraps an id.
    public init(rawValue: String) { self.rawValue = rawValue }
    // Codable comes from RawRepresentable: a single string, as ServiceID and QueueID.
    public var description: String { rawValue }
}

/// Where an appointment stands.
public enum AppointmentState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Booked, nobody has checked in yet.
    case booked
    /// The citizen checked in at a terminal and holds a ticket.
    case checkedIn = "checked-in"
    /// Cancelled by the citizen or the office.
    case cancelled
}

/// A booked appointment with just what check-in needs: no names, no contact data.
///
/// The codes are secrets of the booking (whoever knows them can check in), so `description` leaves them out
/// and `matches(_:)` compares them in constant time.
public struct Appointment: Hashable, Sendable, CustomStringConvertible {
    /// The booking system's id.
    public var id: AppointmentID
    /// The service booked.
    public var service: ServiceID
    /// When it starts.
    public var start: Date
    /// Booked minutes at the counter.
    public var durationMinutes: Int
    /// The process number of a ZMS-style confirmation, with `authKey`.
    public var processNumber: String?
    /// The authentication key that goes with `processNumber`.
    public var authKey: String?
    /// A plain booking reference.
    public var bookingReference: String?
    /// Booked, checked in or cancelled.
    public var state: AppointmentState

    /// Creates an appointment; it can be checked in with process number and key, with the booking reference, or both.
    public init(
        id: AppointmentID, service: ServiceID, start: Date, durationMinutes: Int, processNumber: String? = nil,
        authKey: String? = nil, bookingReference: String? = nil, state: AppointmentState = .booked
    ) {
        self.id = id
        self.service = service
        self.start = start.wholeMilliseconds
        self.durationMinutes = durationMinutes
        self.processNumber = processNumber
        self.authKey = authKey
        self.bookingReference = bookingReference
        self.state = state
    }

    /// Whether it can be checked in with anything at all: a process number with its key, or a booking reference.
    public var hasCheckInCode: Bool {
        (processNumber?.isEmpty == false && authKey?.isEmpty == false) || bookingReference?.isEmpty == false
    }

    /// Whether a scanned confirmation belongs to this appointment.
    ///
    /// Keys and references are compared in time independent of where they differ, so that a terminal's answer
    /// time does not help guess a key character by character.
    public func matches(_ code: AppointmentCode) -> Bool {
        switch code {
        case let .process(number, key):
            guard let processNumber, let authKey, !processNumber.isEmpty, !authKey.isEmpty else { return false }
            // Both compared always (not `&&`): a wrong number must not answer sooner than a wrong key.
            let numberMatches = Self.constantTimeEqual(processNumber, number)
            let keyMatches = Self.constantTimeEqual(authKey, key)
            return numberMatches && keyMatches
        case .booking(let reference):
            guard let bookingReference, !bookingReference.isEmpty else { return false }
            return Self.constantTimeEqual(bookingReference, reference)
        case .signed(let signed):
            // The signature (checked before matching) is the secret; the id only says which appointment.
            return id == signed.appointment
        }
    }

    /// Byte-wise comparison whose time depends only on the lengths, not on the position of the first difference.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count) | (left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }

    /// Redacted: id, service, time and state; never the codes.
    public var description: String {
        "Appointment(\(id), service: \(service), start: \(EventCoding.timestamp(start)), \(state.rawValue))"
    }
}

extension Appointment: Codable {
    enum CodingKeys: String, CodingKey {
        case id, service, start, durationMinutes, processNumber, authKey, bookingReference, state
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(AppointmentID.self, forKey: .id),
            service: try container.decode(ServiceID.self, forKey: .service),
            start: try container.decode(Timestamp.self, forKey: .start).date,
            durationMinutes: try container.decode(Int.self, forKey: .durationMinutes),
            processNumber: try container.decodeIfPresent(String.self, forKey: .processNumber),
            authKey: try container.decodeIfPresent(String.self, forKey: .authKey),
            bookingReference: try container.decodeIfPresent(String.self, forKey: .bookingReference),
            state: try container.decode(AppointmentState.self, forKey: .state))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(service, forKey: .service)
        try container.encode(Timestamp(start), forKey: .start)
        try container.encode(durationMinutes, forKey: .durationMinutes)
        try container.encodeIfPresent(processNumber, forKey: .processNumber)
        try container.encodeIfPresent(authKey, forKey: .authKey)
        try container.encodeIfPresent(bookingReference, forKey: .bookingReference)
        try container.encode(state, forKey: .state)
    }
}

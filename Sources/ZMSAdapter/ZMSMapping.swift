import Foundation
public import KioskCore

/// How a scope's ZMS processes become import rows.
public struct ZMSMapping: Sendable {
    /// ZMS request (service) ids mapped to the catalog's service ids; an id not listed is taken as it is.
    public var services: [String: String]
    /// Slot length when an appointment does not carry its availability's `slotTimeInMinutes`.
    public var slotMinutes: Int

    /// Creates a mapping.
    public init(services: [String: String] = [:], slotMinutes: Int = 10) {
        self.services = services
        self.slotMinutes = slotMinutes
    }

    /// The appointment id central uses for a ZMS process.
    public static func appointmentID(process: Int64) -> AppointmentID { AppointmentID(rawValue: "zms-\(process)") }

    /// Statuses of real bookings: the citizen may come.
    static let booked: Set<String> = ["confirmed", "queued", "called", "processing", "pending", "parked", "missed", "finished"]
    /// Statuses that mean the booking is gone.
    static let gone: Set<String> = ["deleted", "blocked", "anonymized"]

    /// One row per booked or deleted process; the process number and authKey become the check-in code, so the
    /// QR code or link of a ZMS confirmation checks in. Reservations not yet confirmed are left out.
    func rows(_ processes: [ZMSProcess]) -> [AppointmentImportRow] {
        processes.compactMap { process in
            let id = Self.appointmentID(process: process.id.value)
            let status = process.status ?? "confirmed"
            if Self.gone.contains(status) { return .cancel(id) }
            guard Self.booked.contains(status), let appointment = process.appointments?.first else { return nil }
            let slot = appointment.availability?.slotTimeInMinutes.map { Int($0.value) } ?? slotMinutes
            let request = process.requests?.first?.id
            return AppointmentImportRow(
                id: id, service: request.map { ServiceID(rawValue: services[$0] ?? $0) },
                start: Date(timeIntervalSince1970: TimeInterval(appointment.date.value)),
                durationMinutes: max(1, Int(appointment.slotCount.value)) * max(1, slot),
                processNumber: String(process.id.value), authKey: process.authKey,
                name: process.clients?.first?.familyName.flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}

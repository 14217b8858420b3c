/// Nearest-rank percentile: the smallest value with at least `p` percent of the values at or below it.
///
/// Nearest rank (not interpolation) so that a reported p90 waiting time is one that a citizen really had.
public func percentile(_ p: Double, of values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

/// One service's day in figures.
public struct ServiceStatistics: Sendable, Equatable, Codable {
    /// The service.
    public var service: ServiceID
    /// Tickets issued.
    public var tickets: Int
    /// Of those, walk-ins.
    public var walkIns: Int
    /// Of those, from appointments.
    public var appointments: Int
    /// Tickets with at least one no-show.
    public var noShows: Int
    /// Tickets that ended missed.
    public var missed: Int
    /// Minutes from issue to first call: median.
    public var waitP50: Double?
    /// Minutes from issue to first call: 90th percentile.
    public var waitP90: Double?
    /// Minutes from (last) call to finish: median.
    public var serviceP50: Double?

    /// Builds the figures from per-ticket measurements.
    public init(
        service: ServiceID, tickets: Int, walkIns: Int, appointments: Int, noShows: Int, missed: Int, waits: [Double],
        serviceTimes: [Double]
    ) {
        self.service = service
        self.tickets = tickets
        self.walkIns = walkIns
        self.appointments = appointments
        self.noShows = noShows
        self.missed = missed
        waitP50 = percentile(50, of: waits)
        waitP90 = percentile(90, of: waits)
        serviceP50 = percentile(50, of: serviceTimes)
    }

    /// The CSV header matching `csvRow`.
    public static let csvHeader = "day;service;tickets;walk_ins;appointments;no_shows;missed;wait_p50_min;wait_p90_min;service_p50_min"

    /// One CSV line (semicolon-separated, as German spreadsheet programs expect; decimal point).
    public func csvRow(day: BusinessDay) -> String {
        func minutes(_ value: Double?) -> String { value.map { String(Int($0.rounded())) } ?? "" }
        return [
            day.iso, service.rawValue, String(tickets), String(walkIns), String(appointments), String(noShows), String(missed),
            minutes(waitP50), minutes(waitP90), minutes(serviceP50),
        ].joined(separator: ";")
    }
}

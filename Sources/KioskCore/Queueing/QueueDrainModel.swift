public import Foundation

/// Estimates how many tickets still wait when the terminal cannot see the counters (standalone, or offline).
///
/// The queue is modelled as one server with the combined rate of the open counters, r = c / D̄ tickets per
/// minute: ticket i starts at sᵢ = max(issuedᵢ, sᵢ₋₁ + 1/r), in issue order. A ticket still waits at `now`
/// when sᵢ > now. Once the central service reports calls, its real count replaces this model.
public enum QueueDrainModel {
    /// The seconds between two starts: the mean service time shared by the open counters (nil when none is open).
    public static func startInterval(openCounters: Int, meanServiceMinutes: Double) -> TimeInterval? {
        guard openCounters > 0, meanServiceMinutes > 0 else { return nil }
        return meanServiceMinutes * 60 / Double(openCounters)
    }

    /// The modelled start sᵢ of a new ticket, from the previous ticket's start: the incremental form of
    /// `waiting(issuedAt:...)`, so that a store can keep sᵢ per ticket and count `sᵢ > now` with an index.
    public static func start(issuedAt: Date, previousStart: Date?, interval: TimeInterval?) -> Date {
        guard let previousStart, let interval else { return issuedAt }
        return max(issuedAt, previousStart.addingTimeInterval(interval))
    }

    /// Tickets of the queue still waiting at `now`.
    public static func waiting(issuedAt: [Date], now: Date, openCounters: Int, meanServiceMinutes: Double) -> Int {
        guard openCounters > 0, meanServiceMinutes > 0 else { return issuedAt.filter { $0 <= now }.count }
        let interval = meanServiceMinutes * 60 / Double(openCounters)
        var nextFree = -Double.infinity
        var waiting = 0
        for issued in issuedAt.sorted() where issued <= now {
            let start = max(issued.timeIntervalSince1970, nextFree)
            nextFree = start + interval
            if start > now.timeIntervalSince1970 { waiting += 1 }
        }
        return waiting
    }
}

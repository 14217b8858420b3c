import Foundation

/// A span of local time on one day, e.g. 08:00-12:30.
public struct TimeSpan: Hashable, Sendable, CustomStringConvertible {
    /// Opening time.
    public var start: TimeOfDay
    /// Closing time (exclusive).
    public var end: TimeOfDay

    /// Creates a span; `start` must be before `end`.
    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// Parses "08:00-12:30"; nil when malformed or empty.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let start = TimeOfDay(parts[0].trimmingCharacters(in: .whitespaces)),
            let end = TimeOfDay(parts[1].trimmingCharacters(in: .whitespaces)), start < end
        else { return nil }
        self.init(start: start, end: end)
    }

    public var description: String { "\(start)-\(end)" }

    /// Whether a time lies inside the span.
    public func contains(_ time: TimeOfDay) -> Bool { start <= time && time < end }
}

/// Weekly opening hours plus dates the office is closed (public holidays, Heiligabend).
public struct OpeningHours: Hashable, Sendable {
    /// Spans per weekday; a missing weekday is closed.
    public var weekly: [Weekday: [TimeSpan]]
    /// Dates closed regardless of the weekday.
    public var closedDates: Set<BusinessDay>
    /// Walk-in tickets stop this many minutes before closing so that they can still be served.
    public var lastTicketMinutesBeforeClose: Int

    /// Creates opening hours.
    public init(weekly: [Weekday: [TimeSpan]], closedDates: Set<BusinessDay> = [], lastTicketMinutesBeforeClose: Int = 0)
    {
        self.weekly = weekly
        self.closedDates = closedDates
        self.lastTicketMinutesBeforeClose = lastTicketMinutesBeforeClose
    }

    /// The spans on a date (empty when closed).
    public func spans(on day: BusinessDay, weekday: Weekday) -> [TimeSpan] {
        closedDates.contains(day) ? [] : (weekly[weekday] ?? []).sorted { $0.start < $1.start }
    }
}

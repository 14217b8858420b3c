public import Foundation

/// A calendar date at the site (no time, no zone): the unit tickets are numbered in.
public struct BusinessDay: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// Year, e.g. 2026.
    public var year: Int
    /// Month 1-12.
    public var month: Int
    /// Day of month 1-31.
    public var day: Int

    /// Creates a day from its parts; no validation, use `init?(iso:)` for outside input.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "2026-11-23"; nil for anything that is not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...BusinessDay.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// "2026-11-23": the form used in storage, events and files.
    public var iso: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public var description: String { iso }

    public static func < (lhs: BusinessDay, rhs: BusinessDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = BusinessDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// Minutes since local midnight, as on a wall clock at the site.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Minutes after midnight, 0...1440 (1440 means the end of the day).
    public var minutes: Int

    /// Creates a time from hours and minutes.
    public init(hour: Int, minute: Int) { minutes = hour * 60 + minute }

    /// Parses "08:00" or "8:30"; "24:00" is allowed as the end of the day.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0...59).contains(minute), hour < 24 || minute == 0
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        let hour = minutes / 60
        let minute = minutes % 60
        return "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

/// The day of the week, Monday first as in German calendars.
public enum Weekday: Int, CaseIterable, Sendable, Hashable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The short key used in configuration files: mon, tue, ...
    public var key: String {
        switch self {
        case .monday: "mon"
        case .tuesday: "tue"
        case .wednesday: "wed"
        case .thursday: "thu"
        case .friday: "fri"
        case .saturday: "sat"
        case .sunday: "sun"
        }
    }
}

/// Converts instants to the site's local day and time; every "today" in the system goes through it.
///
/// Local midnight is where ticket numbers restart. German DST switches happen at 02:00/03:00 local time,
/// so a day is 23 or 25 hours long twice a year; computing with the zone's rules (not a fixed offset)
/// keeps the reset at the real local midnight.
public struct SiteCalendar: Sendable {
    /// The site's time zone, normally Europe/Berlin.
    public let timeZone: TimeZone
    private let calendar: Calendar

    /// Creates a calendar for a zone identifier; nil if the zone is unknown on this system.
    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// Creates a calendar for a zone.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The site's calendar for Europe/Berlin.
    public static let berlin = SiteCalendar(timeZoneIdentifier: "Europe/Berlin")!

    /// The local date of an instant.
    public func businessDay(of instant: Date) -> BusinessDay {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return BusinessDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The local wall-clock time of an instant.
    public func timeOfDay(of instant: Date) -> TimeOfDay {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return TimeOfDay(hour: parts.hour!, minute: parts.minute!)
    }

    /// The weekday of a local date.
    public func weekday(of day: BusinessDay) -> Weekday {
        let instant = startOfDay(day)
        let gregorian = calendar.component(.weekday, from: instant)  // 1 = Sunday
        return Weekday(rawValue: gregorian == 1 ? 7 : gregorian - 1)!
    }

    /// The instant of local midnight at the start of `day`.
    public func startOfDay(_ day: BusinessDay) -> Date {
        calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    /// The day after `day`.
    public func day(after day: BusinessDay) -> BusinessDay {
        let next = calendar.date(byAdding: .day, value: 1, to: startOfDay(day))!
        return businessDay(of: next)
    }

    /// The instant a given local time occurs on a local date (the later one in the repeated DST hour).
    public func instant(of time: TimeOfDay, on day: BusinessDay) -> Date {
        if time.minutes >= 24 * 60 { return startOfDay(self.day(after: day)) }
        return calendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: time.minutes / 60,
                                 minute: time.minutes % 60))!
    }
}

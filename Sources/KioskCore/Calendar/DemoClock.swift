public import Foundation

/// Parses the local time a demo pretends to start at.
public enum DemoClock {
    /// "2026-11-23T09:00" in the site's zone; nil when malformed.
    public static func parse(_ text: String, calendar: SiteCalendar) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = BusinessDay(iso: String(parts[0])), let time = TimeOfDay(String(parts[1])) else {
            return nil
        }
        return calendar.instant(of: time, on: day)
    }
}

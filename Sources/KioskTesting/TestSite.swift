public import Foundation
public import KioskCore

/// A small site for tests: two queues (A, B), one service each, open around the clock on Mondays.
public enum TestSite {
    /// The catalog as YAML.
    public static let yaml = """
        site: { id: s, name: S, openingHours: { mon: ["00:00-24:00"] } }
        queues: [{ id: a, prefix: A, name: A }, { id: b, prefix: B, name: B }]
        services: [{ id: one, queue: a, name: One }, { id: two, queue: b, name: Two }]
        """
    /// The parsed catalog.
    public static let catalog = try! ServiceCatalog.parse(yaml: yaml)
    /// A Monday.
    public static let day = BusinessDay(year: 2026, month: 11, day: 23)
    /// 09:00 Berlin time on that Monday.
    public static let monday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: day)

    /// A fresh SQLite path in the temporary directory.
    public static func temporaryDatabase(_ name: String = "test") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
    }
}

import Foundation
import KioskCore

/// A small catalog shared by the core tests: open Mon-Fri 08:00-12:00 and 13:00-18:00, last ticket 15 min before.
enum Fixtures {
    static let yaml = """
        site:
          id: test-site
          name: { de: "Bürgerbüro Teststadt", en: "Teststadt Citizens' Office" }
          timeZone: Europe/Berlin
          openingHours:
            mon: ["08:00-12:00", "13:00-18:00"]
            tue: ["08:00-12:00", "13:00-18:00"]
            wed: ["08:00-12:00"]
            thu: ["08:00-12:00", "13:00-18:00"]
            fri: ["08:00-12:00"]
            closed: ["2026-12-24"]
            lastTicketMinutesBeforeClose: 15
        queues:
          - id: general
            prefix: A
            name: { de: Allgemein, en: General }
          - id: documents
            prefix: B
            name: { de: Ausweise, en: ID documents }
        services:
          - id: meldebescheinigung
            queue: general
            name: { de: Meldebescheinigung, en: Certificate of registration }
            dailyCapacity: 3
            typicalMinutes: 5
            fees:
              - id: meldebescheinigung
                name: Meldebescheinigung
                amount: "10.00"
          - id: personalausweis
            queue: documents
            name: { de: Personalausweis, en: ID card }
            typicalMinutes: 15
            fees:
              - id: pa-ab-24
                name: { de: "Personalausweis (ab 24 Jahren)", en: "ID card (24 and older)" }
                amount: "37.00"
                legalBasis: "§ 1 Abs. 1 PAuswGebV"
          - id: reisepass-express
            queue: documents
            name: Reisepass Express
            access: appointment-only
        """

    static let catalog = try! ServiceCatalog.parse(yaml: yaml, source: "test.yaml")

    /// An instant given as Berlin wall-clock time.
    static func berlin(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        SiteCalendar.berlin.instant(of: TimeOfDay(hour: hour, minute: minute), on: BusinessDay(year: year, month: month, day: day))
    }

    /// An instant given in UTC.
    static func utc(_ text: String) -> Date {
        try! Date.ISO8601FormatStyle().parse(text)
    }
}

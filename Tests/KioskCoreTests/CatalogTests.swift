import Foundation
import Testing
@testable import KioskCore

@Suite struct CatalogTests {
    @Test func parsesSiteQueuesServicesAndFees() throws {
        let catalog = Fixtures.catalog
        #expect(catalog.site.id == "test-site")
        #expect(catalog.site.name[.english] == "Teststadt Citizens' Office")
        #expect(catalog.queues.map(\.prefix) == ["A", "B"])
        #expect(catalog.services.map(\.id.rawValue) == ["meldebescheinigung", "personalausweis", "reisepass-express"])
        let pass = try #require(catalog.service(ServiceID(rawValue: "personalausweis")))
        #expect(pass.fees.first?.amount == Money(cents: 3700))
        #expect(pass.fees.first?.legalBasis == "§ 1 Abs. 1 PAuswGebV")
        #expect(pass.name[.turkish] == "Personalausweis", "falls back to German")
        #expect(catalog.service(ServiceID(rawValue: "reisepass-express"))?.access == .appointmentOnly)
        #expect(catalog.site.openingHours.weekly[.wednesday] == [TimeSpan("08:00-12:00")!])
        #expect(catalog.site.openingHours.weekly[.saturday] == nil)
        #expect(catalog.site.openingHours.closedDates == [BusinessDay(year: 2026, month: 12, day: 24)])
    }

    @Test func theExampleSiteParses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Kiosk/example/services.yaml").standardized
        let text = try String(contentsOf: url, encoding: .utf8)
        let catalog = try ServiceCatalog.parse(yaml: text, source: "services.yaml")
        #expect(catalog.services.count >= 8)
        #expect(catalog.services.allSatisfy { catalog.queue($0.queue) != nil })
    }

    /// Each broken file must name the line of the problem and say what is wrong.
    @Test(arguments: [
        ("site: [", 2, "YAML"),
        ("site:\n  id: x\n  name: X\n", 2, "openingHours"),
        ("""
         site: { id: s, name: S, openingHours: { mon: ["08:00-12:00"] } }
         queues:
           - { id: q, prefix: A, name: Q }
         services:
           - id: a
             queue: nowhere
             name: A
         """, 6, "unknown queue 'nowhere'"),
        ("""
         site: { id: s, name: S, openingHours: { mon: ["8-12"] } }
         queues: []
         services: []
         """, 1, "not a time span"),
        ("""
         site: { id: s, name: S, openingHours: { mon: ["08:00-12:00"] } }
         queues:
           - { id: q, prefix: A, name: Q }
           - { id: r, prefix: A, name: R }
         services: []
         """, 4, "Prefix 'A'"),
        ("""
         site: { id: s, name: S, openingHours: { mon: ["08:00-12:00"] } }
         queues:
           - { id: q, prefix: A, name: Q }
         services:
           - id: a
             queue: q
             name: A
             fees:
               - { id: f, name: F, amount: "12,345" }
         """, 9, "not a euro amount"),
        ("""
         site: { id: s, name: S, openingHours: { mon: ["08:00-12:00"] } }
         queues:
           - { id: q, prefix: A, name: { en: Q } }
         services: []
         """, 3, "German text (de) is missing"),
        ("""
         site: { id: s, name: S, openingHours: { mon: ["08:00-12:00"] } }
         queues:
           - { id: q, prefix: A, name: Q }
         services:
           - id: a
             queue: q
             name: A
             capacity: 4
         """, 8, "unknown field 'capacity'"),
        ("""
         site: { id: s, name: S, timeZone: Mars/Olympus, openingHours: { mon: ["08:00-12:00"] } }
         queues: []
         services: []
         """, 1, "Unknown time zone"),
    ] as [(String, Int?, String)])
    func brokenFilesNameTheLineAndTheProblem(yaml: String, line: Int?, problem: String) {
        do {
            _ = try ServiceCatalog.parse(yaml: yaml, source: "broken.yaml")
            Issue.record("parsed a broken file")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(problem), "\(error)")
            #expect(error.description.hasPrefix("broken.yaml"))
            #expect(error.problem[.german] != error.problem[.english], "both languages are given")
        }
    }

    @Test func moneyParsesAndFormats() {
        #expect(Money(euros: "37.00") == Money(cents: 3700))
        #expect(Money(euros: "22,8") == Money(cents: 2280))
        #expect(Money(euros: "13") == Money(cents: 1300))
        #expect(Money(euros: "-1") == nil)
        #expect(Money(euros: "1.234") == nil)
        #expect(Money(euros: "abc") == nil)
        #expect(Money(euros: "") == nil)
        #expect(Money(cents: 3700).formatted(in: .german) == "37,00 €")
        #expect(Money(cents: 2280).formatted(in: .english) == "€22.80")
        #expect(Money(cents: 5).formatted(in: .german) == "0,05 €")
    }
}

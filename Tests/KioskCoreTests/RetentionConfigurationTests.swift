import KioskCore
import Testing

/// The terminal's `retention:` section: how long personal data stays after central acknowledged it.
@Suite struct RetentionConfigurationTests {
    func days(_ section: String) throws(CatalogError) -> Int {
        try TerminalConfiguration.parse(yaml: "terminal: { id: t1 }\n" + section, source: "terminal.yaml").retentionDays
    }

    @Test func withoutASectionOneDayIsKept() throws {
        #expect(try days("") == 1)
    }

    @Test func theConfiguredDaysAreUsed() throws {
        #expect(try days("retention: { days: 7 }") == 7)
        #expect(try days("retention:\n  days: 0") == 0)
    }

    @Test func outOfRangeOrMistypedDaysAreRefused() {
        #expect(throws: CatalogError.self) { try days("retention: { days: -1 }") }
        #expect(throws: CatalogError.self) { try days("retention: { days: 400 }") }
        #expect(throws: CatalogError.self) { try days("retention: { days: viele }") }
        #expect(throws: CatalogError.self) { try days("retention: 3") }
    }
}

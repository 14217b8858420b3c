import Foundation
import KioskApp
import KioskCore
import Testing

/// `terminal.codes` is resolved like `catalog`: relative to the configuration file, and checked on load.
@Suite struct SiteLoaderCodesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theExampleSiteLoadsItsCodeRules() throws {
        let loaded = try SiteLoader.load(configuration: Self.repository.appendingPathComponent("Kiosk/example/terminal.yaml"))
        let rules = try #require(loaded.settings.payloadRules)
        let code = ScannedCode(symbology: .qrCode, data: Array("WBN:1101:12".utf8))
        #expect(try rules.classify(code).get() == .electionNotice(ElectionNoticeCode(district: "1101", voterNumber: "12")))
    }

    @Test func aBrokenRulesFileBesideTheConfigurationNamesItsLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-codes-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = Self.repository.appendingPathComponent("Kiosk/example")
        try """
            terminal:
              id: t1
              catalog: \(example.path)/services.yaml
              codes: codes.yaml
              texts: \(Self.repository.path)/Kiosk/texts
              devices: \(Self.repository.path)/Devices
            printer: { kind: emulated, output: printer.bin, profile: generic-58mm }
            """.write(to: folder.appendingPathComponent("terminal.yaml"), atomically: true, encoding: .utf8)
        try "appointments:\n  - name: a\n    pattern: '^(?<process>[0-9]+)$'\n"
            .write(to: folder.appendingPathComponent("codes.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try SiteLoader.load(configuration: folder.appendingPathComponent("terminal.yaml"))
            Issue.record("a pattern without a key group was accepted")
        } catch {
            #expect(error.description.hasPrefix("codes.yaml:3:"), "\(error)")
        }
    }
}

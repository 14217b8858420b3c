import Foundation
import KioskTesting
import Testing

/// `kioskctl wahlraum` as a technician runs it, against the real Potsdam 2019 files of the example site.
@Suite(.serialized, .timeLimit(.minutes(3))) struct WahlraumCommandTests {
    /// A terminal configuration in a fresh folder, with the example's election.yaml beside it.
    static func site() throws -> (configuration: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-wahlraum-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let repository = KioskdTerminalTests.repository
        let configuration = folder.appendingPathComponent("terminal.yaml")
        try """
            terminal:
              id: wahl-t1
              catalog: \(repository.path)/Kiosk/example/services.yaml
              codes: \(repository.path)/Kiosk/example/codes.yaml
              texts: \(repository.path)/Kiosk/texts
              devices: \(repository.path)/Devices
              database: \(folder.path)/kiosk.sqlite
            printer:
              kind: emulated
              output: \(folder.path)/printer.bin
              profile: generic-58mm
            """.write(to: configuration, atomically: true, encoding: .utf8)
        return (configuration.path, folder)
    }

    @Test func importThenLookUpByDistrictAndAddress() throws {
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"), "run swift build first")
        let (configuration, folder) = try Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let election = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/election.yaml").path

        // Before any import the lookups say so instead of answering nothing.
        let early = try KioskdTerminalTests.run([kioskctl, "wahlraum", "district", "1101", "--config", configuration])
        #expect(early.status != 0)

        let imported = try KioskdTerminalTests.run([kioskctl, "wahlraum", "import", "--config", configuration, "--election", election])
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("Wahllokale / polling places: 131"), "\(imported.output)")
        #expect(imported.output.contains("Straßeneinträge / street entries: 1527"), "\(imported.output)")
        #expect(imported.output.contains("Auffälligkeiten / blemishes: 3"), "\(imported.output)")
        // wahllokale.csv line 49: Rosa-Luxemburg-Schule, "4467 Potsdam".
        #expect(imported.output.contains("pollingPlaces:49 [PLZ+Ort]: Postleitzahl '4467'"), "\(imported.output)")

        let district = try KioskdTerminalTests.run([kioskctl, "wahlraum", "district", "1101", "--config", configuration])
        #expect(district.status == 0, "\(district.error)")
        #expect(district.output.contains("Leibniz-Institut für Agrartechnik, Gästehaus des ATB"))
        #expect(district.output.contains("Max-Eyth-Allee 53, 14469 Potsdam"))
        #expect(district.output.contains("barrierefrei / barrier-free: nein / no"))
        #expect(district.output.contains("Europawahl 2019, 2019-05-26, 08:00-18:00"), "\(district.output)")

        // Am Raubfang: "14, ung. 19-25" in 1101; "1-12, 16" in 1102.
        let raubfang = try KioskdTerminalTests.run([kioskctl, "wahlraum", "address", "Am Raubfang", "21", "--config", configuration, "--json"])
        #expect(raubfang.status == 0, "\(raubfang.error)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(raubfang.output.utf8)) as? [String: Any])
        let places = try #require(answer["places"] as? [[String: Any]])
        #expect(places.map { $0["district"] as? String } == ["1101"])
        #expect(places.first?["name"] as? String == "Leibniz-Institut für Agrartechnik, Gästehaus des ATB")
        #expect(places.first?["barrierFree"] as? Bool == false)

        // Even side of Florastr. 38-50 is 1101; the even number 52 lies outside every rule of the street.
        let even = try KioskdTerminalTests.run([kioskctl, "wahlraum", "address", "florastraße", "44", "--config", configuration])
        #expect(even.output.contains("Wahlbezirk / district 1101"), "\(even.output)")
        let outside = try KioskdTerminalTests.run([kioskctl, "wahlraum", "address", "Florastr.", "52", "--config", configuration, "--json"])
        #expect(outside.status == 1)
        #expect(outside.output.contains("\"result\" : \"houseNumberNotListed\""), "\(outside.output)")

        // Kirschallee 172 (Karl-Foerster-Schule) is barrier-free: district 1302.
        let stepFree = try KioskdTerminalTests.run([kioskctl, "wahlraum", "district", "1302", "--config", configuration, "--json"])
        #expect(stepFree.output.contains("\"barrierFree\" : true"), "\(stepFree.output)")

        let unknown = try KioskdTerminalTests.run([kioskctl, "wahlraum", "district", "9999", "--config", configuration])
        #expect(unknown.status == 1)
        let typo = try KioskdTerminalTests.run([kioskctl, "wahlraum", "address", "Am Raubfnag", "3", "--config", configuration])
        #expect(typo.status == 1)
        #expect(typo.output.contains("- Am Raubfang"), "\(typo.output)")
    }

    @Test func aBrokenElectionFileKeepsThePreviousImport() throws {
        let kioskctl = try #require(KioskdTerminalTests.executable("kioskctl"), "run swift build first")
        let (configuration, folder) = try Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example")
        let good = try KioskdTerminalTests.run([kioskctl, "wahlraum", "import", "--config", configuration, "--election", example.appendingPathComponent("election.yaml").path])
        #expect(good.status == 0, "\(good.error)")
        let broken = folder.appendingPathComponent("election.yaml")
        try String(contentsOf: example.appendingPathComponent("election.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "wahl/", with: "\(example.path)/wahl/")
            .replacingOccurrences(of: "houseNumbers: Hausnummern", with: "houseNumbers: Nummern")
            .write(to: broken, atomically: true, encoding: .utf8)
        let failed = try KioskdTerminalTests.run([kioskctl, "wahlraum", "import", "--config", configuration])
        #expect(failed.status != 0)
        #expect(failed.error.contains("strassenverzeichnis.csv:1") && failed.error.contains("'Nummern'"), "\(failed.error)")
        let still = try KioskdTerminalTests.run([kioskctl, "wahlraum", "district", "1101", "--config", configuration])
        #expect(still.status == 0 && still.output.contains("Max-Eyth-Allee 53"), "\(still.output)")
    }
}

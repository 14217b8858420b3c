import Foundation
import KioskCore
import Testing

/// The Wahlraumsuche's parsers (CSV, house-number rules, street names) with worked examples.
@Suite struct ElectionDataTests {
    @Test func csvQuotingDelimitersLineEndingsAndBOM() throws {
        let text = "\u{FEFF}A;B;C\r\n1;\"x;y\";\"he said \"\"hi\"\"\"\r\n\r\n2;\"two\nlines\";\n3"
        let table = try CSVReader.read(Array(text.utf8), encoding: .utf8, delimiter: ";")
        #expect(table.header == ["A", "B", "C"])
        #expect(table.rows.map(\.fields) == [["1", "x;y", "he said \"hi\""], ["2", "two\nlines", ""], ["3"]])
        #expect(table.rows.map(\.line) == [2, 4, 6], "lines as an editor counts them, blank line skipped")
        #expect(table.column("b") == 1)
    }

    @Test func csvEncodings() throws {
        // "Straße;Größe\nWeg;€" in Windows-1252, and "ä" in Latin-1.
        let cp1252: [UInt8] = [0x53, 0x74, 0x72, 0x61, 0xDF, 0x65, 0x0A, 0x80, 0x84, 0x93]
        #expect(try CSVReader.read(cp1252, encoding: .windows1252).rows[0].fields == ["€„“"])
        #expect(try CSVReader.read(cp1252, encoding: .latin1).header == ["Straße"])
        do {
            _ = try CSVReader.read([0x41, 0x0A, 0x42, 0x0A, 0xDF, 0x0A], encoding: .utf8)
            Issue.record("Latin-1 bytes accepted as UTF-8")
        } catch {
            #expect(error.line == 3)
            #expect(error.problem[.german].contains("utf-8"))
        }
        do {
            _ = try CSVReader.read(Array("a,b\n1,\"open\n2,3\n".utf8), encoding: .utf8)
            Issue.record("unterminated quote accepted")
        } catch {
            #expect(error.line == 2)
        }
    }

    @Test func houseNumberRulesAsPotsdamWritesThem() {
        func rule(_ text: String) -> HouseNumberRule {
            let parsed = HouseNumberRule.parse(text)
            #expect(parsed.unreadable.isEmpty, "\(text): \(parsed.unreadable)")
            return parsed.rule
        }
        func has(_ text: String, _ numbers: [String], not excluded: [String]) {
            let parsed = rule(text)
            for number in numbers { #expect(parsed.contains(houseNumber: HouseNumber(number)!), "\(text) should contain \(number)") }
            for number in excluded { #expect(!parsed.contains(houseNumber: HouseNumber(number)!), "\(text) should not contain \(number)") }
        }
        has("alle", ["1", "999", "4b"], not: [])
        has("14, ung. 19-25", ["14", "19", "21", "25"], not: ["13", "15", "20", "22", "27", "14a"])
        has("ung. 53-75, ger. 38-50", ["53", "75", "38", "50", "40"], not: ["51", "52", "54", "36", "76"])
        has("1, 1F, ung. 5-13", ["1", "1F", "1f", "5", "13"], not: ["1A", "3", "6", "15"])
        has("1-9A", ["1", "5", "9", "9A"], not: ["9B", "10"])
        has("2A-6B", ["2A", "3", "6", "6B"], not: ["2", "6C", "7"])
        has("ung. 1-25B", ["25A", "25B", "1"], not: ["25C", "24", "26"])
        has("68H-M", ["68H", "68K", "68M"], not: ["68", "68G", "68N", "69"])
        has("33 A", ["33A"], not: ["33"])
        has("unge. 1-7, Ung. 9-11, ger.2-4, ung. 41 -89", ["7", "9", "11", "2", "4", "41", "89"], not: ["8", "6", "90"])
        has("ger. 10-28, ung. 61-119,", ["10", "119"], not: ["11"])
        let broken = HouseNumberRule.parse("ung. 41-51, ger. 38-, 38C")
        #expect(broken.unreadable == ["ger. 38-"])
        #expect(broken.rule.contains(houseNumber: HouseNumber("38C")!))
        #expect(HouseNumberRule.parse("ung. 8").unreadable == ["ung. 8"], "an even number cannot be odd")
        #expect(HouseNumberRule.parse("9-3").unreadable == ["9-3"])
        #expect(HouseNumberRule.parse("Hinterhaus").unreadable == ["Hinterhaus"])
    }

    @Test func canonicalFormReadsBackToTheSameRule() {
        for text in ["14, ung. 19-25", "1-1D, 1F, 2-8", "68H-M", "alle", "33 A", "Ung. 1-11, ung. 101-111, 102"] {
            let rule = HouseNumberRule.parse(text).rule
            let again = HouseNumberRule.parse(rule.description)
            #expect(again.rule == rule && again.unreadable.isEmpty, "\(text)")
        }
    }

    @Test func streetNamesMeetAcrossSpellings() {
        #expect(StreetName.key("Potsdamer Straße") == StreetName.key("potsdamer str."))
        #expect(StreetName.key("Potsdamer-Strasse") == "potsdamer str")
        #expect(StreetName.key("  Am   Raubfang ") == "am raubfang")
        #expect(StreetName.key("Amundsenstraße") == StreetName.key("Amundsenstr."))
        #expect(StreetName.key("Hermann-Mächtig-Str.") == StreetName.key("hermann maechtig strasse"))
        #expect(StreetName.key("Schloß Sacrow") == "schloss sacrow")
    }
}

/// The example site's election: the real Potsdam 2019 files through `ElectionImport`.
@Suite struct PotsdamImportTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Kiosk/example").standardized

    static func load() throws -> ElectionImport {
        let configuration = try ElectionConfiguration.parse(
            yaml: try String(contentsOf: example.appendingPathComponent("election.yaml"), encoding: .utf8), source: "election.yaml")
        let places = Array(try Data(contentsOf: example.appendingPathComponent(configuration.places.path)))
        let streets = Array(try Data(contentsOf: example.appendingPathComponent(configuration.streets.path)))
        return try ElectionImport.read(configuration: configuration, placesCSV: places, streetsCSV: streets)
    }

    @Test func importsEveryPlaceAndReportsTheBlemishes() throws {
        let result = try Self.load()
        #expect(result.directory.places.count == 131)
        #expect(result.skippedPlaces == 0)
        // 1,527 rows; one has an unreadable item ("ger. 38-") but keeps the rest.
        #expect(result.directory.streets.count == 1527)
        #expect(result.skippedStreets == 0)
        let lines = result.blemishes.map(\.description)
        #expect(lines.contains { $0.hasPrefix("pollingPlaces:") && $0.contains("[PLZ+Ort]") && $0.contains("'4467'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("pollingPlaces:") && $0.contains("'Kurfürstenstr.' ohne Hausnummer") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("streets:") && $0.contains("'ger. 38-'") }, "\(lines)")
        #expect(result.blemishes.count == 3, "\(lines)")
        #expect(result.directory.election.day == BusinessDay(year: 2019, month: 5, day: 26))
    }

    @Test func lookupByDistrictAndAddress() throws {
        let directory = try Self.load().directory
        let place = try #require(directory.pollingPlace(district: "1101"))
        #expect(place.name == "Leibniz-Institut für Agrartechnik, Gästehaus des ATB")
        #expect(place.street == "Max-Eyth-Allee 53")
        #expect(place.town == "14469 Potsdam")
        #expect(!place.isStepFree)
        #expect(place.hours.description == "08:00-18:00")
        #expect(place.election[.english] == "European Parliament election 2019")
        #expect(directory.pollingPlace(district: "01301")?.isStepFree == true)
        #expect(directory.pollingPlace(district: "9999") == nil)

        func districts(_ street: String, _ number: String) -> [String]? {
            if case .found(_, let places) = directory.lookup(street: street, houseNumber: number) { return places.map(\.district) }
            return nil
        }
        // Am Raubfang: "14, ung. 19-25" in 1101, "1-12, 16" in 1102.
        #expect(districts("Am Raubfang", "14") == ["1101"])
        #expect(districts("am raubfang", "21") == ["1101"])
        #expect(districts("Am Raubfang", "16") == ["1102"])
        #expect(districts("Am Raubfang", "3") == ["1102"])
        // Florastr.: "ung. 53-75, ger. 38-50" in 1101.
        #expect(districts("Florastraße", "40") == ["1101"])
        #expect(districts("Florastraße", "55") == ["1101"])
        // Potsdamer Str. "35-108" in 1102 (the Grundschule In Bornim is at number 90), "1-11" in 1302.
        #expect(districts("potsdamer str.", "90") == ["1102"])
        #expect(districts("Potsdamer Straße", "5") == ["1302"])
        // Brandenburger Str. 28A-47A is listed in both 4108 and 4109.
        #expect(districts("Brandenburger Straße", "30") == ["4108", "4109"])
        // Abbreviations in the directory: "Rud.-Breitscheid-Str." 57-85A in 5204.
        #expect(districts("Rudolf-Breitscheid-Straße", "60") == ["5204"])
        if case .houseNumberNotListed(let street, let districts) = directory.lookup(street: "Am Raubfang", houseNumber: "18") {
            #expect(street == "Am Raubfang")
            #expect(districts == ["1101", "1102"])
        } else {
            Issue.record("Am Raubfang 18 is in neither rule")
        }
        #expect(directory.lookup(street: "Am Raubfang", houseNumber: "x") == .invalidHouseNumber)
        // A typed start that fits one street only is that street.
        #expect(districts("Am Raubf", "3") == ["1102"])
        if case .unknownStreet(let suggestions) = directory.lookup(street: "Am Raubfnag", houseNumber: "1") {
            #expect(suggestions.first == "Am Raubfang", "\(suggestions)")
        } else {
            Issue.record("a typo should be an unknown street with suggestions")
        }
        #expect(directory.lookup(street: "Am Kirch", houseNumber: "1") == .ambiguousStreet(candidates: ["Am Kirchberg", "Am Kirchblick"]))
        #expect(directory.lookup(street: "Nirgendwo", houseNumber: "1") == .unknownStreet(suggestions: []))
    }

    @Test func missingColumnIsFatalAndNamesWhatWasFound() throws {
        let configuration = try ElectionConfiguration.parse(
            yaml: try String(contentsOf: Self.example.appendingPathComponent("election.yaml"), encoding: .utf8)
                .replacingOccurrences(of: "name: Name", with: "name: Bezeichnung"), source: "election.yaml")
        do {
            _ = try ElectionImport.read(configuration: configuration, placesCSV: Array("Wahlbezirk,Name\n1,x\n".utf8), streetsCSV: [])
            Issue.record("missing column accepted")
        } catch {
            #expect(error.file == .pollingPlaces)
            #expect(error.problem[.german].contains("'Bezeichnung'"))
        }
    }

    @Test func rowProblemsAreBlemishesNotFailures() throws {
        let configuration = try ElectionConfiguration.parse(
            yaml: """
                election: { name: Testwahl, day: 2026-09-20 }
                pollingPlaces:
                  file: p.csv
                  delimiter: ";"
                  encoding: windows-1252
                  columns: { district: Bezirk, name: Name, street: Strasse, postcode: PLZ, town: Ort, barrierFree: Zugang }
                  barrierFreeValues: [ja]
                streets:
                  file: s.csv
                  columns: { district: Bezirk, street: Strasse, houseNumbers: Nummern }
                """, source: "election.yaml")
        let places = "Bezirk;Name;Strasse;PLZ;Ort;Zugang\n001;Schule;Weg 1;12345;Stadt;ja\n001;Doppelt;Weg 2;12345;Stadt;\n;Ohne;Weg 3;12345;Stadt;\n002;Halle;Gasse 2;12345;Stadt;vielleicht\n"
        let streets = "Bezirk,Strasse,Nummern\n001,Weg,alle\n003,Gasse,1-9\n002,Gasse,\n002,Gasse,Hinterhaus\n,Platz,1\n002,Allee,ger. 2-8\n"
        let result = try ElectionImport.read(
            configuration: configuration, placesCSV: Array(places.utf8), streetsCSV: Array(streets.utf8))
        #expect(result.directory.places.keys.sorted() == ["001", "002"])
        #expect(result.directory.places["001"]?.isStepFree == true)
        #expect(result.directory.places["002"]?.isStepFree == false)
        #expect(result.skippedPlaces == 2)
        #expect(result.skippedStreets == 4)
        #expect(result.directory.streets.map(\.street) == ["Weg", "Allee"])
        let found = result.blemishes.map { "\($0.file.rawValue):\($0.line):\($0.column ?? "-")" }
        #expect(found == [
            "pollingPlaces:3:Bezirk", "pollingPlaces:4:Bezirk", "pollingPlaces:5:Zugang",
            "streets:3:Bezirk", "streets:4:Nummern", "streets:5:Nummern", "streets:6:-",
        ])
        #expect(result.directory.pollingPlace(district: "1")?.name == "Schule", "leading zeros ignored")
    }
}

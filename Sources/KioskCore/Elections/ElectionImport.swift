/// Something wrong in one row of the town's files: reported to whoever imports, never fatal.
public struct ImportBlemish: Hashable, Sendable, CustomStringConvertible {
    /// Which file.
    public enum File: String, Hashable, Sendable {
        /// The polling-place list.
        case pollingPlaces
        /// The street directory.
        case streets
    }

    /// Which file.
    public var file: File
    /// The 1-based line of the row, as an editor shows it.
    public var line: Int
    /// The column's header name; nil when the row as a whole is affected.
    public var column: String?
    /// What is wrong, and whether the row was used.
    public var problem: Message

    /// "pollingPlaces:94 [PLZ+Ort]: …".
    public var description: String {
        "\(file.rawValue):\(line)\(column.map { " [\($0)]" } ?? ""): \(problem)"
    }
}

/// Why an import failed as a whole: a file that cannot be read, or a configured column missing from it.
public struct ElectionImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which file.
    public var file: ImportBlemish.File
    /// The line, when the problem has one.
    public var line: Int?
    /// What is wrong and what to do.
    public var problem: Message

    public var description: String { "\(file.rawValue)\(line.map { ":\($0)" } ?? ""): \(problem)" }
}

/// The result of reading a town's polling-place list and street directory.
public struct ElectionImport: Hashable, Sendable {
    /// The directory built from the usable rows.
    public var directory: PollingDirectory
    /// Everything that was odd, in file order.
    public var blemishes: [ImportBlemish]
    /// Rows left out because they could not be used, per file.
    public var skippedPlaces: Int
    /// Street-directory rows left out.
    public var skippedStreets: Int

    /// Reads both files as `configuration` describes them; only unreadable files or missing columns throw.
    public static func read(
        configuration: ElectionConfiguration, placesCSV: [UInt8], streetsCSV: [UInt8]
    ) throws(ElectionImportError) -> ElectionImport {
        var blemishes: [ImportBlemish] = []
        func table(_ bytes: [UInt8], _ format: ElectionConfiguration.FileFormat, _ file: ImportBlemish.File) throws(ElectionImportError) -> CSVTable {
            do {
                return try CSVReader.read(bytes, encoding: format.encoding, delimiter: format.delimiter)
            } catch {
                throw ElectionImportError(file: file, line: error.line, problem: error.problem)
            }
        }
        func index(_ table: CSVTable, _ name: String?, _ file: ImportBlemish.File) throws(ElectionImportError) -> Int? {
            guard let name else { return nil }
            guard let index = table.column(name) else {
                let found = table.header.joined(separator: ", ")
                throw ElectionImportError(
                    file: file, line: 1,
                    problem: Message(
                        de: "Spalte '\(name)' fehlt in der Kopfzeile (gefunden: \(found)). Bitte die Spaltennamen in der Wahlkonfiguration anpassen.",
                        en: "Column '\(name)' is missing from the header (found: \(found)). Fix the column names in the election configuration."))
            }
            return index
        }

        // Polling places.
        let placeTable = try table(placesCSV, configuration.places, .pollingPlaces)
        let columns = configuration.placeColumns
        let districtColumn = try index(placeTable, columns.district, .pollingPlaces)!
        let nameColumn = try index(placeTable, columns.name, .pollingPlaces)!
        let streetColumn = try index(placeTable, columns.street, .pollingPlaces)!
        let combinedColumn = try index(placeTable, columns.postcodeAndTown, .pollingPlaces)
        let postcodeColumn = try index(placeTable, columns.postcode, .pollingPlaces)
        let townColumn = try index(placeTable, columns.town, .pollingPlaces)
        let roomColumn = try index(placeTable, columns.room, .pollingPlaces)
        let barrierColumn = try index(placeTable, columns.barrierFree, .pollingPlaces)
        let yesValues = Set(columns.barrierFreeValues.map { $0.lowercased() })
        var places: [PollingDirectory.Place] = []
        var seen: [String: Int] = [:]
        var skippedPlaces = 0
        for row in placeTable.rows {
            func note(_ column: String?, de: String, en: String) {
                blemishes.append(ImportBlemish(file: .pollingPlaces, line: row.line, column: column, problem: Message(de: de, en: en)))
            }
            func field(_ index: Int?) -> String { index.flatMap { $0 < row.fields.count ? row.fields[$0].trimmingSpaces : nil } ?? "" }
            if row.fields.count != placeTable.header.count {
                note(nil, de: "Die Zeile hat \(row.fields.count) statt \(placeTable.header.count) Felder.",
                     en: "The row has \(row.fields.count) fields instead of \(placeTable.header.count).")
            }
            let district = field(districtColumn)
            let name = field(nameColumn)
            guard !district.isEmpty else {
                note(columns.district, de: "Wahlbezirk fehlt; Zeile übersprungen.", en: "District is missing; row skipped.")
                skippedPlaces += 1
                continue
            }
            if let first = seen[district] {
                note(columns.district, de: "Wahlbezirk \(district) steht schon in Zeile \(first); Zeile übersprungen.",
                     en: "District \(district) is already listed in line \(first); row skipped.")
                skippedPlaces += 1
                continue
            }
            guard !name.isEmpty else {
                note(columns.name, de: "Name des Wahllokals fehlt; Zeile übersprungen.", en: "Polling place name is missing; row skipped.")
                skippedPlaces += 1
                continue
            }
            let street = field(streetColumn)
            if street.isEmpty {
                note(columns.street, de: "Straße fehlt.", en: "Street is missing.")
            } else if !street.contains(where: \.isASCIIDigit) {
                note(columns.street, de: "Straße '\(street)' ohne Hausnummer.", en: "Street '\(street)' has no house number.")
            }
            let postcode: String
            let town: String
            if let combinedColumn {
                let combined = field(combinedColumn)
                let code = combined.prefix { $0.isASCIIDigit }
                postcode = String(code)
                town = String(combined.dropFirst(code.count)).trimmingSpaces
            } else {
                postcode = field(postcodeColumn)
                town = field(townColumn)
            }
            let postcodeName = columns.postcodeAndTown ?? columns.postcode
            if postcode.count != 5 || !postcode.allSatisfy(\.isASCIIDigit) {
                note(postcodeName, de: "Postleitzahl '\(postcode)' hat nicht fünf Ziffern.", en: "Postcode '\(postcode)' does not have five digits.")
            }
            if town.isEmpty { note(columns.postcodeAndTown ?? columns.town, de: "Ort fehlt.", en: "Town is missing.") }
            var stepFree = false
            if barrierColumn != nil {
                let value = field(barrierColumn)
                stepFree = yesValues.contains(value.lowercased())
                if !value.isEmpty, !stepFree, !["nein", "no", "-", "0"].contains(value.lowercased()) {
                    note(columns.barrierFree, de: "Wert '\(value)' unbekannt; als nicht barrierefrei gelesen.",
                         en: "Value '\(value)' is unknown; read as not barrier-free.")
                }
            }
            let room = field(roomColumn)
            seen[district] = row.line
            places.append(PollingDirectory.Place(
                district: district, name: name, street: street, town: [postcode, town].filter { !$0.isEmpty }.joined(separator: " "),
                room: room.isEmpty ? nil : room, isStepFree: stepFree))
        }

        // Street directory.
        let streetTable = try table(streetsCSV, configuration.streets, .streets)
        let streetColumns = configuration.streetColumns
        let entryDistrictColumn = try index(streetTable, streetColumns.district, .streets)!
        let entryStreetColumn = try index(streetTable, streetColumns.street, .streets)!
        let ruleColumn = try index(streetTable, streetColumns.houseNumbers, .streets)!
        var entries: [PollingDirectory.StreetEntry] = []
        var skippedStreets = 0
        for row in streetTable.rows {
            func note(_ column: String?, de: String, en: String) {
                blemishes.append(ImportBlemish(file: .streets, line: row.line, column: column, problem: Message(de: de, en: en)))
            }
            func field(_ index: Int) -> String { index < row.fields.count ? row.fields[index].trimmingSpaces : "" }
            let district = field(entryDistrictColumn)
            let street = field(entryStreetColumn)
            let ruleText = field(ruleColumn)
            guard !district.isEmpty, !street.isEmpty else {
                note(nil, de: "Wahlbezirk oder Straße fehlt; Zeile übersprungen.", en: "District or street is missing; row skipped.")
                skippedStreets += 1
                continue
            }
            guard seen[district] != nil else {
                note(streetColumns.district, de: "Wahlbezirk \(district) hat kein Wahllokal; Zeile übersprungen.",
                     en: "District \(district) has no polling place; row skipped.")
                skippedStreets += 1
                continue
            }
            guard !ruleText.isEmpty else {
                note(streetColumns.houseNumbers, de: "Hausnummern fehlen; Zeile übersprungen.", en: "House numbers are missing; row skipped.")
                skippedStreets += 1
                continue
            }
            let parsed = HouseNumberRule.parse(ruleText)
            if !parsed.unreadable.isEmpty {
                let items = parsed.unreadable.map { "'\($0)'" }.joined(separator: ", ")
                let used = parsed.rule.parts.isEmpty
                note(streetColumns.houseNumbers,
                     de: "Hausnummern \(items) nicht verstanden; \(used ? "Zeile übersprungen" : "der Rest der Zeile gilt").",
                     en: "House numbers \(items) not understood; \(used ? "row skipped" : "the rest of the row applies").")
            }
            guard !parsed.rule.parts.isEmpty else {
                skippedStreets += 1
                continue
            }
            entries.append(PollingDirectory.StreetEntry(district: district, street: street, rule: parsed.rule))
        }
        return ElectionImport(
            directory: PollingDirectory(election: configuration.election, places: places, streets: entries),
            blemishes: blemishes, skippedPlaces: skippedPlaces, skippedStreets: skippedStreets)
    }
}

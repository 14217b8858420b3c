import Yams

/// An election's `election.yaml`: the election, and where and how to read the town's polling-place list and
/// street directory (file paths relative to the YAML file, as written).
public struct ElectionConfiguration: Hashable, Sendable {
    /// How one CSV file is read.
    public struct FileFormat: Hashable, Sendable {
        /// The path as written (relative to the YAML file).
        public var path: String
        /// The character encoding.
        public var encoding: TextEncoding
        /// The field separator, "," or ";" in German exports.
        public var delimiter: Character
    }

    /// Header names of the polling-place list.
    public struct PlaceColumns: Hashable, Sendable {
        /// The district number.
        public var district: String
        /// The building's name.
        public var name: String
        /// Street and house number.
        public var street: String
        /// Postcode and town in one column ("14467 Potsdam"); nil when given separately.
        public var postcodeAndTown: String?
        /// The postcode alone.
        public var postcode: String?
        /// The town alone.
        public var town: String?
        /// A room, if the list has one.
        public var room: String?
        /// The barrier-free column; nil when the list has none (then no place counts as step-free).
        public var barrierFree: String?
        /// Values of the barrier-free column meaning yes, compared ignoring case.
        public var barrierFreeValues: [String]
    }

    /// Header names of the street directory.
    public struct StreetColumns: Hashable, Sendable {
        /// The district number.
        public var district: String
        /// The street's name.
        public var street: String
        /// The house-number rule.
        public var houseNumbers: String
    }

    /// The election.
    public var election: PollingDirectory.Election
    /// The polling-place list.
    public var places: FileFormat
    /// Its columns.
    public var placeColumns: PlaceColumns
    /// The street directory.
    public var streets: FileFormat
    /// Its columns.
    public var streetColumns: StreetColumns

    /// Parses `election.yaml`; a broken file names the line and the problem in German and English.
    public static func parse(yaml: String, source: String) throws(CatalogError) -> ElectionConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLReader.syntaxError(error, source: source)
        }
        let reader = YAMLReader(source: source)
        guard let root else { throw reader.fail(nil, de: "Die Datei ist leer.", en: "The file is empty.") }
        let top = try reader.mapping(root, "Die Datei")

        let electionNode = try reader.required(top, "election", in: root, "Datei")
        let electionMap = try reader.mapping(electionNode, "election")
        let name = try reader.localized(try reader.required(electionMap, "name", in: electionNode, "election"), "election.name")
        let dayNode = try reader.required(electionMap, "day", in: electionNode, "election")
        guard let day = BusinessDay(iso: try reader.string(dayNode, "election.day")) else {
            throw reader.fail(dayNode, de: "election.day erwartet JJJJ-MM-TT.", en: "election.day expects YYYY-MM-DD.")
        }
        var hours = TimeSpan(start: TimeOfDay(hour: 8, minute: 0), end: TimeOfDay(hour: 18, minute: 0))
        if let hoursNode = electionMap["hours"] {
            guard let parsed = TimeSpan(try reader.string(hoursNode, "election.hours")) else {
                throw reader.fail(hoursNode, de: "election.hours erwartet z. B. 08:00-18:00.", en: "election.hours expects e.g. 08:00-18:00.")
            }
            hours = parsed
        }

        func file(_ key: String) throws(CatalogError) -> (FileFormat, Node.Mapping, Node) {
            let node = try reader.required(top, key, in: root, "Datei")
            let map = try reader.mapping(node, key)
            let path = try reader.string(try reader.required(map, "file", in: node, key), "\(key).file")
            var encoding = TextEncoding.utf8
            if let encodingNode = map["encoding"] {
                let text = try reader.string(encodingNode, "\(key).encoding").lowercased()
                let aliases: [String: TextEncoding] = ["utf8": .utf8, "latin1": .latin1, "iso8859-1": .latin1, "cp1252": .windows1252]
                guard let known = TextEncoding(rawValue: text) ?? aliases[text] else {
                    let allowed = TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")
                    throw reader.fail(
                        encodingNode, de: "\(key).encoding '\(text)' ist unbekannt (erlaubt: \(allowed)).",
                        en: "\(key).encoding '\(text)' is unknown (allowed: \(allowed)).")
                }
                encoding = known
            }
            var delimiter: Character = ","
            if let delimiterNode = map["delimiter"] {
                let text = delimiterNode.scalar?.string ?? ""
                let named: [String: Character] = ["tab": "\t", "\\t": "\t"]
                guard let character = named[text] ?? (text.count == 1 ? text.first : nil), character != "\"", !character.isNewline else {
                    throw reader.fail(
                        delimiterNode, de: "\(key).delimiter muss ein einzelnes Zeichen sein (z. B. \",\", \";\" oder tab).",
                        en: "\(key).delimiter must be a single character (e.g. \",\", \";\" or tab).")
                }
                delimiter = character
            }
            let columnsNode = try reader.required(map, "columns", in: node, key)
            return (FileFormat(path: path, encoding: encoding, delimiter: delimiter), try reader.mapping(columnsNode, "\(key).columns"), columnsNode)
        }
        func column(_ map: Node.Mapping, _ key: String, in parent: Node, _ section: String) throws(CatalogError) -> String {
            try reader.string(try reader.required(map, key, in: parent, "\(section).columns"), "\(section).columns.\(key)")
        }
        func optionalColumn(_ map: Node.Mapping, _ key: String, _ section: String) throws(CatalogError) -> String? {
            guard let node = map[key] else { return nil }
            return try reader.string(node, "\(section).columns.\(key)")
        }

        let (placesFile, placeMap, placeNode) = try file("pollingPlaces")
        var placeColumns = PlaceColumns(
            district: try column(placeMap, "district", in: placeNode, "pollingPlaces"),
            name: try column(placeMap, "name", in: placeNode, "pollingPlaces"),
            street: try column(placeMap, "street", in: placeNode, "pollingPlaces"),
            postcodeAndTown: try optionalColumn(placeMap, "postcodeAndTown", "pollingPlaces"),
            postcode: try optionalColumn(placeMap, "postcode", "pollingPlaces"),
            town: try optionalColumn(placeMap, "town", "pollingPlaces"),
            room: try optionalColumn(placeMap, "room", "pollingPlaces"),
            barrierFree: try optionalColumn(placeMap, "barrierFree", "pollingPlaces"),
            barrierFreeValues: ["ja", "x", "barrierefrei"])
        guard placeColumns.postcodeAndTown != nil || (placeColumns.postcode != nil && placeColumns.town != nil) else {
            throw reader.fail(
                placeNode, de: "pollingPlaces.columns: postcodeAndTown oder postcode und town angeben.",
                en: "pollingPlaces.columns: give postcodeAndTown, or postcode and town.")
        }
        if let valuesNode = try reader.mapping(try reader.required(top, "pollingPlaces", in: root, "Datei"), "pollingPlaces")["barrierFreeValues"] {
            var values: [String] = []
            for item in try reader.sequence(valuesNode, "pollingPlaces.barrierFreeValues") {
                values.append(try reader.string(item, "pollingPlaces.barrierFreeValues"))
            }
            placeColumns.barrierFreeValues = values
        }
        let (streetsFile, streetMap, streetNode) = try file("streets")
        let streetColumns = StreetColumns(
            district: try column(streetMap, "district", in: streetNode, "streets"),
            street: try column(streetMap, "street", in: streetNode, "streets"),
            houseNumbers: try column(streetMap, "houseNumbers", in: streetNode, "streets"))
        return ElectionConfiguration(
            election: PollingDirectory.Election(name: name, day: day, hours: hours), places: placesFile,
            placeColumns: placeColumns, streets: streetsFile, streetColumns: streetColumns)
    }
}

/// The election and its polling places with the street directory: everything the Wahlraumsuche needs,
/// as imported from the town's files and kept in the terminal's store.
public struct PollingDirectory: Hashable, Sendable {
    /// The election the directory is for.
    public struct Election: Hashable, Sendable {
        /// Its name, e.g. "Europawahl 2019".
        public var name: LocalizedText
        /// Election day.
        public var day: BusinessDay
        /// Voting hours, normally 08:00-18:00.
        public var hours: TimeSpan

        /// An election.
        public init(name: LocalizedText, day: BusinessDay, hours: TimeSpan) {
            self.name = name
            self.day = day
            self.hours = hours
        }
    }

    /// One polling place as the town lists it.
    public struct Place: Hashable, Sendable {
        /// The district (Wahlbezirk) it serves, as the directory spells it.
        public var district: String
        /// The building.
        public var name: String
        /// Street and house number.
        public var street: String
        /// Postcode and town.
        public var town: String
        /// A room, if listed.
        public var room: String?
        /// Step-free access.
        public var isStepFree: Bool

        /// A place.
        public init(district: String, name: String, street: String, town: String, room: String? = nil, isStepFree: Bool) {
            self.district = district
            self.name = name
            self.street = street
            self.town = town
            self.room = room
            self.isStepFree = isStepFree
        }
    }

    /// One line of the street directory: a street's house numbers that vote in a district.
    public struct StreetEntry: Hashable, Sendable {
        /// The district.
        public var district: String
        /// The street as the directory writes it, e.g. "Am Raubfang".
        public var street: String
        /// The house numbers.
        public var rule: HouseNumberRule

        /// An entry.
        public init(district: String, street: String, rule: HouseNumberRule) {
            self.district = district
            self.street = street
            self.rule = rule
        }
    }

    /// The election.
    public var election: Election
    /// The polling places by district.
    public private(set) var places: [String: Place]
    /// The street directory in file order.
    public private(set) var streets: [StreetEntry]
    /// Street entries by normalised street name.
    private(set) var byKey: [String: [StreetEntry]]

    /// A directory. Entries whose district has no place are kept (the store refuses them), so that the
    /// caller decides; the importer never produces them.
    public init(election: Election, places: [Place], streets: [StreetEntry]) {
        self.election = election
        var byDistrict: [String: Place] = [:]
        for place in places where byDistrict[place.district] == nil { byDistrict[place.district] = place }
        self.places = byDistrict
        self.streets = streets
        byKey = Dictionary(grouping: streets) { StreetName.key($0.street) }
    }

    /// The polling place of a district as the citizen gets it (election, day and hours filled in); the district
    /// is matched as written, then ignoring leading zeros ("01101" finds "1101").
    public func pollingPlace(district: String) -> PollingPlace? {
        let trimmed = district.trimmingSpaces
        if let place = places[trimmed] { return pollingPlace(place) }
        let bare = trimmed.drop { $0 == "0" }
        guard !bare.isEmpty else { return nil }
        let match = places.values.filter { $0.district.drop { $0 == "0" } == bare }
        return match.count == 1 ? pollingPlace(match[0]) : nil
    }

    func pollingPlace(_ place: Place) -> PollingPlace {
        PollingPlace(
            election: election.name, district: place.district, name: place.name, street: place.street, town: place.town,
            room: place.room, isStepFree: place.isStepFree, day: election.day, hours: election.hours)
    }
}

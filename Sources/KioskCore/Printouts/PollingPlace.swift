/// A polling place (Wahllokal) on election day, as the Wahlraumsuche prints it for a citizen.
public struct PollingPlace: Hashable, Sendable {
    /// The election, e.g. "Bundestagswahl 2025".
    public var election: LocalizedText
    /// The electoral district (Wahlbezirk) number as printed on the polling card, e.g. "042".
    public var district: String
    /// The building, e.g. "Grundschule am Stadtpark".
    public var name: String
    /// Street and number.
    public var street: String
    /// Postal code and town, e.g. "14467 Potsdam".
    public var town: String
    /// The room inside the building, if signposted.
    public var room: String?
    /// Whether the room can be reached without steps.
    public var isStepFree: Bool
    /// Details on access, e.g. where the ramp or lift is.
    public var accessibilityNote: LocalizedText?
    /// Election day.
    public var day: BusinessDay
    /// Opening hours on election day, normally 08:00-18:00.
    public var hours: TimeSpan
    /// A link to a map of the place, printed as a QR code.
    public var mapLink: String?

    /// A polling place.
    public init(
        election: LocalizedText, district: String, name: String, street: String, town: String, room: String? = nil,
        isStepFree: Bool, accessibilityNote: LocalizedText? = nil, day: BusinessDay, hours: TimeSpan,
        mapLink: String? = nil
    ) {
        self.election = election
        self.district = district
        self.name = name
        self.street = street
        self.town = town
        self.room = room
        self.isStepFree = isStepFree
        self.accessibilityNote = accessibilityNote
        self.day = day
        self.hours = hours
        self.mapLink = mapLink
    }
}

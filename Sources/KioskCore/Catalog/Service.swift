/// Identifies a service (Dienstleistung), e.g. "personalausweis".
public struct ServiceID: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    /// The id as written in the catalog.
    public let rawValue: String
    /// Wraps an id from the catalog.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// Identifies a queue (Warteschlange), e.g. "general".
public struct QueueID: Hashable, Sendable, Codable, RawRepresentable, CustomStringConvertible {
    /// The id as written in the catalog.
    public let rawValue: String
    /// Wraps an id from the catalog.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A waiting line with its own ticket numbers (prefix "A" gives A 001, A 002 ...).
public struct Queue: Hashable, Sendable {
    /// The queue's id.
    public var id: QueueID
    /// Letters printed before the number; unique per site so numbers of two queues never look alike.
    public var prefix: String
    /// The queue's name on screens.
    public var name: LocalizedText

    /// Creates a queue.
    public init(id: QueueID, prefix: String, name: LocalizedText) {
        self.id = id
        self.prefix = prefix
        self.name = name
    }
}

/// How citizens may come for a service.
public enum ServiceAccess: String, Sendable, Hashable, CaseIterable {
    /// Walk-ins draw a ticket; appointments check in.
    case walkInAndAppointment = "walk-in-and-appointment"
    /// Only walk-ins (no booking offered).
    case walkIn = "walk-in"
    /// Only with a booked appointment; the terminal issues no walk-in ticket.
    case appointmentOnly = "appointment-only"

    /// Whether a walk-in ticket may be drawn.
    public var allowsWalkIn: Bool { self != .appointmentOnly }
}

/// One fee position of a service (Gebühr), with the legal basis where the amount is fixed by law.
public struct FeeItem: Hashable, Sendable {
    /// Stable id, e.g. "personalausweis-ab-24".
    public var id: String
    /// What the fee is for, as printed on the receipt.
    public var name: LocalizedText
    /// The amount.
    public var amount: Money
    /// Where the amount comes from, e.g. "§ 1 Abs. 1 PAuswGebV"; nil for a local fee.
    public var legalBasis: String?

    /// Creates a fee item.
    public init(id: String, name: LocalizedText, amount: Money, legalBasis: String?) {
        self.id = id
        self.name = name
        self.amount = amount
        self.legalBasis = legalBasis
    }
}

/// A service citizens come for, as the site offers it.
public struct Service: Hashable, Sendable {
    /// The service's id.
    public var id: ServiceID
    /// The name on the home screen.
    public var name: LocalizedText
    /// A short hint under the name (what to bring), optional.
    public var hint: LocalizedText?
    /// The queue its tickets join.
    public var queue: QueueID
    /// Walk-in, appointment or both.
    public var access: ServiceAccess
    /// Walk-in tickets per day; nil means no limit besides opening hours.
    public var dailyCapacity: Int?
    /// Typical minutes at the counter, used for the wait estimate until real durations exist.
    public var typicalMinutes: Int
    /// Hours this service is offered; nil means the site's opening hours.
    public var openingHours: OpeningHours?
    /// Fees due for the service.
    public var fees: [FeeItem]

    /// Creates a service.
    public init(
        id: ServiceID, name: LocalizedText, hint: LocalizedText? = nil, queue: QueueID,
        access: ServiceAccess = .walkInAndAppointment, dailyCapacity: Int? = nil, typicalMinutes: Int = 10,
        openingHours: OpeningHours? = nil, fees: [FeeItem] = []
    ) {
        self.id = id
        self.name = name
        self.hint = hint
        self.queue = queue
        self.access = access
        self.dailyCapacity = dailyCapacity
        self.typicalMinutes = typicalMinutes
        self.openingHours = openingHours
        self.fees = fees
    }
}

/// The office location the catalog belongs to.
public struct Site: Hashable, Sendable {
    /// Site id, e.g. "potsdam-friedrich-ebert-str".
    public var id: String
    /// The name printed on tickets.
    public var name: LocalizedText
    /// IANA time zone of the site; "Europe/Berlin" in Germany.
    public var timeZoneIdentifier: String
    /// When the office is open.
    public var openingHours: OpeningHours
    /// When citizens may check in for appointments (`site.checkIn`).
    public var checkInRules: CheckInRules

    /// The site's calendar; Berlin's if the zone is unknown here (catalog files with such a zone are refused).
    public var calendar: SiteCalendar { SiteCalendar(timeZoneIdentifier: timeZoneIdentifier) ?? .berlin }

    /// Creates a site.
    public init(
        id: String, name: LocalizedText, timeZoneIdentifier: String, openingHours: OpeningHours,
        checkInRules: CheckInRules = .standard
    ) {
        self.id = id
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.openingHours = openingHours
        self.checkInRules = checkInRules
    }
}

/// Everything the terminal offers: the site, its queues and its services, in display order.
public struct ServiceCatalog: Hashable, Sendable {
    /// The site.
    public var site: Site
    /// The queues.
    public var queues: [Queue]
    /// The services in the order the home screen shows them.
    public var services: [Service]

    /// Creates a catalog; use `ServiceCatalog.parse(yaml:)` for files, which also validates.
    public init(site: Site, queues: [Queue], services: [Service]) {
        self.site = site
        self.queues = queues
        self.services = services
    }

    /// The service with an id.
    public func service(_ id: ServiceID) -> Service? { services.first { $0.id == id } }

    /// The queue with an id.
    public func queue(_ id: QueueID) -> Queue? { queues.first { $0.id == id } }
}

public import Foundation

/// What one import row asks central to do.
public enum AppointmentImportAction: String, Hashable, Sendable, Codable {
    /// Create the appointment or replace what central holds under its id.
    case upsert
    /// Cancel it.
    case cancel
}

/// One appointment as a booking system sends it to central's import API (`POST /v1/import/appointments`).
///
/// The booking system's id makes a row idempotent: sending the same row twice changes nothing the second time.
/// Codes and the name are secrets or personal data, so `description` leaves them out.
public struct AppointmentImportRow: Hashable, Sendable, CustomStringConvertible {
    /// The booking system's id.
    public var id: AppointmentID
    /// Create/update or cancel.
    public var action: AppointmentImportAction
    /// The service booked (upsert only).
    public var service: ServiceID?
    /// When it starts (upsert only).
    public var start: Date?
    /// Booked minutes (upsert only).
    public var durationMinutes: Int?
    /// The process number of a ZMS-style confirmation, with `authKey`.
    public var processNumber: String?
    /// The authentication key that goes with `processNumber`.
    public var authKey: String?
    /// A plain booking reference.
    public var bookingReference: String?
    /// The citizen's name for the counter: personal data, kept only until the day is over plus the retention.
    public var name: String?

    /// Creates a row.
    public init(
        id: AppointmentID, action: AppointmentImportAction = .upsert, service: ServiceID? = nil, start: Date? = nil,
        durationMinutes: Int? = nil, processNumber: String? = nil, authKey: String? = nil, bookingReference: String? = nil,
        name: String? = nil
    ) {
        self.id = id
        self.action = action
        self.service = service
        self.start = start?.wholeMilliseconds
        self.durationMinutes = durationMinutes
        self.processNumber = processNumber
        self.authKey = authKey
        self.bookingReference = bookingReference
        self.name = name
    }

    /// A cancellation of `id`.
    public static func cancel(_ id: AppointmentID) -> AppointmentImportRow {
        AppointmentImportRow(id: id, action: .cancel)
    }

    /// Redacted: id, action, service and start; never codes or the name.
    public var description: String {
        "AppointmentImportRow(\(id), \(action.rawValue), service: \(service?.rawValue ?? "-"), start: \(start.map { EventCoding.timestamp($0) } ?? "-"))"
    }

    /// The appointment this row describes (booked), nil for a cancellation or an incomplete row.
    public var appointment: Appointment? {
        guard action == .upsert, let service, let start, let durationMinutes else { return nil }
        return Appointment(
            id: id, service: service, start: start, durationMinutes: durationMinutes, processNumber: processNumber.nonEmpty,
            authKey: authKey.nonEmpty, bookingReference: bookingReference.nonEmpty)
    }

    /// The first thing wrong with the row, nil when it can be imported; `services` are the catalog's ids.
    ///
    /// Problems name the field, never its value: values may be keys or names.
    public func problem(services: Set<ServiceID>) -> AppointmentImportProblem? {
        guard Self.isValidID(id.rawValue) else { return .invalidID }
        if action == .cancel { return nil }
        guard let service else { return .missing("service") }
        guard services.contains(service) else { return .unknownService }
        guard start != nil else { return .missing("start") }
        guard let durationMinutes else { return .missing("durationMinutes") }
        guard (1...480).contains(durationMinutes) else { return .invalidDuration }
        let process = processNumber.nonEmpty
        let key = authKey.nonEmpty
        let booking = bookingReference.nonEmpty
        guard (process == nil) == (key == nil) else { return .processWithoutKey }
        guard process != nil || booking != nil else { return .noCheckInCode }
        if let process, !(process.count <= 32 && process.unicodeScalars.allSatisfy(Self.alphanumeric)) {
            return .invalidField("processNumber")
        }
        if let key, !(key.count <= 64 && key.unicodeScalars.allSatisfy({ Self.alphanumeric($0) || "-_.".unicodeScalars.contains($0) })) {
            return .invalidField("authKey")
        }
        if let booking, !(booking.count <= 64 && booking.unicodeScalars.allSatisfy(Self.printable)) {
            return .invalidField("bookingReference")
        }
        if let name, name.count > 200 || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return .invalidField("name")
        }
        return nil
    }

    /// Ids as central stores them: 1 to 64 printable ASCII characters without spaces.
    public static func isValidID(_ text: String) -> Bool {
        (1...64).contains(text.unicodeScalars.count) && text.unicodeScalars.allSatisfy(printable)
    }

    static func printable(_ scalar: Unicode.Scalar) -> Bool { scalar.value > 0x20 && scalar.value < 0x7F }

    static func alphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

extension AppointmentImportRow: Codable {
    enum CodingKeys: String, CodingKey {
        case id, action, service, start, durationMinutes, processNumber, authKey, bookingReference, name
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(AppointmentID.self, forKey: .id),
            action: try container.decodeIfPresent(AppointmentImportAction.self, forKey: .action) ?? .upsert,
            service: try container.decodeIfPresent(ServiceID.self, forKey: .service),
            start: try container.decodeIfPresent(Timestamp.self, forKey: .start)?.date,
            durationMinutes: try container.decodeIfPresent(Int.self, forKey: .durationMinutes),
            processNumber: try container.decodeIfPresent(String.self, forKey: .processNumber),
            authKey: try container.decodeIfPresent(String.self, forKey: .authKey),
            bookingReference: try container.decodeIfPresent(String.self, forKey: .bookingReference),
            name: try container.decodeIfPresent(String.self, forKey: .name))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(service, forKey: .service)
        try container.encodeIfPresent(start.map(Timestamp.init), forKey: .start)
        try container.encodeIfPresent(durationMinutes, forKey: .durationMinutes)
        try container.encodeIfPresent(processNumber, forKey: .processNumber)
        try container.encodeIfPresent(authKey, forKey: .authKey)
        try container.encodeIfPresent(bookingReference, forKey: .bookingReference)
        try container.encodeIfPresent(name, forKey: .name)
    }
}

/// Why one import row cannot be imported: a stable code and a German/English message naming the field.
public struct AppointmentImportProblem: Hashable, Sendable, Error, CustomStringConvertible {
    /// Stable code, e.g. "unknown-service".
    public var code: String
    /// What is wrong and what to do.
    public var message: Message

    /// Creates a problem.
    public init(code: String, message: Message) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    /// The id is empty, too long or has spaces or non-ASCII characters.
    public static let invalidID = AppointmentImportProblem(
        code: "invalid-id",
        message: Message(
            de: "Die Termin-ID fehlt oder ist ungültig (1 bis 64 druckbare ASCII-Zeichen ohne Leerzeichen).",
            en: "The appointment id is missing or invalid (1 to 64 printable ASCII characters, no spaces)."))
    /// A required field is missing.
    public static func missing(_ field: String) -> AppointmentImportProblem {
        AppointmentImportProblem(
            code: "missing-field", message: Message(de: "Pflichtfeld '\(field)' fehlt.", en: "Required field '\(field)' is missing."))
    }
    /// A field has an invalid form.
    public static func invalidField(_ field: String) -> AppointmentImportProblem {
        AppointmentImportProblem(
            code: "invalid-field", message: Message(de: "Feld '\(field)' hat eine ungültige Form.", en: "Field '\(field)' has an invalid form."))
    }
    /// The service is not in the site's catalog.
    public static let unknownService = AppointmentImportProblem(
        code: "unknown-service",
        message: Message(
            de: "Die Dienstleistung gibt es im Katalog dieses Standorts nicht; bitte die Zuordnung prüfen.",
            en: "The service is not in this site's catalog; check the mapping."))
    /// The duration is outside 1...480 minutes.
    public static let invalidDuration = AppointmentImportProblem(
        code: "invalid-duration", message: Message(de: "Die Dauer muss 1 bis 480 Minuten sein.", en: "The duration must be 1 to 480 minutes."))
    /// Process number and key must come together.
    public static let processWithoutKey = AppointmentImportProblem(
        code: "process-without-key",
        message: Message(de: "Vorgangsnummer und Schlüssel nur zusammen angeben.", en: "Give the process number and its key together."))
    /// Nothing to check in with.
    public static let noCheckInCode = AppointmentImportProblem(
        code: "no-check-in-code",
        message: Message(
            de: "Weder Vorgangsnummer mit Schlüssel noch Buchungsnummer: so kann niemand einchecken.",
            en: "Neither a process number with key nor a booking reference: nobody could check in."))
    /// The same id appears twice in one request.
    public static let duplicateID = AppointmentImportProblem(
        code: "duplicate-id",
        message: Message(de: "Dieselbe Termin-ID steht mehrmals in der Anfrage.", en: "The same appointment id appears more than once."))
    /// A cancellation for an appointment central does not know.
    public static let unknownAppointment = AppointmentImportProblem(
        code: "unknown-appointment",
        message: Message(de: "Absage für einen unbekannten Termin.", en: "Cancellation of an unknown appointment."))
    /// The appointment belongs to another site.
    public static let otherSite = AppointmentImportProblem(
        code: "other-site",
        message: Message(
            de: "Diese Termin-ID gehört zu einem anderen Standort.", en: "This appointment id belongs to another site."))
}

/// A request to central's import API: rows applied all together or not at all.
public struct AppointmentImportRequest: Codable, Hashable, Sendable {
    /// The rows, in the order the booking system sent them.
    public var appointments: [AppointmentImportRow]
    /// When true, central reports what would change and changes nothing.
    public var dryRun: Bool

    /// Creates a request.
    public init(appointments: [AppointmentImportRow], dryRun: Bool = false) {
        self.appointments = appointments
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey { case appointments, dryRun }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        appointments = try container.decode([AppointmentImportRow].self, forKey: .appointments)
        dryRun = try container.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
    }

    /// Most rows in one request.
    public static let maximumRows = 2000
}

/// One rejected row: where it is, the id if it had one, and why.
public struct AppointmentImportRejection: Codable, Hashable, Sendable, CustomStringConvertible {
    /// 0-based index in the request (API), or the 1-based line in a file (file import).
    public var row: Int
    /// The row's id, when it had a valid one.
    public var id: String?
    /// Stable code, e.g. "unknown-service".
    public var code: String
    /// German message.
    public var de: String
    /// English message.
    public var en: String

    /// Creates a rejection.
    public init(row: Int, id: String?, problem: AppointmentImportProblem) {
        self.row = row
        self.id = id
        code = problem.code
        de = problem.message[.german]
        en = problem.message[.english]
    }

    public var description: String { "\(row)\(id.map { " (\($0))" } ?? ""): \(de) / \(en)" }
}

/// What central did, or would do, with an import request.
public struct AppointmentImportReport: Codable, Hashable, Sendable {
    /// Whether the rows were applied (false for a dry run and whenever a row was rejected).
    public var applied: Bool
    /// New appointments.
    public var created: [AppointmentID]
    /// Changed appointments (moved, other service or codes, booked again).
    public var updated: [AppointmentID]
    /// Cancelled appointments.
    public var cancelled: [AppointmentID]
    /// Rows that match what central already holds.
    public var unchanged: [AppointmentID]
    /// Rows refused, with reasons; any at all means nothing was applied.
    public var rejected: [AppointmentImportRejection]

    /// Creates a report.
    public init(
        applied: Bool, created: [AppointmentID] = [], updated: [AppointmentID] = [], cancelled: [AppointmentID] = [],
        unchanged: [AppointmentID] = [], rejected: [AppointmentImportRejection] = []
    ) {
        self.applied = applied
        self.created = created
        self.updated = updated
        self.cancelled = cancelled
        self.unchanged = unchanged
        self.rejected = rejected
    }
}

extension Optional where Wrapped == String {
    /// nil for nil or "".
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

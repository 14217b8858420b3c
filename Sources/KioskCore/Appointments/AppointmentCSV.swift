import Foundation
import Yams

/// Which CSV column holds what, and how dates and services are written: a booking system's export as it is,
/// without editing the file (see `Kiosk/example/appointments-mapping.yaml`).
public struct AppointmentCSVMapping: Hashable, Sendable, Codable {
    /// Column names (header texts) per field; a field without a column is not read.
    public struct Columns: Hashable, Sendable, Codable {
        /// The booking system's id (required).
        public var id: String = "id"
        /// The service (required).
        public var service: String = "service"
        /// The day, with `time`; or leave both out and give `start`.
        public var date: String? = "date"
        /// The local time of day ("09:30").
        public var time: String? = "time"
        /// Day and time in one column ("2026-11-23 09:30", "23.11.2026 09:30" or ISO 8601 with offset).
        public var start: String?
        /// Minutes.
        public var duration: String? = "duration"
        /// Process number (with `key`).
        public var process: String? = "process"
        /// Authentication key.
        public var key: String? = "key"
        /// Booking reference.
        public var booking: String? = "booking"
        /// The citizen's name for the counter.
        public var name: String? = "name"
        /// A status; a value in `cancelledValues` cancels the appointment.
        public var status: String? = "status"

        /// The default columns: id, service, date, time, duration, process, key, booking, name, status.
        public init() {}

        enum CodingKeys: String, CodingKey { case id, service, date, time, start, duration, process, key, booking, name, status }

        /// A key left out keeps its default column; `null` means the file has no such column.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func optional(_ key: CodingKeys, _ fallback: String?) throws -> String? {
                container.contains(key) ? try container.decodeIfPresent(String.self, forKey: key) : fallback
            }
            let defaults = Columns()
            id = try container.decodeIfPresent(String.self, forKey: .id) ?? defaults.id
            service = try container.decodeIfPresent(String.self, forKey: .service) ?? defaults.service
            date = try optional(.date, defaults.date)
            time = try optional(.time, defaults.time)
            start = try optional(.start, defaults.start)
            duration = try optional(.duration, defaults.duration)
            process = try optional(.process, defaults.process)
            key = try optional(.key, defaults.key)
            booking = try optional(.booking, defaults.booking)
            name = try optional(.name, defaults.name)
            status = try optional(.status, defaults.status)
        }
    }

    /// The field separator, "," unless given (";" is common in German exports).
    public var delimiter: String = ","
    /// The file's encoding.
    public var encoding: String = "utf-8"
    /// The columns.
    public var columns = Columns()
    /// How dates are written: "YYYY-MM-DD" or "DD.MM.YYYY".
    public var dateFormat: String = "YYYY-MM-DD"
    /// Status values (compared ignoring case) that mean cancelled.
    public var cancelledValues: [String] = ["cancelled", "canceled", "storniert", "abgesagt"]
    /// The booking system's service names mapped to the catalog's service ids; names not listed are taken as ids.
    public var services: [String: String] = [:]
    /// Minutes when there is no duration column or the cell is empty.
    public var defaultDuration: Int = 15

    /// The defaults (comma-separated UTF-8, ISO dates, the default column names).
    public init() {}

    enum CodingKeys: String, CodingKey {
        case delimiter, encoding, columns, dateFormat, cancelledValues, services, defaultDuration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = AppointmentCSVMapping()
        delimiter = try container.decodeIfPresent(String.self, forKey: .delimiter) ?? defaults.delimiter
        encoding = try container.decodeIfPresent(String.self, forKey: .encoding) ?? defaults.encoding
        columns = try container.decodeIfPresent(Columns.self, forKey: .columns) ?? defaults.columns
        dateFormat = try container.decodeIfPresent(String.self, forKey: .dateFormat) ?? defaults.dateFormat
        cancelledValues = try container.decodeIfPresent([String].self, forKey: .cancelledValues) ?? defaults.cancelledValues
        services = try container.decodeIfPresent([String: String].self, forKey: .services) ?? defaults.services
        defaultDuration = try container.decodeIfPresent(Int.self, forKey: .defaultDuration) ?? defaults.defaultDuration
    }

    /// Reads a mapping file (YAML); keys left out keep their defaults.
    public static func parse(yaml: String) throws(AppointmentFileError) -> AppointmentCSVMapping {
        let mapping: AppointmentCSVMapping
        do {
            mapping = try YAMLDecoder().decode(AppointmentCSVMapping.self, from: yaml)
        } catch {
            throw AppointmentFileError(
                line: nil,
                problem: Message(
                    de: "Die Zuordnungsdatei ist ungültig: \(Self.shortReason(error))",
                    en: "The mapping file is invalid: \(Self.shortReason(error))"))
        }
        guard mapping.delimiter.count == 1 else {
            throw AppointmentFileError(line: nil, problem: Message(de: "delimiter: genau ein Zeichen.", en: "delimiter: exactly one character."))
        }
        guard TextEncoding(rawValue: mapping.encoding.lowercased()) != nil else {
            throw AppointmentFileError(
                line: nil, problem: Message(de: "encoding: utf-8, iso-8859-1 oder windows-1252.", en: "encoding: utf-8, iso-8859-1 or windows-1252."))
        }
        guard ["YYYY-MM-DD", "DD.MM.YYYY"].contains(mapping.dateFormat) else {
            throw AppointmentFileError(line: nil, problem: Message(de: "dateFormat: YYYY-MM-DD oder DD.MM.YYYY.", en: "dateFormat: YYYY-MM-DD or DD.MM.YYYY."))
        }
        return mapping
    }

    static func shortReason(_ error: any Error) -> String {
        if case let DecodingError.typeMismatch(_, context) = error { return context.codingPath.map(\.stringValue).joined(separator: ".") }
        if case let DecodingError.dataCorrupted(context) = error { return context.codingPath.map(\.stringValue).joined(separator: ".") }
        return "YAML"
    }
}

/// Reads a booking system's CSV export into import rows, row by row.
public enum AppointmentCSVReader {
    /// The rows of `bytes` under `mapping`; times are local to `calendar`. A file without the required columns
    /// or not readable as CSV is refused as a whole; a bad row is rejected with its line and the others read.
    public static func read(
        _ bytes: [UInt8], mapping: AppointmentCSVMapping = AppointmentCSVMapping(), calendar: SiteCalendar
    ) throws(AppointmentFileError) -> AppointmentFile {
        let table: CSVTable
        do {
            table = try CSVReader.read(
                bytes, encoding: TextEncoding(rawValue: mapping.encoding.lowercased()) ?? .utf8, delimiter: mapping.delimiter.first ?? ",")
        } catch {
            throw AppointmentFileError(line: error.line, problem: error.problem)
        }
        func column(_ name: String?) -> Int? { name.flatMap(table.column) }
        guard let idColumn = column(mapping.columns.id) else { throw missingColumn(mapping.columns.id) }
        guard let serviceColumn = column(mapping.columns.service) else { throw missingColumn(mapping.columns.service) }
        let startColumn = column(mapping.columns.start)
        let dateColumn = column(mapping.columns.date)
        let timeColumn = column(mapping.columns.time)
        guard startColumn != nil || (dateColumn != nil && timeColumn != nil) else {
            throw missingColumn(mapping.columns.start ?? "\(mapping.columns.date ?? "date") + \(mapping.columns.time ?? "time")")
        }
        let durationColumn = column(mapping.columns.duration)
        let processColumn = column(mapping.columns.process)
        let keyColumn = column(mapping.columns.key)
        let bookingColumn = column(mapping.columns.booking)
        let nameColumn = column(mapping.columns.name)
        let statusColumn = column(mapping.columns.status)
        let cancelled = Set(mapping.cancelledValues.map { $0.lowercased() })

        var file = AppointmentFile()
        for record in table.rows {
            func cell(_ index: Int?) -> String? {
                guard let index, index < record.fields.count else { return nil }
                let value = record.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            let id = cell(idColumn)
            guard let id, AppointmentImportRow.isValidID(id) else {
                file.reject(line: record.line, id: nil, .invalidID)
                continue
            }
            let appointmentID = AppointmentID(rawValue: id)
            if let status = cell(statusColumn), cancelled.contains(status.lowercased()) {
                file.entries.append(.init(line: record.line, row: .cancel(appointmentID)))
                continue
            }
            guard let serviceName = cell(serviceColumn) else {
                file.reject(line: record.line, id: id, .missing(mapping.columns.service))
                continue
            }
            let start: Date
            switch startInstant(
                combined: cell(startColumn), date: cell(dateColumn), time: cell(timeColumn), format: mapping.dateFormat, calendar: calendar)
            {
            case .success(let instant): start = instant
            case .failure(let problem):
                file.reject(line: record.line, id: id, problem)
                continue
            }
            var duration = mapping.defaultDuration
            if let text = cell(durationColumn) {
                guard let minutes = Int(text) else {
                    file.reject(line: record.line, id: id, .invalidField(mapping.columns.duration ?? "duration"))
                    continue
                }
                duration = minutes
            }
            let row = AppointmentImportRow(
                id: appointmentID, service: ServiceID(rawValue: mapping.services[serviceName] ?? serviceName), start: start,
                durationMinutes: duration, processNumber: cell(processColumn), authKey: cell(keyColumn), bookingReference: cell(bookingColumn),
                name: cell(nameColumn))
            // Form checks that need no catalog; the service is checked by central.
            if let problem = row.problem(services: [row.service!]) {
                file.reject(line: record.line, id: id, problem)
                continue
            }
            file.entries.append(.init(line: record.line, row: row))
        }
        file.rejectDuplicates()
        return file
    }

    static func missingColumn(_ name: String) -> AppointmentFileError {
        AppointmentFileError(
            line: 1,
            problem: Message(
                de: "Spalte '\(name)' fehlt in der Kopfzeile; bitte die Zuordnung (--mapping) prüfen.",
                en: "Column '\(name)' is missing from the header; check the mapping (--mapping)."))
    }

    /// The start from one combined cell or from a date and a time cell.
    static func startInstant(
        combined: String?, date: String?, time: String?, format: String, calendar: SiteCalendar
    ) -> Result<Date, AppointmentImportProblem> {
        if let combined {
            // ISO 8601 with an offset or Z names the instant itself.
            if let instant = try? Date.ISO8601FormatStyle(timeZone: .gmt).parse(combined) { return .success(instant) }
            let parts = combined.split(whereSeparator: { $0 == " " || $0 == "T" })
            guard parts.count == 2, let day = parseDay(String(parts[0]), format: format), let clock = parseTime(String(parts[1])) else {
                return .failure(.invalidField("start"))
            }
            return .success(calendar.instant(of: clock, on: day))
        }
        guard let date else { return .failure(.missing("date")) }
        guard let time else { return .failure(.missing("time")) }
        guard let day = parseDay(date, format: format) else { return .failure(.invalidField("date")) }
        guard let clock = parseTime(time) else { return .failure(.invalidField("time")) }
        return .success(calendar.instant(of: clock, on: day))
    }

    /// "09:30", also "09:30:00" as spreadsheets write it; seconds other than 00 are not a booking slot.
    static func parseTime(_ text: String) -> TimeOfDay? {
        if text.count == 8, text.hasSuffix(":00") { return TimeOfDay(String(text.dropLast(3))) }
        return TimeOfDay(text)
    }

    /// A day in the mapping's format; either format is tried when the text has the other's separators.
    static func parseDay(_ text: String, format: String) -> BusinessDay? {
        if text.contains("-") { return BusinessDay(iso: text) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 else {
            return nil
        }
        return BusinessDay(iso: String(format: "%04d-%02d-%02d", year, month, day))
    }
}

import Foundation

/// Reads appointments from an iCalendar file (RFC 5545): one VEVENT per appointment.
///
/// - UID is the appointment id; `STATUS:CANCELLED` (or `METHOD:CANCEL` for the whole file) cancels it.
/// - DTSTART as UTC (`...Z`), with `TZID=` (any zone the system knows, e.g. Europe/Berlin) or floating (the
///   site's zone); all-day dates are refused. The length from DTEND or DURATION, 15 minutes without either.
/// - The service from `X-KIOSK-SERVICE`, else the first CATEGORIES value, through the mapping's `services`.
/// - Check-in codes from `X-KIOSK-PROCESS` + `X-KIOSK-AUTHKEY` and/or `X-KIOSK-BOOKING`; the name for the counter
///   from the first ATTENDEE's CN.
public enum ICalendarReader {
    /// One unfolded content line.
    struct ContentLine {
        var line: Int
        var name: String
        var parameters: [String: String]
        var value: String
    }

    /// The events of `text` as import rows; a file that is not a VCALENDAR is refused as a whole, a bad event is
    /// rejected with the line of its BEGIN:VEVENT.
    public static func read(
        _ text: String, calendar: SiteCalendar, services: [String: String] = [:], defaultDuration: Int = 15
    ) throws(AppointmentFileError) -> AppointmentFile {
        let lines = try unfold(text)
        guard let first = lines.first, first.name == "BEGIN", first.value.uppercased() == "VCALENDAR" else {
            throw AppointmentFileError(
                line: 1, problem: Message(de: "Keine iCalendar-Datei (BEGIN:VCALENDAR fehlt).", en: "Not an iCalendar file (BEGIN:VCALENDAR missing)."))
        }
        guard lines.contains(where: { $0.name == "END" && $0.value.uppercased() == "VCALENDAR" }) else {
            throw AppointmentFileError(
                line: lines.last?.line, problem: Message(de: "Die Datei endet ohne END:VCALENDAR (abgeschnitten?).", en: "The file ends without END:VCALENDAR (truncated?)."))
        }
        let cancelAll = lines.contains { $0.name == "METHOD" && $0.value.uppercased() == "CANCEL" }
        var file = AppointmentFile()
        var event: [ContentLine]?
        var eventLine = 0
        var nested = 0
        for line in lines {
            switch (line.name, line.value.uppercased()) {
            case ("BEGIN", "VEVENT"):
                if event != nil {
                    file.reject(line: eventLine, id: nil, unterminated)
                }
                event = []
                eventLine = line.line
                nested = 0
            case ("END", "VEVENT"):
                guard let properties = event else { continue }
                read(event: properties, line: eventLine, cancelAll: cancelAll, calendar: calendar, services: services,
                     defaultDuration: defaultDuration, into: &file)
                event = nil
            case ("BEGIN", _) where event != nil:
                nested += 1  // VALARM inside an event: not ours
            case ("END", _) where event != nil && nested > 0:
                nested -= 1
            case ("END", "VCALENDAR") where event != nil:
                file.reject(line: eventLine, id: nil, unterminated)
                event = nil
            default:
                if nested == 0 { event?.append(line) }
            }
        }
        file.rejectDuplicates()
        return file
    }

    static let unterminated = AppointmentImportProblem(
        code: "unterminated-event",
        message: Message(de: "VEVENT ohne END:VEVENT.", en: "VEVENT without END:VEVENT."))

    static func read(
        event properties: [ContentLine], line: Int, cancelAll: Bool, calendar: SiteCalendar, services: [String: String],
        defaultDuration: Int, into file: inout AppointmentFile
    ) {
        func property(_ name: String) -> ContentLine? { properties.first { $0.name == name } }
        guard let uid = property("UID")?.value, AppointmentImportRow.isValidID(uid) else {
            file.reject(line: line, id: nil, .invalidID)
            return
        }
        let id = AppointmentID(rawValue: uid)
        if cancelAll || property("STATUS")?.value.uppercased() == "CANCELLED" {
            file.entries.append(.init(line: line, row: .cancel(id)))
            return
        }
        guard let startLine = property("DTSTART") else {
            file.reject(line: line, id: uid, .missing("DTSTART"))
            return
        }
        guard let start = instant(startLine, calendar: calendar) else {
            file.reject(line: line, id: uid, .invalidField("DTSTART"))
            return
        }
        var minutes = defaultDuration
        switch (property("DTEND"), property("DURATION")) {
        case (.some, .some):
            file.reject(line: line, id: uid, AppointmentImportProblem(
                code: "end-and-duration",
                message: Message(de: "DTEND und DURATION zugleich (RFC 5545 erlaubt nur eines).", en: "Both DTEND and DURATION (RFC 5545 allows one).")))
            return
        case (.some(let endLine), nil):
            guard let end = instant(endLine, calendar: calendar) else {
                file.reject(line: line, id: uid, .invalidField("DTEND"))
                return
            }
            minutes = Int((end.timeIntervalSince(start) / 60).rounded())
        case (nil, .some(let durationLine)):
            guard let parsed = duration(durationLine.value) else {
                file.reject(line: line, id: uid, .invalidField("DURATION"))
                return
            }
            minutes = parsed
        case (nil, nil):
            break
        }
        let serviceName = property("X-KIOSK-SERVICE")?.value
            ?? property("CATEGORIES").flatMap { splitList($0.value).first }
        guard let serviceName, !serviceName.isEmpty else {
            file.reject(line: line, id: uid, .missing("X-KIOSK-SERVICE / CATEGORIES"))
            return
        }
        let row = AppointmentImportRow(
            id: id, service: ServiceID(rawValue: services[serviceName] ?? serviceName), start: start, durationMinutes: minutes,
            processNumber: property("X-KIOSK-PROCESS")?.value, authKey: property("X-KIOSK-AUTHKEY")?.value,
            bookingReference: property("X-KIOSK-BOOKING")?.value, name: property("ATTENDEE")?.parameters["CN"])
        if let problem = row.problem(services: [row.service!]) {
            file.reject(line: line, id: uid, problem)
            return
        }
        file.entries.append(.init(line: line, row: row))
    }

    /// Splits into content lines: a line starting with a space or tab continues the one before (folding);
    /// CRLF and LF both end a line.
    static func unfold(_ text: String) throws(AppointmentFileError) -> [ContentLine] {
        var physical: [(line: Int, text: String)] = []
        var number = 0
        // "\r\n" is one Character in Swift, so both line ends are named.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let first = line.first, first == " " || first == "\t" {
                guard !physical.isEmpty else {
                    throw AppointmentFileError(line: number, problem: Message(de: "Fortsetzungszeile am Anfang.", en: "Continuation line at the start."))
                }
                physical[physical.count - 1].text += line.dropFirst()
            } else if !line.isEmpty {
                physical.append((number, String(line)))
            }
        }
        var lines: [ContentLine] = []
        for (number, text) in physical {
            guard let parsed = contentLine(text, line: number) else {
                throw AppointmentFileError(
                    line: number, problem: Message(de: "Zeile ist keine iCalendar-Eigenschaft (NAME:Wert).", en: "Line is not an iCalendar property (NAME:value)."))
            }
            lines.append(parsed)
        }
        return lines
    }

    /// "NAME;PARAM=x;PARAM2=\"a:b\":value": the colon that ends the name and parameters is the first one outside
    /// double quotes.
    static func contentLine(_ text: String, line: Int) -> ContentLine? {
        var quoted = false
        var colon: String.Index?
        for index in text.indices {
            if text[index] == "\"" { quoted.toggle() }
            if text[index] == ":" && !quoted {
                colon = index
                break
            }
        }
        guard let colon else { return nil }
        let head = text[..<colon]
        var parts: [Substring] = []
        var current = head.startIndex
        quoted = false
        for index in head.indices {
            if head[index] == "\"" { quoted.toggle() }
            if head[index] == ";" && !quoted {
                parts.append(head[current..<index])
                current = head.index(after: index)
            }
        }
        parts.append(head[current...])
        let name = parts[0].uppercased()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else { return nil }
        var parameters: [String: String] = [:]
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            parameters[pair[0].uppercased()] = value
        }
        return ContentLine(line: line, name: name, parameters: parameters, value: unescape(text[text.index(after: colon)...]))
    }

    /// TEXT values: "\\n" is a line break, "\\," ";" "\\\\" stand for themselves.
    static func unescape(_ text: Substring) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// CATEGORIES values split at unescaped commas (after unescaping, a plain comma list).
    static func splitList(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// A DATE-TIME: "20261123T093000Z" (UTC), with TZID, or floating (site time). DATE values are refused.
    static func instant(_ line: ContentLine, calendar: SiteCalendar) -> Date? {
        if line.parameters["VALUE"]?.uppercased() == "DATE" { return nil }
        var text = Substring(line.value)
        let utc = text.hasSuffix("Z")
        if utc { text = text.dropLast() }
        let bytes = Array(text.utf8)
        guard bytes.count == 15, bytes[8] == UInt8(ascii: "T"), bytes.enumerated().allSatisfy({ $0.offset == 8 || (48...57).contains($0.element) })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { Int(String(decoding: bytes[range], as: UTF8.self))! }
        var components = DateComponents(
            year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(9..<11), minute: number(11..<13),
            second: number(13..<15))
        guard (1...12).contains(components.month!), (1...31).contains(components.day!), components.hour! < 24, components.minute! < 60,
            components.second! < 61
        else { return nil }
        let zone: TimeZone
        if utc {
            guard line.parameters["TZID"] == nil else { return nil }
            zone = .gmt
        } else if let identifier = line.parameters["TZID"] {
            // Some exporters write "/Europe/Berlin" (a globally unique id); the zone is the same.
            guard let named = TimeZone(identifier: identifier.hasPrefix("/") ? String(identifier.dropFirst()) : identifier) else { return nil }
            zone = named
        } else {
            zone = calendar.timeZone
        }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        components.timeZone = zone
        guard let date = gregorian.date(from: components), gregorian.component(.day, from: date) == components.day else { return nil }
        return date
    }

    /// Minutes of a DURATION such as "PT15M", "PT1H30M", "P0DT0H20M0S" or "PT900S"; nil for negative, weeks or
    /// anything else.
    static func duration(_ text: String) -> Int? {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var seconds = 0
        var inTime = false
        var digits = ""
        var sawValue = false
        for character in rest {
            if character.isASCIIDigit {
                digits.append(character)
                continue
            }
            if character == "T" {
                guard digits.isEmpty, !inTime else { return nil }
                inTime = true
                continue
            }
            guard let value = Int(digits) else { return nil }
            digits = ""
            sawValue = true
            switch (character, inTime) {
            case ("D", false): seconds += value * 86_400
            case ("H", true): seconds += value * 3600
            case ("M", true): seconds += value * 60
            case ("S", true): seconds += value
            default: return nil
            }
        }
        guard digits.isEmpty, sawValue, seconds % 60 == 0 else { return nil }
        return seconds / 60
    }
}

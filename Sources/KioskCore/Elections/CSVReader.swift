/// A CSV file read into rows of fields (RFC 4180: quoted fields with "" escapes and line breaks inside quotes;
/// records end in CRLF, LF or CR). The first record is the header.
public struct CSVTable: Hashable, Sendable {
    /// One data record.
    public struct Row: Hashable, Sendable {
        /// The 1-based line the record starts on, as an editor shows it.
        public var line: Int
        /// The fields, unquoted.
        public var fields: [String]
    }

    /// The header's column names, trimmed.
    public var header: [String]
    /// The data records; blank lines are left out.
    public var rows: [Row]

    /// The index of a column by its header name (exact, then ignoring case and surrounding spaces).
    public func column(_ name: String) -> Int? {
        header.firstIndex(of: name) ?? header.firstIndex { $0.lowercased() == name.lowercased() }
    }
}

/// Why a CSV file cannot be read at all (as opposed to a single bad row, which the importer reports and skips).
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line where the problem starts.
    public var line: Int
    /// What is wrong.
    public var problem: Message

    public var description: String { "line \(line): \(problem)" }
}

/// Reads CSV bytes in a given encoding and delimiter.
public enum CSVReader {
    /// Decodes `bytes` (dropping a UTF-8 byte order mark) and splits them into header and rows.
    public static func read(_ bytes: [UInt8], encoding: TextEncoding, delimiter: Character = ",") throws(CSVError) -> CSVTable {
        let text: String
        do {
            text = try encoding.decode(bytes)
        } catch {
            throw CSVError(
                line: error.line,
                problem: Message(
                    de: "Die Datei ist nicht in \(encoding.rawValue) kodiert. Bitte die Kodierung (encoding) in der Wahlkonfiguration anpassen.",
                    en: "The file is not encoded in \(encoding.rawValue). Set the right encoding in the election configuration."))
        }
        var records = try split(text, delimiter: delimiter)
        guard !records.isEmpty else {
            throw CSVError(line: 1, problem: Message(de: "Die Datei ist leer.", en: "The file is empty."))
        }
        let header = records.removeFirst().fields.map { $0.trimmingSpaces }
        return CSVTable(header: header, rows: records)
    }

    /// The records of `text`, skipping blank lines.
    static func split(_ text: String, delimiter: Character) throws(CSVError) -> [CSVTable.Row] {
        var rows: [CSVTable.Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var wasQuoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) {
                rows.append(CSVTable.Row(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            wasQuoted = false
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        pending = next
                    }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            case delimiter:
                fields.append(field)
                field = ""
                wasQuoted = false
            case "\r\n", "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                // A quote inside an unquoted field, or text after a closing quote: kept as written, as
                // spreadsheet programs do.
                field.append(character)
            }
        }
        if inQuotes {
            throw CSVError(
                line: quoteLine,
                problem: Message(
                    de: "Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen.",
                    en: "A quotation mark is not closed before the end of the file."))
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return rows
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation in the core's hot paths).
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

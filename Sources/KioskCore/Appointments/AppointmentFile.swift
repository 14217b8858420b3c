/// The rows read from an appointment file (CSV or iCalendar), each with the line it starts on, and the rows
/// that could not be read, with reasons.
public struct AppointmentFile: Hashable, Sendable {
    /// One readable row.
    public struct Entry: Hashable, Sendable {
        /// The 1-based line the row starts on.
        public var line: Int
        /// The row.
        public var row: AppointmentImportRow
    }

    /// Rows that could be read (they may still be refused by central, e.g. for an unknown service).
    public var entries: [Entry]
    /// Rows that could not be read; `row` is the line.
    public var rejected: [AppointmentImportRejection]

    /// Creates a result.
    public init(entries: [Entry] = [], rejected: [AppointmentImportRejection] = []) {
        self.entries = entries
        self.rejected = rejected
    }

    /// Rejects the row at `line`.
    mutating func reject(line: Int, id: String?, _ problem: AppointmentImportProblem) {
        rejected.append(AppointmentImportRejection(row: line, id: id.flatMap { AppointmentImportRow.isValidID($0) ? $0 : nil }, problem: problem))
    }

    /// Also rejects rows whose id came earlier in the file: one file, one row per appointment.
    mutating func rejectDuplicates() {
        var seen = Set<AppointmentID>()
        var kept: [Entry] = []
        for entry in entries {
            if seen.insert(entry.row.id).inserted {
                kept.append(entry)
            } else {
                reject(line: entry.line, id: entry.row.id.rawValue, .duplicateID)
            }
        }
        entries = kept
        rejected.sort { $0.row < $1.row }
    }
}

/// Why a whole appointment file is refused (not a single row).
public struct AppointmentFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// What is wrong.
    public var problem: Message

    /// Creates an error.
    public init(line: Int?, problem: Message) {
        self.line = line
        self.problem = problem
    }

    public var description: String { (line.map { "line \($0): " } ?? "") + problem.description }
}

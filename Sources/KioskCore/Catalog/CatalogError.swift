/// A problem in the service catalog file, with the place it was found.
///
/// The description names file, line and column and says what is wrong in German and English,
/// so that whoever edits the file can fix it without reading code.
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file name (or "<input>").
    public var source: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// What is wrong.
    public var problem: Message

    /// Creates an error.
    public init(source: String, line: Int?, column: Int?, problem: Message) {
        self.source = source
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String {
        var place = source
        if let line { place += ":\(line)" }
        if let line, let column, line > 0 { place += ":\(column)" }
        return "\(place): \(problem)"
    }
}

/// Why the terminal user interface cannot run; the description is meant for a person, in German and English.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case notATerminal
        case tooSmall(columns: Int, rows: Int)
        case systemCall(name: String, errno: Int32)
    }

    private let reason: Reason

    private init(_ reason: Reason) {
        self.reason = reason
    }

    /// Standard input or output is not a terminal, e.g. when started from a service manager or a pipe.
    public static let notATerminal = TerminalError(.notATerminal)

    /// The terminal is smaller than the layout needs; show the message and check again after a resize.
    public static func tooSmall(columns: Int, rows: Int) -> TerminalError {
        TerminalError(.tooSmall(columns: columns, rows: rows))
    }

    /// A terminal system call failed with the given `errno`.
    public static func systemCall(_ name: String, errno: Int32) -> TerminalError {
        TerminalError(.systemCall(name: name, errno: errno))
    }

    /// The size the terminal had when it was found too small, or nil for other errors.
    public var reportedSize: (columns: Int, rows: Int)? {
        if case .tooSmall(let columns, let rows) = reason {
            return (columns, rows)
        }
        return nil
    }

    /// Whether this is the too-small error, whatever the size.
    public var isTooSmall: Bool { reportedSize != nil }

    /// A message for the person at the terminal: German first, then English.
    public var description: String {
        let columns = TerminalRenderer.minimumColumns
        let rows = TerminalRenderer.minimumRows
        switch reason {
        case .notATerminal:
            return """
                kioskd braucht ein Terminal: Ein- und Ausgabe sind umgeleitet. Bitte in einem Terminal oder \
                in tmux starten oder --headless verwenden.
                kioskd needs a terminal: input and output are redirected. Run it in a terminal or tmux, \
                or use --headless.
                """
        case .tooSmall(let actualColumns, let actualRows):
            return """
                Das Terminal ist zu klein: \(actualColumns)×\(actualRows), nötig sind mindestens \
                \(columns)×\(rows). Bitte das Fenster vergrößern.
                The terminal is too small: \(actualColumns)×\(actualRows), at least \(columns)×\(rows) \
                is needed. Please enlarge the window.
                """
        case .systemCall(let name, let code):
            return """
                Terminal-Fehler bei \(name) (errno \(code)). Bitte kioskd neu starten.
                Terminal error in \(name) (errno \(code)). Please restart kioskd.
                """
        }
    }
}

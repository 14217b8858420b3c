/// A font that could not be loaded; the renderer cannot draw without it.
public struct FontError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case library(code: Int32)
        case face(path: String, code: Int32)
        case shaping(path: String)
    }

    private let reason: Reason

    static func library(code: Int32) -> FontError { FontError(reason: .library(code: code)) }
    static func face(path: String, code: Int32) -> FontError { FontError(reason: .face(path: path, code: code)) }
    static func shaping(path: String) -> FontError { FontError(reason: .shaping(path: path)) }

    /// What happened and what to do, in German and English, for the console and the technician.
    public var message: (de: String, en: String) {
        switch reason {
        case .library(let code):
            ("FreeType startet nicht (Fehler \(code)); libfreetype6 neu installieren.",
             "FreeType does not start (error \(code)); reinstall libfreetype6.")
        case .face(let path, let code):
            ("Schrift \(path) ist nicht lesbar (FreeType-Fehler \(code)); fonts-dejavu-core installieren oder den Pfad prüfen.",
             "Font \(path) is not readable (FreeType error \(code)); install fonts-dejavu-core or check the path.")
        case .shaping(let path):
            ("Schrift \(path) lässt sich nicht für die Textformung laden; die Datei ist beschädigt oder kein OpenType.",
             "Font \(path) cannot be loaded for shaping; the file is damaged or not OpenType.")
        }
    }

    /// Both languages in one line.
    public var description: String { "\(message.de) · \(message.en)" }
}

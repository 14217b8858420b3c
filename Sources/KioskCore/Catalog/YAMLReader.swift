import Foundation
package import Yams

/// Reads YAML trees (catalog, terminal configuration, device files, texts) by hand, so that every semantic
/// error can point at its line and say what is wrong in German and English.
package struct YAMLReader {
    package let source: String

    package init(source: String) { self.source = source }

    package static func syntaxError(_ error: any Error, source: String) -> CatalogError {
        let plain = Message(de: "Die Datei ist kein gültiges YAML.", en: "The file is not valid YAML.")
        guard let yamlError = error as? YamlError else {
            return CatalogError(source: source, line: nil, column: nil, problem: plain)
        }
        switch yamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return CatalogError(
                source: source, line: mark.line, column: mark.column,
                problem: Message(de: "YAML-Syntaxfehler: \(problem)", en: "YAML syntax error: \(problem)"))
        case let .duplicatedKeysInMapping(duplicates, context):
            return CatalogError(
                source: source, line: context.mark.line, column: context.mark.column,
                problem: Message(
                    de: "Schlüssel doppelt: \(duplicates.joined(separator: ", "))",
                    en: "Duplicate keys: \(duplicates.joined(separator: ", "))"))
        case let .reader(problem, _, _, _):
            return CatalogError(
                source: source, line: nil, column: nil,
                problem: Message(de: "Datei nicht lesbar: \(problem)", en: "Unreadable file: \(problem)"))
        default:
            return CatalogError(source: source, line: nil, column: nil, problem: plain)
        }
    }

    package func fail(_ node: Node?, de: String, en: String) -> CatalogError {
        CatalogError(source: source, line: node?.mark?.line, column: node?.mark?.column, problem: Message(de: de, en: en))
    }

    package func mapping(_ node: Node, _ what: String) throws(CatalogError) -> Node.Mapping {
        guard let mapping = node.mapping else {
            throw fail(node, de: "\(what) muss eine Zuordnung (Schlüssel: Wert) sein.", en: "\(what) must be a mapping (key: value).")
        }
        return mapping
    }

    package func required(_ mapping: Node.Mapping, _ key: String, in parent: Node, _ what: String) throws(CatalogError) -> Node {
        guard let value = mapping[key] else {
            throw fail(parent, de: "\(what): Feld '\(key)' fehlt.", en: "\(what): field '\(key)' is missing.")
        }
        return value
    }

    package func string(_ node: Node, _ what: String) throws(CatalogError) -> String {
        guard let scalar = node.scalar, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, de: "\(what) muss ein nicht leerer Text sein.", en: "\(what) must be a non-empty text.")
        }
        return scalar.string
    }

    package func integer(_ node: Node, _ what: String, range: ClosedRange<Int>) throws(CatalogError) -> Int {
        guard let text = node.scalar?.string, let value = Int(text), range.contains(value) else {
            throw fail(
                node, de: "\(what) muss eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) sein.",
                en: "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    package func sequence(_ node: Node, _ what: String) throws(CatalogError) -> Node.Sequence {
        guard let sequence = node.sequence else {
            throw fail(node, de: "\(what) muss eine Liste sein.", en: "\(what) must be a list.")
        }
        return sequence
    }

    package func identifier(_ node: Node, _ what: String) throws(CatalogError) -> String {
        let text = try string(node, what)
        let allowed = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        guard allowed else {
            throw fail(
                node, de: "\(what) '\(text)' darf nur a-z, 0-9, - und _ enthalten.",
                en: "\(what) '\(text)' may only contain a-z, 0-9, - and _.")
        }
        return text
    }

    /// A text given either as a plain string (German) or as a mapping of language codes.
    package func localized(_ node: Node, _ what: String) throws(CatalogError) -> LocalizedText {
        if node.scalar != nil { return LocalizedText(german: try string(node, what)) }
        let map = try mapping(node, what)
        var texts: [Language: String] = [:]
        for (key, value) in map {
            let code = try string(key, "\(what): Sprachcode")
            guard let language = Language(rawValue: code) else {
                let known = Language.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(
                    key, de: "\(what): unbekannte Sprache '\(code)' (bekannt: \(known)).",
                    en: "\(what): unknown language '\(code)' (known: \(known)).")
            }
            texts[language] = try string(value, "\(what) (\(code))")
        }
        guard let german = texts[.german] else {
            throw fail(node, de: "\(what): der deutsche Text (de) fehlt.", en: "\(what): the German text (de) is missing.")
        }
        texts[.german] = nil
        return LocalizedText(german: german, others: texts)
    }
}

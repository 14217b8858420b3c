import Yams

extension PayloadRules {
    /// Parses a site's `codes.yaml`; a broken file names the line and the problem in German and English.
    ///
    /// Top-level lists `appointments`, `electionNotices`, `collectionReceipts`; each entry has a `name` and
    /// either `link` (host, path prefix, parameter names per part) or `pattern` (named groups) or, for
    /// appointments only, `booking` (a pattern for a plain booking reference). Optional: `prefix`,
    /// `symbologies`, and for election notices `district: { stripZeros, width }`.
    public static func parse(yaml: String, source: String) throws(CatalogError) -> PayloadRules {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLReader.syntaxError(error, source: source)
        }
        let reader = YAMLReader(source: source)
        guard let root else { throw reader.fail(nil, de: "Die Datei ist leer.", en: "The file is empty.") }
        let top = try reader.mapping(root, "Die Datei")
        let sections = ["appointments", "electionNotices", "collectionReceipts"]
        for (key, _) in top {
            let name = key.scalar?.string ?? ""
            guard sections.contains(name) else {
                throw reader.fail(
                    key, de: "Unbekannter Abschnitt '\(name)' (erlaubt: \(sections.joined(separator: ", "))).",
                    en: "Unknown section '\(name)' (allowed: \(sections.joined(separator: ", "))).")
            }
        }
        var rules: [PayloadRule] = []
        var names: Set<String> = []
        for section in sections {
            guard let listNode = top[section] else { continue }
            for entry in try reader.sequence(listNode, section) {
                let rule = try parseRule(entry, section: section, reader: reader)
                guard names.insert(rule.name).inserted else {
                    throw reader.fail(
                        entry, de: "Regelname '\(rule.name)' ist doppelt.", en: "Rule name '\(rule.name)' is used twice.")
                }
                rules.append(rule)
            }
        }
        return PayloadRules(rules: rules)
    }

    private static func parseRule(_ node: Node, section: String, reader: YAMLReader) throws(CatalogError) -> PayloadRule {
        let map = try reader.mapping(node, section)
        let name = try reader.identifier(try reader.required(map, "name", in: node, section), "\(section).name")
        let what = "\(section) '\(name)'"
        let allowedKeys = ["name", "link", "pattern", "booking", "prefix", "symbologies", "district"]
        for (key, _) in map {
            let text = key.scalar?.string ?? ""
            guard allowedKeys.contains(text) else {
                throw reader.fail(
                    key, de: "\(what): unbekanntes Feld '\(text)'.", en: "\(what): unknown field '\(text)'.")
            }
        }
        let given = ["link", "pattern", "booking"].filter { map[$0] != nil }
        guard given.count == 1 else {
            throw reader.fail(
                node, de: "\(what): genau eines von link, pattern oder booking angeben.",
                en: "\(what): give exactly one of link, pattern or booking.")
        }
        var target: PayloadRule.Target
        switch section {
        case "appointments":
            target = given[0] == "booking" ? .appointmentBooking : .appointmentProcess
        case "electionNotices":
            var format = DistrictFormat()
            if let formatNode = map["district"] {
                let formatMap = try reader.mapping(formatNode, "\(what).district")
                if let strip = formatMap["stripZeros"] {
                    guard let value = strip.bool else {
                        throw reader.fail(strip, de: "\(what): stripZeros muss true oder false sein.", en: "\(what): stripZeros must be true or false.")
                    }
                    format.stripZeros = value
                }
                if let width = formatMap["width"] { format.width = try reader.integer(width, "\(what).district.width", range: 1...12) }
            }
            target = .electionNotice(format)
        default:
            target = .collectionReceipt
        }
        if given[0] == "booking", section != "appointments" {
            throw reader.fail(map["booking"], de: "\(what): booking gibt es nur bei appointments.", en: "\(what): booking exists only under appointments.")
        }
        if map["district"] != nil, section != "electionNotices" {
            throw reader.fail(map["district"], de: "\(what): district gibt es nur bei electionNotices.", en: "\(what): district exists only under electionNotices.")
        }
        let required = PayloadRule.requiredParts(target)
        let known = PayloadRule.knownParts(target)
        let matcher: PayloadRule.Matcher
        if let linkNode = map["link"] {
            let link = try reader.mapping(linkNode, "\(what).link")
            let host = try reader.string(try reader.required(link, "host", in: linkNode, "\(what).link"), "\(what).link.host")
            let path = try link["path"].map { (node) throws(CatalogError) in try reader.string(node, "\(what).link.path") } ?? "/"
            guard path.hasPrefix("/") else {
                throw reader.fail(link["path"], de: "\(what): link.path muss mit / beginnen.", en: "\(what): link.path must start with /.")
            }
            var parameters: [String: String] = [:]
            for (key, value) in link {
                let part = key.scalar?.string ?? ""
                if part == "host" || part == "path" { continue }
                guard known.contains(part) else {
                    throw reader.fail(
                        key, de: "\(what): unbekannter Teil '\(part)' (erlaubt: host, path, \(known.joined(separator: ", "))).",
                        en: "\(what): unknown part '\(part)' (allowed: host, path, \(known.joined(separator: ", "))).")
                }
                parameters[part] = try reader.string(value, "\(what).link.\(part)")
            }
            for part in required where parameters[part] == nil {
                throw reader.fail(
                    linkNode, de: "\(what): link nennt keinen Parameter für '\(part)'.",
                    en: "\(what): link names no parameter for '\(part)'.")
            }
            matcher = .link(host: host.lowercased(), pathPrefix: path, parameters: parameters)
        } else {
            let patternNode = map["pattern"] ?? map["booking"]!
            let text = try reader.string(patternNode, "\(what).\(given[0])")
            let pattern: CodePattern
            do {
                pattern = try CodePattern(text)
            } catch {
                throw reader.fail(
                    patternNode, de: "\(what): ungültiges Muster (\(error.problem)).", en: "\(what): invalid pattern (\(error.problem)).")
            }
            for part in required where !pattern.groups.contains(part) {
                throw reader.fail(
                    patternNode, de: "\(what): dem Muster fehlt die Gruppe (?<\(part)>...).",
                    en: "\(what): the pattern lacks the group (?<\(part)>...).")
            }
            let prefix = try map["prefix"].map { (node) throws(CatalogError) in try reader.string(node, "\(what).prefix") }
            matcher = .pattern(pattern, prefix: prefix)
        }
        if map["prefix"] != nil, map["link"] != nil {
            throw reader.fail(map["prefix"], de: "\(what): prefix gilt nur für Muster.", en: "\(what): prefix applies to patterns only.")
        }
        var symbologies: Set<Symbology> = []
        if let listNode = map["symbologies"] {
            for item in try reader.sequence(listNode, "\(what).symbologies") {
                let text = try reader.string(item, "\(what).symbologies")
                guard let symbology = Symbology(rawValue: text), symbology != .unknown else {
                    throw reader.fail(item, de: "\(what): unbekannte Symbologie '\(text)'.", en: "\(what): unknown symbology '\(text)'.")
                }
                symbologies.insert(symbology)
            }
        }
        return PayloadRule(name: name, target: target, matcher: matcher, symbologies: symbologies)
    }
}

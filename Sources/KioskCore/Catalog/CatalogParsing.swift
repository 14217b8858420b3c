import Foundation
import Yams

extension ServiceCatalog {
    /// Parses and validates a catalog from YAML text.
    ///
    /// - Parameters:
    ///   - yaml: the file's contents.
    ///   - source: the file name used in error messages.
    /// - Throws: `CatalogError` naming the line and the problem.
    public static func parse(yaml: String, source: String = "<input>") throws(CatalogError) -> ServiceCatalog {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw CatalogError(
                    source: source, line: 1, column: 1,
                    problem: Message(de: "Die Datei ist leer.", en: "The file is empty."))
            }
            root = node
        } catch let error as CatalogError {
            throw error
        } catch {
            throw YAMLReader.syntaxError(error, source: source)
        }
        return try YAMLReader(source: source).catalog(root)
    }
}

/// The catalog's structure, read field by field so that each mistake names its line.
extension YAMLReader {
    func catalog(_ root: Node) throws(CatalogError) -> ServiceCatalog {
        let top = try mapping(root, "Die Datei")
        let site = try self.site(try required(top, "site", in: root, "Datei"))
        var queues: [Queue] = []
        for node in try sequence(try required(top, "queues", in: root, "Datei"), "queues") {
            let queue = try self.queue(node)
            if queues.contains(where: { $0.id == queue.id }) {
                throw fail(node, de: "Warteschlange '\(queue.id)' ist doppelt.", en: "Queue '\(queue.id)' is defined twice.")
            }
            if queues.contains(where: { $0.prefix == queue.prefix }) {
                throw fail(
                    node, de: "Präfix '\(queue.prefix)' wird schon von einer anderen Warteschlange benutzt.",
                    en: "Prefix '\(queue.prefix)' is already used by another queue.")
            }
            queues.append(queue)
        }
        guard !queues.isEmpty else {
            throw fail(root, de: "Mindestens eine Warteschlange ist nötig.", en: "At least one queue is needed.")
        }
        var services: [Service] = []
        for node in try sequence(try required(top, "services", in: root, "Datei"), "services") {
            let service = try self.service(node, queues: queues)
            if services.contains(where: { $0.id == service.id }) {
                throw fail(node, de: "Dienstleistung '\(service.id)' ist doppelt.", en: "Service '\(service.id)' is defined twice.")
            }
            services.append(service)
        }
        guard !services.isEmpty else {
            throw fail(root, de: "Mindestens eine Dienstleistung ist nötig.", en: "At least one service is needed.")
        }
        for (key, _) in top where !["site", "queues", "services"].contains(key.string ?? "") {
            throw fail(key, de: "Unbekanntes Feld '\(key.string ?? "")'.", en: "Unknown field '\(key.string ?? "")'.")
        }
        return ServiceCatalog(site: site, queues: queues, services: services)
    }

    func site(_ node: Node) throws(CatalogError) -> Site {
        let map = try mapping(node, "site")
        let zoneNode = map["timeZone"]
        let zone = try zoneNode.map { node throws(CatalogError) in try string(node, "site.timeZone") } ?? "Europe/Berlin"
        guard SiteCalendar(timeZoneIdentifier: zone) != nil else {
            throw fail(zoneNode, de: "Unbekannte Zeitzone '\(zone)'.", en: "Unknown time zone '\(zone)'.")
        }
        return Site(
            id: try identifier(try required(map, "id", in: node, "site"), "site.id"),
            name: try localized(try required(map, "name", in: node, "site"), "site.name"),
            timeZoneIdentifier: zone,
            openingHours: try openingHours(try required(map, "openingHours", in: node, "site"), "site.openingHours"),
            checkInRules: try map["checkIn"].map { node throws(CatalogError) in try checkInRules(node) } ?? .standard)
    }

    /// `site.checkIn`: minutes relative to an appointment's start; each key optional, defaults as `CheckInRules`.
    func checkInRules(_ node: Node) throws(CatalogError) -> CheckInRules {
        let map = try mapping(node, "site.checkIn")
        let keys = ["earliestMinutesBefore", "onTimeMinutesAfter", "lateMinutesAfter"]
        for (key, _) in map where !keys.contains(key.string ?? "") {
            throw fail(
                key, de: "site.checkIn: unbekanntes Feld '\(key.string ?? "")' (erlaubt: \(keys.joined(separator: ", "))).",
                en: "site.checkIn: unknown field '\(key.string ?? "")' (allowed: \(keys.joined(separator: ", "))).")
        }
        let standard = CheckInRules.standard
        func minutes(_ key: String, _ fallback: Int) throws(CatalogError) -> Int {
            try map[key].map { node throws(CatalogError) in try integer(node, "site.checkIn.\(key)", range: 0...720) } ?? fallback
        }
        let earliest = try minutes("earliestMinutesBefore", standard.earliestMinutesBefore)
        let onTime = try minutes("onTimeMinutesAfter", standard.onTimeMinutesAfter)
        let late = try minutes("lateMinutesAfter", standard.lateMinutesAfter)
        guard late >= onTime else {
            throw fail(
                map["lateMinutesAfter"] ?? node,
                de: "site.checkIn.lateMinutesAfter (\(late)) darf nicht kleiner als onTimeMinutesAfter (\(onTime)) sein.",
                en: "site.checkIn.lateMinutesAfter (\(late)) must not be less than onTimeMinutesAfter (\(onTime)).")
        }
        return CheckInRules(earliestMinutesBefore: earliest, onTimeMinutesAfter: onTime, lateMinutesAfter: late)
    }

    func openingHours(_ node: Node, _ what: String) throws(CatalogError) -> OpeningHours {
        let map = try mapping(node, what)
        var weekly: [Weekday: [TimeSpan]] = [:]
        var closed: Set<BusinessDay> = []
        var lastTicket = 0
        for (key, value) in map {
            let name = try string(key, what)
            if let weekday = Weekday.allCases.first(where: { $0.key == name }) {
                var spans: [TimeSpan] = []
                for spanNode in try sequence(value, "\(what).\(name)") {
                    let text = try string(spanNode, "\(what).\(name)")
                    guard let span = TimeSpan(text) else {
                        throw fail(
                            spanNode, de: "'\(text)' ist keine Zeitspanne wie 08:00-12:30.",
                            en: "'\(text)' is not a time span like 08:00-12:30.")
                    }
                    if let clash = spans.first(where: { $0.start < span.end && span.start < $0.end }) {
                        throw fail(
                            spanNode, de: "\(span) überschneidet sich mit \(clash).", en: "\(span) overlaps \(clash).")
                    }
                    spans.append(span)
                }
                weekly[weekday] = spans
            } else if name == "closed" {
                for dateNode in try sequence(value, "\(what).closed") {
                    let text = try string(dateNode, "\(what).closed")
                    guard let day = BusinessDay(iso: text) else {
                        throw fail(
                            dateNode, de: "'\(text)' ist kein Datum wie 2026-12-24.",
                            en: "'\(text)' is not a date like 2026-12-24.")
                    }
                    closed.insert(day)
                }
            } else if name == "lastTicketMinutesBeforeClose" {
                lastTicket = try integer(value, "\(what).lastTicketMinutesBeforeClose", range: 0...240)
            } else {
                throw fail(
                    key, de: "Unbekannter Eintrag '\(name)' (erlaubt: mon…sun, closed, lastTicketMinutesBeforeClose).",
                    en: "Unknown entry '\(name)' (allowed: mon…sun, closed, lastTicketMinutesBeforeClose).")
            }
        }
        return OpeningHours(weekly: weekly, closedDates: closed, lastTicketMinutesBeforeClose: lastTicket)
    }

    func queue(_ node: Node) throws(CatalogError) -> Queue {
        let map = try mapping(node, "queue")
        let prefixNode = try required(map, "prefix", in: node, "queue")
        let prefix = try string(prefixNode, "queue.prefix")
        guard (1...2).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw fail(
                prefixNode, de: "Präfix '\(prefix)' muss aus 1-2 Großbuchstaben A-Z bestehen.",
                en: "Prefix '\(prefix)' must be 1-2 capital letters A-Z.")
        }
        return Queue(
            id: QueueID(rawValue: try identifier(try required(map, "id", in: node, "queue"), "queue.id")),
            prefix: prefix,
            name: try localized(try required(map, "name", in: node, "queue"), "queue.name"))
    }

    func service(_ node: Node, queues: [Queue]) throws(CatalogError) -> Service {
        let map = try mapping(node, "service")
        let id = try identifier(try required(map, "id", in: node, "service"), "service.id")
        let what = "service '\(id)'"
        let queueNode = try required(map, "queue", in: node, what)
        let queue = QueueID(rawValue: try string(queueNode, "\(what).queue"))
        guard queues.contains(where: { $0.id == queue }) else {
            throw fail(
                queueNode, de: "\(what) nennt die unbekannte Warteschlange '\(queue)'.",
                en: "\(what) names the unknown queue '\(queue)'.")
        }
        var access = ServiceAccess.walkInAndAppointment
        if let accessNode = map["access"] {
            let text = try string(accessNode, "\(what).access")
            guard let value = ServiceAccess(rawValue: text) else {
                let known = ServiceAccess.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(
                    accessNode, de: "\(what): access '\(text)' ist unbekannt (erlaubt: \(known)).",
                    en: "\(what): access '\(text)' is unknown (allowed: \(known)).")
            }
            access = value
        }
        var fees: [FeeItem] = []
        if let feesNode = map["fees"] {
            for feeNode in try sequence(feesNode, "\(what).fees") {
                fees.append(try fee(feeNode, what))
            }
        }
        let known = ["id", "name", "hint", "queue", "access", "dailyCapacity", "typicalMinutes", "openingHours", "fees"]
        for (key, _) in map where !known.contains(key.string ?? "") {
            throw fail(key, de: "\(what): unbekanntes Feld '\(key.string ?? "")'.", en: "\(what): unknown field '\(key.string ?? "")'.")
        }
        return Service(
            id: ServiceID(rawValue: id),
            name: try localized(try required(map, "name", in: node, what), "\(what).name"),
            hint: try map["hint"].map { node throws(CatalogError) in try localized(node, "\(what).hint") },
            queue: queue,
            access: access,
            dailyCapacity: try map["dailyCapacity"].map { node throws(CatalogError) in
                try integer(node, "\(what).dailyCapacity", range: 0...100_000)
            },
            typicalMinutes: try map["typicalMinutes"].map { node throws(CatalogError) in
                try integer(node, "\(what).typicalMinutes", range: 1...480)
            } ?? 10,
            openingHours: try map["openingHours"].map { node throws(CatalogError) in
                try openingHours(node, "\(what).openingHours")
            },
            fees: fees)
    }

    func fee(_ node: Node, _ what: String) throws(CatalogError) -> FeeItem {
        let map = try mapping(node, "\(what).fees")
        let amountNode = try required(map, "amount", in: node, "\(what): fee")
        let text = try string(amountNode, "\(what): amount")
        guard let amount = Money(euros: text) else {
            throw fail(
                amountNode, de: "\(what): Betrag '\(text)' ist kein Euro-Betrag wie 37.00.",
                en: "\(what): amount '\(text)' is not a euro amount like 37.00.")
        }
        return FeeItem(
            id: try identifier(try required(map, "id", in: node, "\(what): fee"), "\(what): fee id"),
            name: try localized(try required(map, "name", in: node, "\(what): fee"), "\(what): fee name"),
            amount: amount,
            legalBasis: try map["legalBasis"].map { node throws(CatalogError) in try string(node, "\(what): legalBasis") })
    }
}

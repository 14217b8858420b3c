/// The answer to "where do I vote?" for a street and house number.
public enum AddressLookup: Hashable, Sendable {
    /// The street (as the directory writes it) and its polling place; more than one place when the town's
    /// directory lists the address in several districts.
    case found(street: String, places: [PollingPlace])
    /// The street is known but no entry covers this house number; `districts` are the street's districts.
    case houseNumberNotListed(street: String, districts: [String])
    /// The house number is not one ("abc", "0").
    case invalidHouseNumber
    /// Several streets fit what was typed; the citizen picks one.
    case ambiguousStreet(candidates: [String])
    /// No street fits; `suggestions` are similar names (may be empty).
    case unknownStreet(suggestions: [String])

    /// What the citizen reads when no polling place was found; nil for `.found`.
    public var message: Message? {
        switch self {
        case .found: nil
        case .houseNumberNotListed:
            Message(
                key: "wahl.lookup.houseNumberNotListed",
                de: "Diese Hausnummer steht nicht im Straßenverzeichnis. Bitte geben Sie die Wahlbezirksnummer von Ihrer Wahlbenachrichtigung ein oder fragen Sie am Empfang.",
                en: "This house number is not in the street directory. Please enter the district number from your election notification or ask at the reception desk.")
        case .invalidHouseNumber:
            Message(
                key: "wahl.lookup.invalidHouseNumber",
                de: "Bitte geben Sie eine Hausnummer ein, zum Beispiel 14 oder 14a.",
                en: "Please enter a house number, for example 14 or 14a.")
        case .ambiguousStreet:
            Message(
                key: "wahl.lookup.ambiguousStreet",
                de: "Mehrere Straßen passen. Bitte wählen Sie Ihre Straße aus der Liste.",
                en: "Several streets match. Please choose your street from the list.")
        case .unknownStreet(let suggestions):
            suggestions.isEmpty
                ? Message(
                    key: "wahl.lookup.unknownStreet",
                    de: "Diese Straße steht nicht im Straßenverzeichnis. Bitte prüfen Sie die Schreibweise oder fragen Sie am Empfang.",
                    en: "This street is not in the street directory. Please check the spelling or ask at the reception desk.")
                : Message(
                    key: "wahl.lookup.unknownStreetSuggestions",
                    de: "Diese Straße wurde nicht gefunden. Meinten Sie eine dieser Straßen?",
                    en: "This street was not found. Did you mean one of these streets?")
        }
    }
}

extension PollingDirectory {
    /// The polling place for an address: the street by its normalised name (then allowing abbreviations such
    /// as "Rud." for "Rudolf"), the district by the house-number rules, the place by the district.
    public func lookup(street: String, houseNumber: String) -> AddressLookup {
        let key = StreetName.key(street)
        guard !key.isEmpty else { return .unknownStreet(suggestions: []) }
        var entries = byKey[key] ?? []
        if entries.isEmpty {
            let candidates = byKey.keys.filter { StreetName.abbreviates($0, key) }
            if candidates.count > 1 { return .ambiguousStreet(candidates: names(of: candidates.sorted())) }
            guard let only = candidates.first else { return .unknownStreet(suggestions: suggestions(for: key)) }
            entries = byKey[only] ?? []
        }
        let name = entries[0].street
        guard let number = HouseNumber(houseNumber) else { return .invalidHouseNumber }
        var districts: [String] = []
        for entry in entries where entry.rule.contains(houseNumber: number) && !districts.contains(entry.district) {
            districts.append(entry.district)
        }
        let found = districts.sorted().compactMap { places[$0].map(pollingPlace) }
        guard !found.isEmpty else {
            return .houseNumberNotListed(street: name, districts: Array(Set(entries.map(\.district))).sorted())
        }
        return .found(street: name, places: found)
    }

    /// Up to `limit` street names that start like the typed one: same first word, or a shared start of at
    /// least four letters, closest first.
    public func suggestions(for typed: String, limit: Int = 5) -> [String] {
        let key = StreetName.key(typed)
        guard !key.isEmpty else { return [] }
        func sharedPrefix(_ other: String) -> Int { zip(key, other).prefix { $0 == $1 }.count }
        let scored = byKey.keys.compactMap { candidate -> (String, Int)? in
            let shared = sharedPrefix(candidate)
            let firstWord = key.split(separator: " ").first.map { candidate.hasPrefix($0) } ?? false
            guard shared >= 4 || (firstWord && shared >= 3) || candidate.hasPrefix(key) else { return nil }
            return (candidate, shared)
        }
        let best = scored.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(limit).map(\.0)
        return names(of: best)
    }

    /// The directory's spelling of normalised names, in the given order.
    private func names(of keys: some Sequence<String>) -> [String] {
        keys.compactMap { byKey[$0]?.first?.street }
    }
}

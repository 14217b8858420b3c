/// Which house numbers of a street belong to a district, as the street directory writes it: `alle`, single
/// numbers (`14`, `1F`), ranges (`1-12`, `2A-6B`), odd (`ung. 19-25`) or even (`ger. 38-50`) ranges, and
/// comma lists of these.
public struct HouseNumberRule: Hashable, Sendable, CustomStringConvertible {
    /// Odd, even, or every number in a range.
    public enum Parity: String, Hashable, Sendable {
        /// Every number.
        case any
        /// Odd numbers only (`ung.`).
        case odd
        /// Even numbers only (`ger.`).
        case even
    }

    /// One item of the list.
    public enum Part: Hashable, Sendable {
        /// Every house number of the street.
        case all
        /// One number.
        case single(HouseNumber)
        /// From `from` to `through`, both included, with the numeric part's parity (suffixes follow their number).
        case range(from: HouseNumber, through: HouseNumber, parity: Parity)
    }

    /// The items; a number belongs to the district when any item contains it.
    public var parts: [Part]

    /// A rule from its parts.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Whether `houseNumber` is covered.
    public func contains(houseNumber: HouseNumber) -> Bool {
        parts.contains { part in
            switch part {
            case .all: true
            case .single(let number): number == houseNumber
            case let .range(from, through, parity):
                from <= houseNumber && houseNumber <= through
                    && (parity == .any || (houseNumber.number % 2 == 1) == (parity == .odd))
            }
        }
    }

    /// The canonical form, which `parse` reads back to the same rule: "14, ung. 19-25".
    public var description: String {
        parts.map { part in
            switch part {
            case .all: "alle"
            case .single(let number): number.description
            case let .range(from, through, parity):
                (parity == .odd ? "ung. " : parity == .even ? "ger. " : "") + "\(from)-\(through)"
            }
        }.joined(separator: ", ")
    }

    /// The result of reading a rule: what could be understood, and the items that could not.
    public struct Parsed: Hashable, Sendable {
        /// The rule made of the understood items (may be empty).
        public var rule: HouseNumberRule
        /// The items that were not understood, as written.
        public var unreadable: [String]
    }

    /// Reads a rule as street directories write it, tolerating their variants (`ung.`/`unge.`/`Ung.`/
    /// `ungerade`, `ger.`/`gerade`, missing or extra spaces, `33 A`, `68H-M` for 68H-68M, a trailing comma).
    public static func parse(_ text: String) -> Parsed {
        var parts: [Part] = []
        var unreadable: [String] = []
        for raw in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(raw).trimmingSpaces
            if item.isEmpty { continue }
            if let part = parsePart(item) { parts.append(part) } else { unreadable.append(item) }
        }
        return Parsed(rule: HouseNumberRule(parts: parts), unreadable: unreadable)
    }

    private static func parsePart(_ item: String) -> Part? {
        let lower = item.lowercased()
        if lower == "alle" || lower == "all" { return .all }
        var parity = Parity.any
        var body = Substring(item)
        for (words, kind) in [(["ungerade", "unge.", "ung."], Parity.odd), (["gerade", "ger."], Parity.even)] {
            if let word = words.first(where: { lower.hasPrefix($0) }) {
                parity = kind
                body = body.dropFirst(word.count)
                break
            }
        }
        let bounds = body.split(separator: "-", omittingEmptySubsequences: false)
        switch bounds.count {
        case 1:
            // "ung. 7" alone is a single number that happens to be odd.
            guard let number = HouseNumber(bounds[0]) else { return nil }
            if parity != .any, (number.number % 2 == 1) != (parity == .odd) { return nil }
            return .single(number)
        case 2:
            guard let from = HouseNumber(bounds[0]) else { return nil }
            let upper = String(bounds[1]).trimmingSpaces
            // "68H-M": only a suffix after the hyphen means the same number.
            let through = HouseNumber(upper)
                ?? (upper.count <= 3 && !upper.isEmpty && upper.allSatisfy(\.isLetter) ? HouseNumber(number: from.number, suffix: upper) : nil)
            guard let through, from <= through else { return nil }
            return .range(from: from, through: through, parity: parity)
        default:
            return nil
        }
    }
}

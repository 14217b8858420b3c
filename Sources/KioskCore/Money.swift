import Foundation

/// An amount in euro cents; integer arithmetic so that sums never drift.
public struct Money: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The amount in cents.
    public var cents: Int

    /// Creates an amount from cents.
    public init(cents: Int) { self.cents = cents }

    /// Parses "37.00", "37,00", "37" or "0.5" (euros); nil for anything else.
    public init?(euros text: String) {
        let normalized = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = normalized.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, !parts[0].isEmpty else {
            return nil
        }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits) else {
                return nil
            }
            fraction = digits.count == 1 ? value * 10 : value
        }
        cents = whole * 100 + fraction
    }

    /// Zero euros.
    public static let zero = Money(cents: 0)

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }

    /// The amount as a citizen reads it in `language`: "37,00 €" in German, "€37.00" in English.
    public func formatted(in language: Language) -> String {
        let sign = cents < 0 ? "-" : ""
        let absolute = abs(cents)
        let euros = absolute / 100
        let rest = absolute % 100
        let fraction = rest < 10 ? "0\(rest)" : "\(rest)"
        switch language {
        case .english: return "\(sign)€\(euros).\(fraction)"
        default: return "\(sign)\(euros),\(fraction) €"
        }
    }

    public var description: String { formatted(in: .german) }
}

extension Money {
    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }
}

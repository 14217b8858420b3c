/// A house number: the number and an optional letter suffix ("14", "14a", "33 A"), ordered as on the street
/// (14 < 14A < 14B < 15).
public struct HouseNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The numeric part.
    public var number: Int
    /// The suffix in capitals, "" when there is none.
    public var suffix: String

    /// A house number from its parts; the suffix is stored in capitals.
    public init(number: Int, suffix: String = "") {
        self.number = number
        self.suffix = suffix.uppercased()
    }

    /// Parses "14", "14a", "14 A", "14-A"? (no: a hyphen is a range); nil for anything else. Suffixes are one
    /// to three letters, numbers 1 to 99999.
    public init?(_ text: some StringProtocol) {
        let trimmed = String(text).trimmingSpaces
        let digits = trimmed.prefix { $0.isASCIIDigit }
        guard (1...5).contains(digits.count), let number = Int(digits), number > 0 else { return nil }
        let suffix = trimmed.dropFirst(digits.count).drop { $0 == " " }
        guard suffix.count <= 3, suffix.allSatisfy({ $0.isLetter }) else { return nil }
        self.init(number: number, suffix: String(suffix))
    }

    /// "14A".
    public var description: String { "\(number)\(suffix)" }

    public static func < (lhs: HouseNumber, rhs: HouseNumber) -> Bool {
        (lhs.number, lhs.suffix) < (rhs.number, rhs.suffix)
    }
}

/// A regular expression from a site's rules file, compiled once, whose named groups are the code's parts.
///
/// Patterns are written by the site's administrator, not by citizens; input is capped at
/// `PayloadRules.maximumLength` bytes. Swift's regex engine backtracks, so a pattern with nested quantifiers
/// such as `(a+)+` can be slow: keep patterns anchored and simple.
public struct CodePattern: @unchecked Sendable {
    // @unchecked: `Regex` is an immutable value once compiled; Swift does not mark it Sendable on every
    // platform, and nothing here mutates it after `init`.
    private let regex: Regex<AnyRegexOutput>
    /// The pattern as written.
    public let source: String
    /// The named groups the pattern declares, in the order written.
    public let groups: [String]

    /// Why a pattern was refused.
    public struct Invalid: Error, Hashable, Sendable {
        /// The compiler's or the checker's complaint.
        public var problem: String
    }

    /// Compiles `source`; fails when it is not a valid pattern.
    public init(_ source: String) throws(Invalid) {
        do {
            regex = try Regex(source)
        } catch {
            throw Invalid(problem: "\(error)")
        }
        self.source = source
        groups = Self.namedGroups(in: source)
    }

    /// The names of `(?<name>...)` groups in the pattern text.
    static func namedGroups(in source: String) -> [String] {
        var names: [String] = []
        var rest = Substring(source)
        while let start = rest.firstRange(of: "(?<") {
            let after = rest[start.upperBound...]
            // "(?<=" and "(?<!" are lookbehinds, not names.
            guard let first = after.first, first != "=", first != "!", let end = after.firstIndex(of: ">") else {
                rest = after
                continue
            }
            names.append(String(after[..<end]))
            rest = after[end...]
        }
        return names
    }

    /// The named groups' values when the whole text matches; nil otherwise.
    func wholeMatch(_ text: Substring) -> [String: String]? {
        guard let match = try? regex.wholeMatch(in: text) else { return nil }
        var parts: [String: String] = [:]
        for name in groups {
            if let value = match.output[name]?.substring { parts[name] = String(value) }
        }
        return parts
    }
}

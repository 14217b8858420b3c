/// The parts of an http(s) link read from a code, split by hand so that every malformed piece is a clear
/// "no" instead of a guess (Foundation's URL repairs or rejects input in platform-specific ways).
struct CodeURL: Hashable, Sendable {
    /// Lowercased host without port.
    var host: Substring
    /// The path as written, "/" when empty.
    var path: Substring
    /// The raw query after "?", without the fragment.
    var query: Substring

    /// Splits `text`; nil when it is not an http or https link with a plain host.
    init?(_ text: Substring) {
        let lower = text.prefix(8).lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        // A user part ("trusted.de@elsewhere") is how links pretend to be someone else: not ours.
        guard !authority.contains("@") else { return nil }
        if let colon = authority.lastIndex(of: ":") {
            guard authority[authority.index(after: colon)...].allSatisfy(\.isASCIIDigit) else { return nil }
            authority = authority[..<colon]
        }
        guard !authority.isEmpty else { return nil }
        host = Substring(authority.lowercased())
        let afterAuthority = rest[authorityEnd...]
        let withoutFragment = afterAuthority.prefix { $0 != "#" }
        if let question = withoutFragment.firstIndex(of: "?") {
            path = withoutFragment[..<question]
            query = withoutFragment[withoutFragment.index(after: question)...]
        } else {
            path = withoutFragment
            query = ""
        }
        if path.isEmpty { path = "/" }
    }

    /// Why a query could not be read; names the parameter, never its value.
    struct QueryProblem: Error, Hashable, Sendable {
        var text: String
    }

    /// The query's parameters, percent-decoded ("+" is a space); a parameter given twice or an invalid
    /// escape is a problem, because a scanner does not invent either.
    func parameters() -> Result<[String: String], QueryProblem> {
        var values: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.percentDecoded(parts[0]) else {
                return .failure(QueryProblem(text: "invalid percent-encoding in a parameter name"))
            }
            guard let value = parts.count == 2 ? Self.percentDecoded(parts[1]) : "" else {
                return .failure(QueryProblem(text: "invalid percent-encoding in parameter '\(Self.safeName(name))'"))
            }
            guard values[name] == nil else {
                return .failure(QueryProblem(text: "parameter '\(Self.safeName(name))' given twice"))
            }
            values[name] = value
        }
        return .success(values)
    }

    /// A parameter name fit for a technician's message: configured names are ASCII words, anything else is
    /// not echoed.
    static func safeName(_ name: String) -> String {
        name.count <= 32 && name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") })
            ? name : "?"
    }

    /// Decodes %XX escapes and "+"; nil for a broken escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Character {
    /// 0-9 only (not other scripts' digits, which `isNumber` accepts).
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

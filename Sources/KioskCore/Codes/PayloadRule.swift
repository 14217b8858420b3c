/// One way a site recognises a code: where its parts are (link parameters or pattern groups) and what they
/// mean. Rules come from the site's `codes.yaml` (`PayloadRules.parse`).
public struct PayloadRule: Sendable {
    /// What a rule produces.
    public enum Target: Hashable, Sendable {
        /// An appointment by process number and authentication key (parts `process`, `key`).
        case appointmentProcess
        /// An appointment by plain booking reference (the whole code, or the part `booking`).
        case appointmentBooking
        /// An election notification (parts `district`, optional `voter`), district normalised as given.
        case electionNotice(DistrictFormat)
        /// An ID-document collection receipt (part `application`).
        case collectionReceipt

        /// The payload kind this target yields.
        public var kind: PayloadKind {
            switch self {
            case .appointmentProcess, .appointmentBooking: .appointment
            case .electionNotice: .electionNotice
            case .collectionReceipt: .collectionReceipt
            }
        }
    }

    /// Where the parts are.
    public enum Matcher: Sendable {
        /// An http(s) link to `host` whose path starts with `pathPrefix`; `parameters` maps a part name
        /// (`process`, `key`, `district`, `voter`, `application`, `booking`) to the query parameter holding it.
        case link(host: String, pathPrefix: String, parameters: [String: String])
        /// A regular expression matched against the whole code, parts as named groups. When `prefix` is set,
        /// a code starting with it that does not match is reported as malformed instead of unknown.
        case pattern(CodePattern, prefix: String?)
    }

    /// A name for technicians' messages, e.g. "zms-link".
    public var name: String
    /// What the rule yields.
    public var target: Target
    /// Where the parts are.
    public var matcher: Matcher
    /// The symbologies the rule applies to; empty: all. Codes of unknown symbology always qualify.
    public var symbologies: Set<Symbology>

    /// A rule.
    public init(name: String, target: Target, matcher: Matcher, symbologies: Set<Symbology> = []) {
        self.name = name
        self.target = target
        self.matcher = matcher
        self.symbologies = symbologies
    }

    /// The part names a rule of this target must provide.
    static func requiredParts(_ target: Target) -> [String] {
        switch target {
        case .appointmentProcess: ["process", "key"]
        case .appointmentBooking: []
        case .electionNotice: ["district"]
        case .collectionReceipt: ["application"]
        }
    }

    /// The part names a rule of this target may provide.
    static func knownParts(_ target: Target) -> [String] {
        switch target {
        case .appointmentProcess: ["process", "key"]
        case .appointmentBooking: ["booking"]
        case .electionNotice: ["district", "voter"]
        case .collectionReceipt: ["application"]
        }
    }

    enum Outcome {
        case notMine
        case payload(ScannedPayload)
        case malformed(String)
    }

    /// Reads `text` with this rule.
    func evaluate(_ text: Substring, symbology: Symbology) -> Outcome {
        guard symbologies.isEmpty || symbology == .unknown || symbologies.contains(symbology) else { return .notMine }
        var parts: [String: String] = [:]
        switch matcher {
        case let .link(host, pathPrefix, parameters):
            guard let url = CodeURL(text), url.host == host, url.path.hasPrefix(pathPrefix) else { return .notMine }
            switch url.parameters() {
            case .failure(let problem): return .malformed(problem.text)
            case .success(let values):
                for (part, parameter) in parameters {
                    if let value = values[parameter] { parts[part] = value }
                }
            }
        case let .pattern(pattern, prefix):
            guard let match = pattern.wholeMatch(text) else {
                if let prefix, text.hasPrefix(prefix) { return .malformed("does not match the pattern") }
                return .notMine
            }
            parts = match
            if target == .appointmentBooking, parts["booking"] == nil { parts["booking"] = String(text) }
        }
        return build(parts)
    }

    /// Checks each part's form and makes the payload; problems name the part, never its value.
    private func build(_ parts: [String: String]) -> Outcome {
        struct Problem: Error { var text: String }
        func part(_ name: String, limit: Int, allowed: (Unicode.Scalar) -> Bool) -> Result<String, Problem>? {
            guard let value = parts[name], !value.isEmpty else { return nil }
            guard value.unicodeScalars.count <= limit, value.unicodeScalars.allSatisfy(allowed) else {
                return .failure(Problem(text: "part '\(name)' has an invalid form"))
            }
            return .success(value)
        }
        func required(_ name: String, limit: Int, allowed: (Unicode.Scalar) -> Bool) -> Result<String, Problem> {
            part(name, limit: limit, allowed: allowed) ?? .failure(Problem(text: "part '\(name)' is missing"))
        }
        do throws(Problem) {
            switch target {
            case .appointmentProcess:
                let number = try required("process", limit: 32, allowed: Self.alphanumeric).get()
                let key = try required("key", limit: 64, allowed: { Self.alphanumeric($0) || "-_.".unicodeScalars.contains($0) }).get()
                return .payload(.appointment(.process(number: number, authKey: key)))
            case .appointmentBooking:
                let reference = try required("booking", limit: 64, allowed: { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }).get()
                return .payload(.appointment(.booking(reference: reference)))
            case .electionNotice(let format):
                let raw = try required("district", limit: 16, allowed: Self.alphanumeric).get()
                guard let district = format.normalise(raw) else { return .malformed("part 'district' does not fit the district format") }
                let voter = try part("voter", limit: 32, allowed: { Self.alphanumeric($0) || "-/".unicodeScalars.contains($0) })?.get()
                return .payload(.electionNotice(ElectionNoticeCode(district: district, voterNumber: voter)))
            case .collectionReceipt:
                let application = try required("application", limit: 40, allowed: { Self.alphanumeric($0) || "-/".unicodeScalars.contains($0) }).get()
                return .payload(.collectionReceipt(applicationNumber: application))
            }
        } catch {
            return .malformed(error.text)
        }
    }

    static func alphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

/// How a district number from a code is brought to the directory's spelling.
public struct DistrictFormat: Hashable, Sendable {
    /// Remove leading zeros ("01101" -> "1101").
    public var stripZeros: Bool
    /// Pad with leading zeros to this many digits ("42" -> "042"); nil: no padding.
    public var width: Int?

    /// A format; the default keeps the district as written.
    public init(stripZeros: Bool = false, width: Int? = nil) {
        self.stripZeros = stripZeros
        self.width = width
    }

    /// The district in the directory's spelling; nil when it must be digits and is not, or is too long.
    public func normalise(_ district: String) -> String? {
        guard stripZeros || width != nil else { return district }
        guard !district.isEmpty, district.allSatisfy(\.isASCIIDigit) else { return nil }
        var digits = Substring(district)
        if stripZeros { digits = digits.drop { $0 == "0" } }
        guard !digits.isEmpty else { return nil }
        if let width {
            guard digits.count <= width else { return nil }
            return String(repeating: "0", count: width - digits.count) + digits
        }
        return String(digits)
    }
}

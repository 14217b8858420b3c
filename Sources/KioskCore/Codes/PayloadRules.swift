/// A site's rules for reading scanned codes: appointment confirmations, election notifications, collection
/// receipts. Loaded from `codes.yaml` (see `Kiosk/example/codes.yaml`).
public struct PayloadRules: Sendable {
    /// Codes longer than this many bytes are refused unread: no code the kiosk knows comes close.
    public static let maximumLength = 4096

    /// The rules in the order they are tried; the first that reads a code wins.
    public var rules: [PayloadRule]

    /// A rule set.
    public init(rules: [PayloadRule]) {
        self.rules = rules
    }

    /// What the code is, or why it is refused (unknown code, or a code of ours with a missing or invalid part).
    public func classify(_ code: ScannedCode) -> Result<ScannedPayload, PayloadRejection> {
        guard code.data.count <= Self.maximumLength else { return .failure(PayloadRejection(.tooLong)) }
        let full = code.text
        // Keyboard-wedge scanners end a code with Enter.
        var text = full[...]
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text = text.dropLast() }
        guard !text.isEmpty else { return .failure(PayloadRejection(.unrecognised)) }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .failure(PayloadRejection(.unreadable))
        }
        // Our own signed check-in codes need no rule in codes.yaml: the prefix is ours on every site.
        if text.hasPrefix(SignedCheckInCode.prefix) {
            guard let signed = SignedCheckInCode(text: String(text)) else {
                return .failure(PayloadRejection(.malformed(.appointment, rule: "signed-check-in", problem: "not a valid signed code")))
            }
            return .success(.appointment(.signed(signed)))
        }
        var claimed: PayloadRejection?
        for rule in rules {
            switch rule.evaluate(text, symbology: code.symbology) {
            case .notMine: continue
            case .payload(let payload): return .success(payload)
            case .malformed(let problem):
                if claimed == nil { claimed = PayloadRejection(.malformed(rule.target.kind, rule: rule.name, problem: problem)) }
            }
        }
        return .failure(claimed ?? PayloadRejection(.unrecognised))
    }
}

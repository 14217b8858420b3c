import Foundation

/// Takes secrets out of configuration text before it leaves the terminal in a support bundle.
///
/// Line by line, so that comments and layout stay as the technician knows them: the value of any key that
/// names a secret becomes `«redacted»`, and so does the password of any `scheme://user:password@host` URL.
public enum ConfigRedaction {
    /// Key endings whose values are secrets, compared without case: `key` also covers `privateKey`, `apiKey`.
    static let secretSuffixes = ["pinhash", "key", "token", "secret", "password", "passphrase"]
    /// Short names that are secrets only as whole keys (a key ending in "can" or "pin" is not one).
    static let secretNames = ["pin", "puk", "can"]

    /// The text with every secret value replaced.
    public static func redact(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { redactLine(String($0)) }.joined(separator: "\n")
    }

    static func redactLine(_ line: String) -> String {
        var line = redactURLPassword(line)
        guard let colon = line.firstIndex(of: ":") else { return line }
        let rawKey = line[..<colon].drop { $0 == " " || $0 == "-" }
        let key = rawKey.lowercased()
        let value = line[line.index(after: colon)...]
        guard !key.isEmpty, !key.hasPrefix("#"), !value.allSatisfy({ $0 == " " }),
            secretSuffixes.contains(where: { key.hasSuffix($0) }) || secretNames.contains(key)
        else { return line }
        line = String(line[...colon]) + " «redacted»"
        return line
    }

    /// `postgres://user:secret@host/db` → `postgres://user:«redacted»@host/db`.
    static func redactURLPassword(_ line: String) -> String {
        guard let scheme = line.range(of: "://"), let at = line[scheme.upperBound...].firstIndex(of: "@") else { return line }
        let userInfo = line[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":"), !userInfo.contains("/") else { return line }
        return String(line[..<line.index(after: colon)]) + "«redacted»" + String(line[at...])
    }
}

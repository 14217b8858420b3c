import HummingbirdBcrypt

/// The technician PIN: 6 to 12 digits, kept in terminal.yaml only as a bcrypt hash (`technician.pinHash`).
public enum TechnicianPIN {
    /// bcrypt's cost: a guess takes tens of milliseconds, and the menu locks after a few wrong ones.
    static let cost: UInt8 = 10
    /// Wrong PINs in a row before the menu locks.
    public static let maxAttempts = 5
    /// How long it stays locked, in seconds.
    public static let lockSeconds: Double = 300

    /// Whether `pin` is 6 to 12 digits.
    public static func isAcceptable(_ pin: String) -> Bool {
        (6...12).contains(pin.count) && pin.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The bcrypt hash of `pin`.
    public static func hash(_ pin: String) -> String {
        Bcrypt.hash(pin, cost: cost)
    }

    /// Whether `pin` matches `hash`.
    public static func verify(_ pin: String, hash: String) -> Bool {
        Bcrypt.verify(pin, hash: hash)
    }

    /// terminal.yaml's text with `technician.pinHash` set to `hash`: the line replaced where it exists, the
    /// section added at the end otherwise; everything else stays as written.
    public static func settingHash(_ hash: String, in yaml: String) -> String {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let entry = "  pinHash: \"\(hash)\""
        if let section = lines.firstIndex(where: { $0.hasPrefix("technician:") }) {
            var index = section + 1
            while index < lines.count, lines[index].hasPrefix(" ") || lines[index].isEmpty {
                if lines[index].drop(while: { $0 == " " }).hasPrefix("pinHash:") {
                    lines[index] = entry
                    return lines.joined(separator: "\n")
                }
                index += 1
            }
            lines.insert(entry, at: section + 1)
            return lines.joined(separator: "\n")
        }
        if lines.last == "" { lines.removeLast() }
        lines += ["# The technician menu's PIN (kioskctl technician-pin); only its bcrypt hash is kept.", "technician:", entry, ""]
        return lines.joined(separator: "\n")
    }
}

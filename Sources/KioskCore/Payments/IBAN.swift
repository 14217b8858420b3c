/// An International Bank Account Number, checked: known length for its country and ISO 7064 mod 97-10 check
/// digits.
///
/// The IBAN is personal data: its `description` is the masked form, so that string interpolation into a log line
/// or an error cannot leak it; only `electronic` gives the full number, for sealing.
public struct IBAN: Hashable, Sendable, CustomStringConvertible {
    /// The IBAN in electronic form: upper case, no spaces ("DE89370400440532013000").
    public let electronic: String

    /// Why a typed IBAN was refused; the message says what to check, never the number.
    public enum Problem: Error, Hashable, Sendable {
        /// Letters or signs an IBAN cannot hold.
        case invalidCharacters
        /// Not two letters of a country, then two check digits.
        case malformedStart
        /// Too short or too long for its country.
        case wrongLength(expected: Int)
        /// The check digits do not match: most often a typing error.
        case checksum

        /// What the citizen reads.
        public var message: Message {
            switch self {
            case .invalidCharacters:
                Message(key: "iban.invalidCharacters", de: "Eine IBAN enthält nur Buchstaben und Ziffern.", en: "An IBAN holds only letters and digits.")
            case .malformedStart:
                Message(
                    key: "iban.malformedStart",
                    de: "Eine IBAN beginnt mit dem Länderkürzel und zwei Prüfziffern, z. B. DE12.",
                    en: "An IBAN starts with the country code and two check digits, e.g. DE12.")
            case .wrongLength(let expected):
                Message(
                    key: "iban.wrongLength",
                    de: "Diese IBAN hat nicht die richtige Länge (\(expected) Zeichen). Bitte prüfen.",
                    en: "This IBAN does not have the right length (\(expected) characters). Please check.",
                    values: ["length": "\(expected)"])
            case .checksum:
                Message(
                    key: "iban.checksum",
                    de: "Die Prüfziffern passen nicht: Bitte die IBAN noch einmal prüfen.",
                    en: "The check digits do not match: please check the IBAN again.")
            }
        }
    }

    /// Lengths of the SEPA countries' IBANs (ECBS/SWIFT IBAN registry); other countries 15 to 34 characters.
    static let lengths: [String: Int] = [
        "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
        "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21,
        "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
        "SI": 19, "SK": 24, "SM": 27, "VA": 22,
    ]

    /// Parses a typed IBAN: spaces are ignored, letters may be lower case.
    public init(_ typed: String) throws(Problem) {
        let characters = typed.uppercased().filter { $0 != " " }
        guard characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { throw .invalidCharacters }
        let bytes = Array(characters.utf8)
        guard bytes.count >= 4, bytes[0...1].allSatisfy({ (65...90).contains($0) }), bytes[2...3].allSatisfy({ (48...57).contains($0) })
        else { throw .malformedStart }
        let country = String(decoding: bytes[0...1], as: UTF8.self)
        if let expected = Self.lengths[country] {
            guard bytes.count == expected else { throw .wrongLength(expected: expected) }
        } else if !(15...34).contains(bytes.count) {
            throw .wrongLength(expected: bytes.count < 15 ? 15 : 34)
        }
        guard Self.mod97(bytes[4...] + bytes[0..<4]) == 1 else { throw .checksum }
        electronic = String(decoding: bytes, as: UTF8.self)
    }

    /// ISO 7064 MOD 97-10 over the rearranged IBAN, letters as 10...35, digit by digit so no big integers are needed.
    static func mod97<S: Sequence>(_ bytes: S) -> Int where S.Element == UInt8 {
        var remainder = 0
        for byte in bytes {
            if byte >= 65 {
                remainder = (remainder * 100 + Int(byte) - 55) % 97
            } else {
                remainder = (remainder * 10 + Int(byte) - 48) % 97
            }
        }
        return remainder
    }

    /// The country code, e.g. "DE".
    public var country: String { String(electronic.prefix(2)) }

    /// The form shown on screen and printed: country and the last four characters, the rest hidden
    /// ("DE•• •••• •••• •••• •••• 3000" is too easy to photograph whole; "DE … 3000" is what banks print).
    public var masked: String { "\(country) … \(electronic.suffix(4))" }

    /// The masked form, so that interpolating an IBAN anywhere never shows the whole number.
    public var description: String { masked }
}

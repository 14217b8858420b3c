import Foundation

/// A check-in code our own central service signs for a town without a booking system: site, appointment id and
/// day, signed with the site key (Ed25519), verified offline by the terminal against the public key in its
/// snapshot.
///
/// Written as `KC1.<base64url(site LF id LF YYYY-MM-DD)>.<base64url(signature)>`: about 130 characters, a QR code of
/// version 7 at level M (45 modules), free of characters keyboard-mode scanners mistype. Signing and verifying live where the
/// crypto library is (central, the terminal's store); this type only says what is signed and how it is written.
public struct SignedCheckInCode: Hashable, Sendable, CustomStringConvertible {
    /// The prefix that marks a code as ours.
    public static let prefix = "KC1."

    /// The site id as in the catalog.
    public var site: String
    /// The appointment.
    public var appointment: AppointmentID
    /// The appointment's day.
    public var day: BusinessDay
    /// The Ed25519 signature (64 bytes) over `signedBytes`.
    public var signature: [UInt8]

    /// Creates a code.
    public init(site: String, appointment: AppointmentID, day: BusinessDay, signature: [UInt8]) {
        self.site = site
        self.appointment = appointment
        self.day = day
        self.signature = signature
    }

    /// The bytes the signature covers: the version prefix, then site, id and day, separated by line feeds.
    public var signedBytes: [UInt8] { Array((Self.prefix + body).utf8) }

    var body: String { "\(site)\n\(appointment.rawValue)\n\(day.iso)" }

    /// The text for the QR code.
    public var text: String {
        Self.prefix + Self.base64url(Array(body.utf8)) + "." + Self.base64url(signature)
    }

    /// Reads a scanned text; nil when it is not a well-formed code of this version (the signature is not
    /// checked here).
    public init?(text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let parts = text.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let bodyBytes = Self.decodeBase64url(parts[0]), let signature = Self.decodeBase64url(parts[1]),
            signature.count == 64, let body = String(validating: bodyBytes, as: UTF8.self)
        else { return nil }
        let fields = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty, fields[0].count <= 64, AppointmentImportRow.isValidID(String(fields[1])),
            let day = BusinessDay(iso: String(fields[2]))
        else { return nil }
        self.init(site: String(fields[0]), appointment: AppointmentID(rawValue: String(fields[1])), day: day, signature: signature)
    }

    /// Redacted: the appointment id and day only, never the signature that makes it a valid code.
    public var description: String { "SignedCheckInCode(\(appointment), \(day.iso))" }

    /// Base64url without padding (RFC 4648 section 5).
    public static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url with or without padding; nil for other characters.
    public static func decodeBase64url(_ text: Substring) -> [UInt8]? {
        guard text.unicodeScalars.allSatisfy({ AppointmentImportRow.alphanumeric($0) || $0 == "-" || $0 == "_" }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map(Array.init)
    }
}

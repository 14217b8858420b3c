import Foundation
public import KioskCore
import Crypto

/// The site key that signs check-in codes for towns without a booking system (Ed25519), and its file.
///
/// The private key stays on the central service; terminals get the public key in their snapshot and verify
/// codes offline.
public struct CheckInSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey
    /// The site the codes are for (catalog `site.id`).
    public let site: String

    /// A signer for `site` with a raw 32-byte private key.
    public init(site: String, rawKey: [UInt8]) throws(SiteKeyError) {
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawKey)
        } catch {
            throw SiteKeyError(problem: Message(de: "Der Standortschlüssel ist ungültig.", en: "The site key is invalid."))
        }
        self.site = site
    }

    /// The public key as terminals get it: raw 32 bytes, base64.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// The signed code for an appointment on its day.
    public func code(for appointment: AppointmentID, day: BusinessDay) -> SignedCheckInCode {
        var code = SignedCheckInCode(site: site, appointment: appointment, day: day, signature: [])
        // Signing with a valid key over bytes cannot fail.
        code.signature = Array(try! key.signature(for: code.signedBytes))
        return code
    }

    /// A new random private key, raw.
    public static func generateRawKey() -> [UInt8] {
        Array(Curve25519.Signing.PrivateKey().rawRepresentation)
    }

    /// Writes a new key file (base64 of the raw key, mode 0600); refuses to overwrite an existing one.
    public static func generateFile(at path: String) throws(SiteKeyError) {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SiteKeyError(problem: Message(de: "Schlüsseldatei gibt es schon: \(path)", en: "The key file exists already: \(path)"))
        }
        let text = Data(generateRawKey()).base64EncodedString() + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SiteKeyError(problem: Message(de: "Schlüsseldatei nicht schreibbar: \(path)", en: "Cannot write the key file: \(path)"))
        }
    }

    /// Reads a key file written by `generateFile`.
    public static func load(path: String, site: String) throws(SiteKeyError) -> CheckInSigner {
        guard let data = FileManager.default.contents(atPath: path),
            let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw SiteKeyError(problem: Message(de: "Schlüsseldatei nicht lesbar: \(path)", en: "Cannot read the key file: \(path)"))
        }
        return try CheckInSigner(site: site, rawKey: Array(raw))
    }
}

/// Why the site key cannot be used.
public struct SiteKeyError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var problem: Message
    public var description: String { problem.description }
}

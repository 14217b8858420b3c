import Crypto
public import Foundation

/// Central's public sealing key (X25519) as terminals receive it in the reference snapshot: terminals seal
/// personal data to it (`seal`), and only central's private key (`SealingPrivateKey`) opens it again.
public struct SealingPublicKey: Sendable, Hashable {
    let key: Curve25519.KeyAgreement.PublicKey
    /// The raw 32 bytes.
    public let rawBytes: Data

    /// Same key: same raw bytes.
    public static func == (left: SealingPublicKey, right: SealingPublicKey) -> Bool { left.rawBytes == right.rawBytes }

    /// Hashes the raw bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawBytes) }

    /// A key from its raw 32 bytes.
    public init(rawBytes: Data) throws(SealingError) {
        guard rawBytes.count == 32, let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: rawBytes) else {
            throw SealingError(.badPublicKey)
        }
        self.key = key
        self.rawBytes = rawBytes
    }

    /// A key from its base64 form, as the snapshot carries it.
    public init(base64: String) throws(SealingError) {
        guard let bytes = Data(base64Encoded: base64) else { throw SealingError(.badPublicKey) }
        try self.init(rawBytes: bytes)
    }

    /// The base64 form of the raw bytes (44 characters).
    public var base64: String { rawBytes.base64EncodedString() }

    /// The first 8 bytes of SHA-256 over the raw key: names the key in every sealed form, so that a wrong key is
    /// told apart from damaged bytes, and a rotated key from the one before.
    public var keyID: Data { Data(SHA256.hash(data: rawBytes).prefix(SealedForm.keyIDLength)) }

    /// Hex of `keyID`, for logs and the CLI (a fingerprint, not key material).
    public var fingerprint: String { keyID.map { String(format: "%02x", $0) }.joined() }

    /// Seals `plain` to this key (see `SealedForm`); `id` (the attachment's id) is authenticated with it, so a sealed
    /// value cannot be moved to another row.
    public func seal(_ plain: Data, id: UUID) throws(SealingError) -> Data {
        do {
            var sender = try HPKE.Sender(recipientKey: key, ciphersuite: SealedForm.ciphersuite, info: SealedForm.info)
            let ciphertext = try sender.seal(plain, authenticating: SealedForm.associatedData(id))
            return SealedForm.magic + keyID + sender.encapsulatedKey + ciphertext
        } catch {
            throw SealingError(.sealFailed)
        }
    }
}

/// The sealed form's layout and HPKE parameters (docs/signature-container.md, "Sealed form").
enum SealedForm {
    /// "RKS1": version 1 of this layout.
    static let magic = Data("RKS1".utf8)
    static let keyIDLength = 8
    /// An X25519 encapsulated key.
    static let encapsulatedKeyLength = 32
    /// RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305: constant-time in software,
    /// fast on kiosk boards without AES instructions.
    static let ciphersuite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly
    /// HPKE's info: binds a sealed value to this use.
    static let info = Data("rathauskiosk.sealed/1".utf8)

    static func associatedData(_ id: UUID) -> Data { Data(id.uuidString.utf8) }
}

import Crypto
public import Foundation

/// Central's private sealing key (X25519): opens what terminals sealed to its public key. Lives only in central's
/// key file (raw 32 bytes, mode 0600); never logged, never sent.
public struct SealingPrivateKey: Sendable {
    let key: Curve25519.KeyAgreement.PrivateKey

    /// A fresh random key.
    public init() { key = Curve25519.KeyAgreement.PrivateKey() }

    /// A key from its raw 32 bytes (tests; central uses `loadOrCreate` / `load`).
    public init(rawBytes: Data) throws(SealingError) {
        guard rawBytes.count == 32, let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: rawBytes) else {
            throw SealingError(.keyFileUnreadable)
        }
        self.key = key
    }

    /// The public half, for the terminals.
    public var publicKey: SealingPublicKey {
        // 32 raw bytes of a valid key: cannot fail.
        try! SealingPublicKey(rawBytes: key.publicKey.rawRepresentation)
    }

    /// Opens a sealed form made by `SealingPublicKey.seal` for the attachment `id`. Throws `wrongKey` when it was
    /// sealed to another key, `damaged` when it does not open; never says more (the content is personal).
    public func open(_ sealed: Data, id: UUID) throws(SealingError) -> Data {
        let bytes = Data(sealed)
        let header = SealedForm.magic.count + SealedForm.keyIDLength + SealedForm.encapsulatedKeyLength
        guard bytes.count > header, bytes.prefix(SealedForm.magic.count) == SealedForm.magic else { throw .damaged }
        let keyID = bytes.dropFirst(SealedForm.magic.count).prefix(SealedForm.keyIDLength)
        guard keyID == publicKey.keyID else { throw .wrongKey }
        let encapsulated = bytes.dropFirst(SealedForm.magic.count + SealedForm.keyIDLength).prefix(SealedForm.encapsulatedKeyLength)
        do {
            var recipient = try HPKE.Recipient(
                privateKey: key, ciphersuite: SealedForm.ciphersuite, info: SealedForm.info, encapsulatedKey: Data(encapsulated))
            return try recipient.open(bytes.dropFirst(header), authenticating: SealedForm.associatedData(id))
        } catch {
            throw .damaged
        }
    }

    /// Reads the key file; does not create one (opening old data with a fresh key could never work).
    public static func load(path: String) throws(SealingError) -> SealingPrivateKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw SealingError(.keyFileMissing, path: path) }
        guard status.st_mode & 0o077 == 0 else { throw SealingError(.keyFileReadableByOthers, path: path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw SealingError(.keyFileUnreadable, path: path) }
        do {
            return try SealingPrivateKey(rawBytes: data)
        } catch {
            throw SealingError(.keyFileUnreadable, path: path)
        }
    }

    /// Reads the key file, or creates it (0600, exclusively, synced) with a fresh key when it does not exist.
    public static func loadOrCreate(path: String) throws(SealingError) -> SealingPrivateKey {
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            guard errno == EEXIST else { throw SealingError(.keyFileNotCreated, path: path) }
            return try load(path: path)
        }
        let created = SealingPrivateKey()
        let bytes = Array(created.key.rawRepresentation)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(path)
            throw SealingError(.keyFileNotCreated, path: path)
        }
        return created
    }
}

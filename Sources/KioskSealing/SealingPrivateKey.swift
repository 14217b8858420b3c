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

    /// Reads the key file, or creates it (0600, synced) with a fresh key when it does not exist.
    ///
    /// The key is written to a file of its own first and then linked into place: a crash half-way leaves no empty
    /// key file that would stop every later start, and `link` never replaces a key another process put there
    /// meanwhile (that one is loaded instead).
    public static func loadOrCreate(path: String) throws(SealingError) -> SealingPrivateKey {
        if access(path, F_OK) == 0 { return try load(path: path) }
        // A name of its own per attempt, so that two starts at once never write into each other's file.
        let partial = "\(path).new-\(UUID().uuidString)"
        let descriptor = Foundation.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SealingError(.keyFileNotCreated, path: path) }
        defer { unlink(partial) }
        let created = SealingPrivateKey()
        let bytes = Array(created.key.rawRepresentation)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else { throw SealingError(.keyFileNotCreated, path: path) }
        guard link(partial, path) == 0 else {
            guard errno == EEXIST else { throw SealingError(.keyFileNotCreated, path: path) }
            return try load(path: path)
        }
        // The new name must survive a power cut too: sync the folder that holds it.
        let folder = Foundation.open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
        return created
    }
}

import Crypto
import Foundation

/// The terminal's key for signatures at rest: 256 random bits in a file of its own, mode 0600.
///
/// A key file rather than a key derived from the terminal's identity: the identity key is replaced on every
/// re-enrolment (which would strand signatures still waiting for central), and it serves another purpose (TLS
/// client authentication); a key of its own can also be destroyed alone when a terminal is decommissioned.
/// ChaChaPoly because it is fast and constant-time in software, on kiosk boards without AES instructions too.
public struct SignatureKey: Sendable {
    let key: SymmetricKey

    /// A key from its 32 bytes (tests; real terminals use `loadOrCreate`).
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// Reads the key file, or creates it (0600, exclusively) with a fresh random key when it does not exist.
    /// Refuses a file that others may read or that is not 32 bytes.
    public static func loadOrCreate(path: String) throws(StoreError) -> SignatureKey {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            let synced = fsync(descriptor)
            close(descriptor)
            guard written == bytes.count, synced == 0 else {
                unlink(path)
                throw StoreError(.io, operation: "create signature key")
            }
            return SignatureKey(bytes: bytes)!
        }
        guard errno == EEXIST else { throw StoreError(.cannotOpen, operation: "create signature key") }
        var status = stat()
        guard stat(path, &status) == 0 else { throw StoreError(.cannotOpen, operation: "read signature key") }
        guard status.st_mode & 0o077 == 0 else { throw StoreError(.unreadableContent, operation: "signature key readable by others") }
        guard let data = FileManager.default.contents(atPath: path), let key = SignatureKey(bytes: Array(data)) else {
            throw StoreError(.unreadableContent, operation: "read signature key")
        }
        return key
    }
}

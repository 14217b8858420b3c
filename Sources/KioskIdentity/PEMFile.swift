import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// PEM files of keys and certificates: written whole or not at all, with the mode fixed from the first byte.
public enum PEMFile {
    /// Mode of private keys: the owner only.
    public static let keyMode = 0o600
    /// Mode of certificates: public, but only the owner may replace them.
    public static let certificateMode = 0o644

    /// Writes `text` to `path` through a temporary file in the same folder and a rename, so that a reader
    /// never sees half a key and a crash leaves the old file. The temporary file is created with `mode`, so a
    /// key is never readable by others, not even for a moment. Creates missing folders (0700).
    public static func write(_ text: String, to path: String, mode: Int) throws(IdentityError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unwritable(folder)
            }
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard descriptor >= 0 else { throw .unwritable(path) }
        // open() applies the umask; the mode must hold exactly, also under a permissive umask.
        let written = Array(text.utf8).withUnsafeBytes { bytes in
            fchmod(descriptor, mode_t(mode)) == 0 && Glibc.write(descriptor, bytes.baseAddress, bytes.count) == bytes.count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .unwritable(path)
        }
    }

    /// The text of a PEM file.
    public static func read(_ path: String) throws(IdentityError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path)
        }
        return text
    }

    /// Whether a file exists at `path`.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// The permission bits of the file at `path`, nil when it does not exist.
    public static func mode(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o7777)
    }
}

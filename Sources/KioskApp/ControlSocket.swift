import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// kioskd's control socket in its state folder: `kioskctl screenshot` asks it for the current screen as PNG.
///
/// One request a connection, one line ("screenshot"); the answer is "ok LENGTH" and the bytes, or "error TEXT".
/// The socket is mode 0600 (the kiosk user and root only); it carries no personal data beyond what the screen shows.
public final class ControlSocket: @unchecked Sendable {
    // @unchecked: `descriptor` and `path` are fixed at init; `stopped` is guarded by `lock`.
    private let descriptor: Int32
    /// The socket's path.
    public let path: String
    private let lock = NSLock()
    private var stopped = false

    /// The socket's name in the state folder (beside the database).
    public static let fileName = "kioskd.sock"

    /// Why the socket could not be opened or asked.
    public struct Failure: Error, CustomStringConvertible {
        /// German and English, for the technician.
        public var description: String
    }

    /// Binds and listens on `path`, replacing a stale socket file.
    public init(path: String) throws(Failure) {
        unlink(path)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: Self.message("socket", path, errno)) }
        var address = try Self.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, chmod(path, 0o600) == 0, listen(descriptor, 4) == 0 else {
            let code = errno
            close(descriptor)
            throw Failure(description: Self.message("bind", path, code))
        }
        self.descriptor = descriptor
        self.path = path
    }

    /// Answers requests until `stop()`, each with what `screenshot` returns (PNG bytes, or nil: no screen yet).
    public func serve(screenshot: @escaping @Sendable () async -> [UInt8]?) {
        let thread = Thread { [self] in
            while !lock.withLock({ stopped }) {
                var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
                guard poll(&descriptors, 1, 250) > 0 else { continue }
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { continue }
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                let request = Self.readLine(client)
                // The frame belongs to the display loop: wait for its answer here, off the loop's executor.
                let done = DispatchSemaphore(value: 0)
                Task {
                    defer { done.signal() }
                    if request == "screenshot", let png = await screenshot() {
                        Self.writeAll(client, Array("ok \(png.count)\n".utf8) + png)
                    } else if request == "screenshot" {
                        Self.writeAll(client, Array("error Noch kein Bildschirm gezeichnet. / No screen drawn yet.\n".utf8))
                    } else {
                        Self.writeAll(client, Array("error Unbekannte Anfrage. / Unknown request.\n".utf8))
                    }
                }
                _ = done.wait(timeout: .now() + .seconds(10))
                close(client)
            }
        }
        thread.name = "kiosk.control"
        thread.start()
    }

    /// Stops answering and removes the socket file.
    public func stop() {
        lock.withLock { stopped = true }
        unlink(path)
    }

    deinit { close(descriptor) }

    /// Asks the kioskd listening at `path` for its current screen; returns the PNG bytes.
    public static func screenshot(path: String) throws(Failure) -> [UInt8] {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: message("socket", path, errno)) }
        defer { close(descriptor) }
        var address = try Self.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            throw Failure(description: "kioskd antwortet nicht an \(path) (läuft er?) / kioskd does not answer at \(path) (is it running?): errno \(errno)")
        }
        writeAll(descriptor, Array("screenshot\n".utf8))
        let header = readLine(descriptor)
        guard header.hasPrefix("ok "), let length = Int(header.dropFirst(3)) else {
            throw Failure(description: "kioskd: \(header.hasPrefix("error ") ? String(header.dropFirst(6)) : header)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < length {
            let count = read(descriptor, &buffer, min(buffer.count, length - bytes.count))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "kioskd brach die Antwort ab. / kioskd cut the answer short.") }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    static func address(_ path: String) throws(Failure) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw Failure(description: "Pfad zu lang für einen Socket / path too long for a socket: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return address
    }

    static func message(_ call: String, _ path: String, _ code: Int32) -> String {
        "Steuer-Socket \(path): \(call) fehlgeschlagen / control socket \(path): \(call) failed (errno \(code))"
    }

    /// Reads up to a newline (at most 200 bytes), one byte at a time: requests and headers are short.
    static func readLine(_ descriptor: Int32) -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 200 {
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1, byte != UInt8(ascii: "\n") else { break }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            offset += count
        }
    }
}

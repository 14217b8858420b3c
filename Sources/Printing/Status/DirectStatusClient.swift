import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why the printer's own status could not be read over its network port.
struct DirectStatusError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case unresolved, connect, send, noReply, notAStatus
    }
    let kind: Kind
    let endpoint: NetworkEndpoint
    let code: Int32

    var description: String {
        let cause = code == 0 ? "" : " (\(String(cString: strerror(code))))"
        switch kind {
        case .unresolved:
            return "\(endpoint): Name nicht auflösbar – Adresse prüfen / cannot resolve the name – check the address"
        case .connect:
            return "\(endpoint): keine Verbindung\(cause) – Strom, Kabel und IP-Adresse des Druckers prüfen / cannot connect – check power, cable and the printer's IP address"
        case .send:
            return "\(endpoint): Senden fehlgeschlagen\(cause) / sending failed"
        case .noReply:
            return "\(endpoint): keine Statusantwort – unterstützt der Drucker DLE EOT? / no status reply – does the printer support DLE EOT?"
        case .notAStatus:
            return "\(endpoint): Antwort ist kein ESC/POS-Status / the reply is no ESC/POS status"
        }
    }
}

/// Reads an ESC/POS network printer's real-time status (DLE EOT 1...4) on its raw port, usually 9100.
///
/// Each query opens its own short connection and closes it again: many printers serve one connection at a
/// time on that port, and a held connection would lock out the CUPS backend. Every call blocks for at most
/// about `timeout`, so it runs on the printer's status thread, never on the concurrency pool.
struct DirectStatusClient: Sendable {
    let endpoint: NetworkEndpoint
    let timeout: Duration

    /// The four status bytes, decoded.
    func query() throws(DirectStatusError) -> RealTimeStatus {
        let socket = try connect()
        defer { close(socket) }
        try send(RealTimeStatus.request, on: socket)
        let replies = try receive(count: 4, on: socket)
        guard let status = RealTimeStatus(replies: replies) else { throw failure(.notAStatus) }
        return status
    }

    /// DLE DC4 8 (clear buffers): drops what the printer holds but has not printed, so that a job cut short
    /// by paper end does not finish on its own once paper is loaded and then print again on retry.
    func clearBuffers() throws(DirectStatusError) {
        let socket = try connect()
        defer { close(socket) }
        try send(Self.clearBuffersCommand, on: socket)
        // Epson printers answer 37 25 00; the reply only confirms, so a printer that stays silent is fine.
        _ = try? receive(count: 3, on: socket)
    }

    /// DLE DC4 fn=8 with its fixed parameters 1 3 20 1 6 2 8 (Epson TM-T20/T88 and compatible).
    static let clearBuffersCommand: [UInt8] = [0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08]

    private func failure(_ kind: DirectStatusError.Kind, _ code: Int32 = 0) -> DirectStatusError {
        DirectStatusError(kind: kind, endpoint: endpoint, code: code)
    }

    private var milliseconds: Int32 { Int32(clamping: timeout.wholeMilliseconds) }

    /// A connected non-blocking socket, or an error after `timeout`.
    private func connect() throws(DirectStatusError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list) == 0, let first = list else {
            throw failure(.unresolved)
        }
        defer { freeaddrinfo(list) }
        let socket = Glibc.socket(first.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw failure(.connect, errno) }
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
        if Glibc.connect(socket, first.pointee.ai_addr, first.pointee.ai_addrlen) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else {
                let code = errno
                close(socket)
                throw failure(.connect, code)
            }
            guard wait(for: Int16(POLLOUT), on: socket, milliseconds: milliseconds) else {
                close(socket)
                throw failure(.connect, ETIMEDOUT)
            }
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(socket, SOL_SOCKET, SO_ERROR, &code, &length)
            guard code == 0 else {
                close(socket)
                throw failure(.connect, code)
            }
        }
        return socket
    }

    private func send(_ bytes: [UInt8], on socket: Int32) throws(DirectStatusError) {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                sent += count
            } else if count < 0, errno == EINTR {
                continue
            } else if count < 0, errno == EAGAIN, wait(for: Int16(POLLOUT), on: socket, milliseconds: milliseconds) {
                continue
            } else {
                throw failure(.send, count < 0 ? errno : EPIPE)
            }
        }
    }

    private func receive(count: Int, on socket: Int32) throws(DirectStatusError) -> [UInt8] {
        var replies: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16)
        let deadline = ContinuousClock.now + timeout
        while replies.count < count {
            let left = deadline - ContinuousClock.now
            let leftMilliseconds = Int32(clamping: max(0, left.wholeMilliseconds))
            guard leftMilliseconds > 0, wait(for: Int16(POLLIN), on: socket, milliseconds: leftMilliseconds) else {
                throw failure(.noReply)
            }
            let received = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, count - replies.count, 0) }
            if received > 0 {
                replies += buffer[0..<received]
            } else if received < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                throw failure(.noReply, received < 0 ? errno : 0)
            }
        }
        return replies
    }

    /// Waits until `events` are possible on `socket`; false on timeout or error. Retries EINTR.
    private func wait(for events: Int16, on socket: Int32, milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        var result: Int32
        repeat { result = poll(&descriptor, 1, milliseconds) } while result == -1 && errno == EINTR
        return result == 1 && descriptor.revents & events != 0
    }
}

import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal RFC 6455 WebSocket client for one local peer (AusweisApp on loopback): blocking socket, text
/// messages only, pings answered. Not Sendable: one caller at a time (`AusweisAppClient` serialises).
final class WebSocketConnection {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false

    /// Connects to ws://`host`:`port``path` and completes the opening handshake within `timeout`.
    init(host: String, port: Int, path: String, timeout: Duration) throws(AusweisAppError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw AusweisAppError(.unreachable)
        }
        defer { freeaddrinfo(list) }
        var connected: Int32 = -1
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry, connected < 0 {
            let candidate = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if candidate >= 0 {
                if connect(candidate, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                    connected = candidate
                } else {
                    Glibc.close(candidate)
                }
            }
            entry = current.pointee.ai_next
        }
        guard connected >= 0 else { throw AusweisAppError(.unreachable) }
        descriptor = connected
        do {
            try handshake(host: host, port: port, path: path, timeout: timeout)
        } catch {
            Glibc.close(descriptor)
            throw error
        }
    }

    deinit { if !closed { Glibc.close(descriptor) } }

    private func handshake(host: String, port: Int, path: String, timeout: Duration) throws(AusweisAppError) {
        var keyBytes = [UInt8](repeating: 0, count: 16)
        for index in keyBytes.indices { keyBytes[index] = UInt8.random(in: 0...255) }
        let key = Data(keyBytes).base64EncodedString()
        let request =
            "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try writeAll(Array(request.utf8))
        let deadline = ContinuousClock.now + timeout
        var headerEnd: Int?
        while headerEnd == nil {
            try fill(until: deadline)
            headerEnd = buffer.indices.dropLast(3).first { buffer[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }
        }
        let end = headerEnd! + 4
        let header = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end)
        let lines = header.split(separator: "\r\n")
        guard let status = lines.first, status.split(separator: " ").dropFirst().first == "101" else {
            throw AusweisAppError(.handshake)
        }
        // The server proves it read this handshake: SHA-1 of the key and the RFC's GUID.
        let expected = Data(Insecure.SHA1.hash(data: Data((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8)))
            .base64EncodedString()
        let accept = lines.dropFirst().first { $0.lowercased().hasPrefix("sec-websocket-accept:") }
            .map { $0.dropFirst("sec-websocket-accept:".count).trimmingCharacters(in: .whitespaces) }
        guard accept == expected else { throw AusweisAppError(.handshake) }
    }

    /// Sends one text message.
    func send(text: String) throws(AusweisAppError) {
        try sendFrame(opcode: 0x1, payload: Array(text.utf8))
    }

    /// The next text message, answering pings on the way; throws on close or when `timeout` passes.
    func receive(timeout: Duration) throws(AusweisAppError) -> String {
        let deadline = ContinuousClock.now + timeout
        var message: [UInt8] = []
        while true {
            let (final, opcode, payload) = try readFrame(until: deadline)
            switch opcode {
            case 0x0, 0x1, 0x2:
                message += payload
                if final { return String(decoding: message, as: UTF8.self) }
            case 0x8:
                try? sendFrame(opcode: 0x8, payload: Array(payload.prefix(2)))
                throw AusweisAppError(.closed)
            case 0x9:
                try sendFrame(opcode: 0xA, payload: payload)
            default:
                continue  // pong or reserved: nothing to do
            }
        }
    }

    /// Sends a close frame and closes the socket. Idempotent.
    func close() {
        guard !closed else { return }
        try? sendFrame(opcode: 0x8, payload: [0x03, 0xE8])
        closed = true
        Glibc.close(descriptor)
    }

    private func sendFrame(opcode: UInt8, payload: [UInt8]) throws(AusweisAppError) {
        var frame: [UInt8] = [0x80 | opcode]
        // Client frames are always masked (RFC 6455, 5.3).
        switch payload.count {
        case ..<126: frame.append(0x80 | UInt8(payload.count))
        case ..<65_536: frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: frame += [0x80 | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try writeAll(frame)
    }

    private func readFrame(until deadline: ContinuousClock.Instant) throws(AusweisAppError) -> (Bool, UInt8, [UInt8]) {
        let head = try take(2, until: deadline)
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            length = try take(2, until: deadline).reduce(0) { $0 << 8 | Int($1) }
        } else if length == 127 {
            length = try take(8, until: deadline).reduce(0) { $0 << 8 | Int($1) }
        }
        guard length <= 16 << 20 else { throw AusweisAppError(.protocolViolation) }
        let mask = head[1] & 0x80 != 0 ? try take(4, until: deadline) : nil
        var payload = try take(length, until: deadline)
        if let mask { payload = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] } }
        return (head[0] & 0x80 != 0, head[0] & 0x0F, payload)
    }

    private func take(_ count: Int, until deadline: ContinuousClock.Instant) throws(AusweisAppError) -> [UInt8] {
        while buffer.count < count { try fill(until: deadline) }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    private func fill(until deadline: ContinuousClock.Instant) throws(AusweisAppError) {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { throw AusweisAppError(.timeout) }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(min(left / .milliseconds(1), 60_000)))
        if ready == 0 { throw AusweisAppError(.timeout) }
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 && errno == EINTR { return }
        guard count > 0 else { throw AusweisAppError(.closed) }
        buffer += chunk[..<count]
    }

    private func writeAll(_ bytes: [UInt8]) throws(AusweisAppError) {
        var done = 0
        while done < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + done, bytes.count - done, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw AusweisAppError(.closed) }
            done += sent
        }
    }
}

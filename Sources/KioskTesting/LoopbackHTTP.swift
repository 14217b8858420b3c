#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.0 GET to a test server on 127.0.0.1, for scraping metrics endpoints from tests without an
/// HTTP client library: one request, the connection closed by the server, status and body returned.
public enum LoopbackHTTP {
    /// The answer: status code and body; nil when nothing answered.
    public static func get(port: Int, path: String) -> (status: Int, body: String)? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        // The head ends at the first empty line (CR LF CR LF); the status code is the status line's second word.
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = response.indices.first(where: { Array(response[$0..<min($0 + 4, response.count)]) == separator }) else { return nil }
        let head = String(decoding: response[..<headEnd], as: UTF8.self)
        let parts = (head.split(separator: "\r\n").first ?? "").split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        return (status, String(decoding: response[(headEnd + 4)...], as: UTF8.self))
    }
}

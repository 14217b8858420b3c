/// A host and TCP port, written "host:port" in configuration files.
public struct NetworkEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Host name or IPv4 address.
    public var host: String
    /// TCP port.
    public var port: Int

    /// An endpoint.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses "host:port" or "host" (then `defaultPort`); nil for an empty host or a port outside 1...65535.
    public init?(_ text: String, defaultPort: Int) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, !parts[0].contains(where: \.isWhitespace) else {
            return nil
        }
        let port = parts.count == 2 ? Int(parts[1]) : defaultPort
        guard let port, (1...65535).contains(port) else { return nil }
        self.init(host: String(parts[0]), port: port)
    }

    /// "host:port".
    public var description: String { "\(host):\(port)" }
}

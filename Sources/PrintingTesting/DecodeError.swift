/// Why an ESC/POS stream could not be decoded, and where.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure; a struct so that kinds can be added without breaking callers.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable {
            case truncated
            case invalidParameter
        }

        private let base: Base

        /// The stream ends inside a command, or a length field points past its end.
        public static let truncated = Reason(base: .truncated)
        /// A known command with a parameter outside its documented range.
        public static let invalidParameter = Reason(base: .invalidParameter)

        /// "truncated" or "invalid parameter".
        public var description: String {
            switch base {
            case .truncated: "truncated"
            case .invalidParameter: "invalid parameter"
            }
        }
    }

    /// The kind of failure.
    public var reason: Reason
    /// Offset of the first byte of the failing command.
    public var offset: Int
    /// Up to the first three bytes of the failing command.
    public var command: [UInt8]

    /// An error.
    public init(reason: Reason, offset: Int, command: [UInt8]) {
        self.reason = reason
        self.offset = offset
        self.command = command
    }

    /// E.g. "truncated command 1D 28 6B at offset 17".
    public var description: String {
        let hex = command.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }
        return "\(reason) command \(hex.joined(separator: " ")) at offset \(offset)"
    }
}

/// Separates a printer's incoming byte stream into job data and real-time requests, as a printer does.
///
/// DLE EOT n (10 04 n) and DLE DC4 8 (clear buffers) act at once when they arrive between commands; the same
/// bytes inside a command's data (a QR payload, a raster image, barcode data) are data. A candidate counts as a
/// request only when the job bytes since the last known command boundary decode completely up to it, i.e.
/// it starts a command. Feed it chunks as they arrive: a request split across chunks is still recognised.
public struct RealTimeCommandSplitter: Sendable {
    /// One piece of the stream, in order.
    public enum Piece: Sendable, Hashable {
        /// Bytes to print.
        case data([UInt8])
        /// DLE EOT n, n in 1...4.
        case statusRequest(UInt8)
        /// DLE DC4 8 with its fixed parameters: drop the buffered job data.
        case clearBuffers
    }

    /// DLE DC4 8 with its fixed parameters 1 3 20 1 6 2 8.
    public static let clearBuffers: [UInt8] = [0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08]

    private let decoder = ESCPOSDecoder()
    /// Job bytes since the last command boundary known for certain.
    private var pending: [UInt8] = []
    /// How many bytes at the start of `pending` were already handed out as data.
    private var emitted = 0
    /// Where to look for the next candidate in `pending`.
    private var scanFrom = 0

    /// A splitter at the start of a connection.
    public init() {}

    /// The pieces that the bytes received so far make certain.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Piece] {
        pending.append(contentsOf: bytes)
        var pieces: [Piece] = []
        var unresolved: Int?
        while unresolved == nil, let position = pending[scanFrom...].firstIndex(of: 0x10) {
            switch match(at: position) {
            case .incomplete:
                unresolved = position
            case .none:
                scanFrom = position + 1
            case .request(let piece, let length):
                if startsCommand(position) {
                    if position > emitted { pieces.append(.data(Array(pending[emitted..<position]))) }
                    pieces.append(piece)
                    pending.removeFirst(position + length)
                    emitted = 0
                    scanFrom = 0
                } else {
                    scanFrom = position + 1
                }
            }
        }
        let certain = unresolved ?? pending.count
        if certain > emitted {
            pieces.append(.data(Array(pending[emitted..<certain])))
            emitted = certain
        }
        return pieces
    }

    /// The rest as data, at the end of the connection.
    public mutating func finish() -> [Piece] {
        defer {
            pending = []
            emitted = 0
            scanFrom = 0
        }
        return pending.count > emitted ? [.data(Array(pending[emitted...]))] : []
    }

    private enum Match {
        case none
        case incomplete
        case request(Piece, length: Int)
    }

    private func match(at position: Int) -> Match {
        let rest = pending[position...]
        if rest.count >= 3, rest.starts(with: [0x10, 0x04]), (1...4).contains(rest[position + 2]) {
            return .request(.statusRequest(rest[position + 2]), length: 3)
        }
        if rest.starts(with: Self.clearBuffers) {
            return .request(.clearBuffers, length: Self.clearBuffers.count)
        }
        // A prefix of either request at the very end: wait for the next bytes.
        let isStatusPrefix = rest.count < 3 && [0x10, 0x04].starts(with: rest)
        let isClearPrefix = rest.count < Self.clearBuffers.count && Self.clearBuffers.starts(with: rest)
        return isStatusPrefix || isClearPrefix ? .incomplete : .none
    }

    /// Whether a command starts at `position`: everything before it since the last boundary decodes whole.
    private func startsCommand(_ position: Int) -> Bool {
        do {
            _ = try decoder.decode(Array(pending[0..<position]))
            return true
        } catch {
            // A bad parameter is skipped by a printer too, so only a command cut off at `position` means data.
            return error.reason != .truncated
        }
    }
}

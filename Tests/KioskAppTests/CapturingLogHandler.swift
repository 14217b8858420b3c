import Foundation
import Logging

/// Keeps every record its loggers write, rendered as one text each (label, level, message, metadata, source),
/// for tests that check what reaches the logs. Passed to `Logger(label:factory:)`, so no process-wide
/// bootstrap is needed and parallel tests do not see each other's records.
final class LogCapture: @unchecked Sendable {
    // @unchecked: `records` is only touched under `lock`.
    private let lock = NSLock()
    private var records: [String] = []

    /// Every record so far.
    var lines: [String] { lock.withLock { records } }

    /// A logger at trace level writing here.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { label in Handler(label: label, capture: self) }
        logger.logLevel = .trace
        return logger
    }

    func append(_ line: String) { lock.withLock { records.append(line) } }

    struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var fields = metadata
            if let extra = event.metadata { fields.merge(extra) { $1 } }
            let rendered = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append("\(label) \(event.level) \(event.message) \(rendered) source=\(event.source)")
        }
    }
}

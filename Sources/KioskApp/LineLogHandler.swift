public import Logging
import Foundation

/// Writes one line per log record, `time level label message key=value ...`, to a file descriptor.
///
/// Lines stay on one line (newlines in values are escaped) so that journald and grep see one record each.
/// Only the constant message and metadata are written: callers keep personal data out of both.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    let descriptor: Int32

    /// Creates a handler writing to `descriptor` (2 for stderr, or an opened log file).
    public init(label: String, descriptor: Int32, level: Logger.Level) {
        self.label = label
        self.descriptor = descriptor
        logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let rendered = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.escape("\($0.value)"))" }.joined(separator: " ")
        let time = Date().formatted(.iso8601)
        let line = "\(time) \(event.level) \(label) \(Self.escape("\(event.message)"))\(rendered.isEmpty ? "" : " " + rendered)\n"
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}

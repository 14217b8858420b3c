import ChildProcess
public import Foundation
public import KioskCore

/// `kioskctl diag bundle`: a tar.gz for support with the diagnostic report, logs, redacted configuration and
/// versions. It holds no personal data: nothing from the database but counts, no printer output, no scans.
public enum DiagnosticBundle {
    /// What goes in besides the report.
    public struct Sources: Sendable {
        /// The terminal's configuration file.
        public var configuration: URL
        /// kioskd's log file, used when the journal has nothing for kioskd.
        public var logFile: URL
        /// The tool's version, e.g. "kioskctl 0.1.0".
        public var version: String
        /// The systemd unit whose journal is read.
        public var unit: String = "kioskd"

        /// Creates the list.
        public init(configuration: URL, logFile: URL, version: String) {
            self.configuration = configuration
            self.logFile = logFile
            self.version = version
        }
    }

    /// Why no bundle was written.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public let message: Message
        /// German and English.
        public var description: String { message.description }
    }

    /// Writes the bundle to `output` and returns the names of the files in it.
    @discardableResult
    public static func write(
        to output: URL, report: DiagnosticReport, loaded: SiteLoader.Loaded, sources: Sources
    ) throws -> [String] {
        let folderName = "kiosk-diag-\(report.terminal)"
        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-diag-\(UUID().uuidString)")
        let root = staging.appendingPathComponent(folderName)
        defer { try? FileManager.default.removeItem(at: staging) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("config"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("logs"), withIntermediateDirectories: true)
        var files: [String] = []
        func put(_ name: String, _ data: Data) throws {
            try data.write(to: root.appendingPathComponent(name))
            files.append(name)
        }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try put("diag.json", try encoder.encode(report))
        try put("versions.txt", Data(versions(sources.version).utf8))

        // The configuration as the terminal reads it, secrets redacted; the catalog and the code rules beside it.
        let configurationDirectory = sources.configuration.deletingLastPathComponent()
        var configurationFiles = [sources.configuration]
        let configuration = loaded.settings.configuration
        for path in [configuration.catalogPath, configuration.codesPath].compactMap({ $0 }) {
            configurationFiles.append(path.hasPrefix("/") ? URL(fileURLWithPath: path) : configurationDirectory.appendingPathComponent(path))
        }
        for file in configurationFiles {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            try put("config/\(file.lastPathComponent)", Data(ConfigRedaction.redact(text).utf8))
        }

        if let journal = journal(unit: sources.unit) {
            try put("logs/journal-\(sources.unit).txt", Data(journal.utf8))
        } else if let log = tail(of: sources.logFile, bytes: 4 << 20) {
            try put("logs/\(sources.logFile.lastPathComponent)", log)
        }

        try? FileManager.default.removeItem(at: output)
        let result = try ChildProcess.run("tar", ["-czf", output.path, "-C", staging.path, folderName], timeout: .seconds(60))
        guard result.termination.succeeded else {
            throw Failure(
                message: Message(
                    de: "tar ist gescheitert: \(String(decoding: result.error, as: UTF8.self))",
                    en: "tar failed: \(String(decoding: result.error, as: UTF8.self))"))
        }
        return files.map { "\(folderName)/\($0)" }
    }

    /// The tool, the operating system and the kernel.
    static func versions(_ tool: String) -> String {
        var lines = [tool]
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let pretty = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            lines.append("os: " + pretty.dropFirst("PRETTY_NAME=".count).filter { $0 != "\"" })
        }
        if let kernel = try? ChildProcess.run("uname", ["-srm"], timeout: .seconds(5)), kernel.termination.succeeded {
            lines.append("kernel: " + kernel.text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The unit's journal of the last two days, nil where there is no journalctl or no entry for the unit.
    static func journal(unit: String) -> String? {
        guard
            let result = try? ChildProcess.run(
                "journalctl", ["-u", unit, "--since", "-2d", "--no-pager", "-o", "short-iso", "-q"], timeout: .seconds(30)),
            result.termination.succeeded
        else { return nil }
        let text = result.text
        return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text
    }

    /// The last `bytes` of a file.
    static func tail(of file: URL, bytes: UInt64) -> Data? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > bytes ? size - bytes : 0)
        return handle.readDataToEndOfFile()
    }
}

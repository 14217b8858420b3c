public import KioskCore

/// What a printer reports about itself, from CUPS and, where configured, from its own real-time status.
public struct PrinterStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One thing that is not as it should be; the raw values are the stable codes used in events and health.
    public enum Condition: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// The paper has run out (CUPS `media-empty`, DLE EOT 4 bits 5-6).
        case paperEnd = "media-empty"
        /// The cover is open (CUPS `cover-open`, DLE EOT 2 bit 2).
        case coverOpen = "cover-open"
        /// The printer cannot be reached or says it is offline.
        case offline
        /// The CUPS queue is stopped or rejects jobs.
        case stopped
        /// Another fault the printer reports (cutter jam, unrecoverable error, a CUPS `-error` reason).
        case error
        /// Paper is nearly used up; printing still works (CUPS `media-low`, DLE EOT 4 bits 2-3).
        case paperNearEnd = "media-low"

        /// Ordered by how badly they stop printing, worst first.
        public static func < (lhs: Condition, rhs: Condition) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }

        /// Whether a job cannot print while this holds.
        public var stopsPrinting: Bool { self != .paperNearEnd }

        /// What a person at the kiosk or a technician is told.
        public var message: Message {
            switch self {
            case .paperEnd:
                Message(key: "printer.paperEnd", de: "Der Drucker hat kein Papier mehr.", en: "The printer is out of paper.")
            case .coverOpen:
                Message(key: "printer.coverOpen", de: "Die Druckerklappe ist offen.", en: "The printer cover is open.")
            case .offline:
                Message(key: "printer.offline", de: "Der Drucker ist nicht erreichbar.", en: "The printer cannot be reached.")
            case .stopped:
                Message(key: "printer.stopped", de: "Die Druckerwarteschlange ist angehalten.", en: "The printer queue is stopped.")
            case .error:
                Message(key: "printer.error", de: "Der Drucker meldet einen Fehler.", en: "The printer reports an error.")
            case .paperNearEnd:
                Message(key: "printer.paperNearEnd", de: "Das Papier geht bald zu Ende.", en: "The paper is running low.")
            }
        }
    }

    /// Every condition that holds, worst first; empty when the printer is ready.
    public private(set) var conditions: [Condition]
    /// Free text from the printing system for technicians (e.g. CUPS' printer-state-message); never personal data.
    public var details: [String]

    /// A status with the given conditions (duplicates removed, worst first).
    public init(conditions: some Sequence<Condition> = [], details: [String] = []) {
        self.conditions = Set(conditions).sorted()
        self.details = details
    }

    /// Ready and nothing to report.
    public static let ok = PrinterStatus()

    /// Both reports together: what either source sees holds.
    public func merged(with other: PrinterStatus) -> PrinterStatus {
        PrinterStatus(conditions: conditions + other.conditions, details: details + other.details)
    }

    /// The worst condition that stops printing, nil when a job can print.
    public var blocking: Condition? { conditions.first(where: \.stopsPrinting) }

    /// Whether a job can print now.
    public var isReady: Bool { blocking == nil }

    /// "ok", or the code of the worst condition.
    public var code: String { conditions.first?.rawValue ?? "ok" }

    /// ok, warning (paper low) or error (cannot print).
    public var severity: HealthSeverity {
        if blocking != nil { return .error }
        return conditions.isEmpty ? .ok : .warning
    }

    /// The entry for the terminal's health report.
    public var health: DeviceHealth { DeviceHealth(device: "printer", status: code, severity: severity) }

    /// The failure to report when a job was refused or lost for `blocking`.
    public var failure: PrintFailure? {
        guard let blocking else { return nil }
        return PrintFailure(reason: blocking.rawValue, message: blocking.message)
    }

    /// E.g. "ok" or "media-empty, cover-open".
    public var description: String {
        conditions.isEmpty ? "ok" : conditions.map(\.rawValue).joined(separator: ", ")
    }

    private enum CodingKeys: String, CodingKey { case status, severity, conditions, details }

    /// Encodes the stable code and severity beside the conditions, for `kioskctl print status --json`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .status)
        try container.encode(severity, forKey: .severity)
        try container.encode(conditions, forKey: .conditions)
        try container.encode(details, forKey: .details)
    }

    /// Decodes what `encode(to:)` wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            conditions: try container.decode([Condition].self, forKey: .conditions),
            details: try container.decode([String].self, forKey: .details))
    }
}

/// What CUPS reports about a queue (Get-Printer-Attributes).
public struct CUPSQueueState: Sendable, Hashable {
    /// printer-state: 3 idle, 4 processing, 5 stopped.
    public var state: Int32
    /// printer-state-reasons, e.g. "media-empty-error", "offline-report"; "none" is left out.
    public var reasons: [String]
    /// printer-state-message, the backend's last words for technicians.
    public var message: String
    /// printer-is-accepting-jobs.
    public var acceptingJobs: Bool

    /// A queue state as read from CUPS.
    public init(state: Int32, reasons: [String], message: String, acceptingJobs: Bool) {
        self.state = state
        self.reasons = reasons.filter { $0 != "none" }
        self.message = message
        self.acceptingJobs = acceptingJobs
    }

    /// The device status these attributes describe.
    ///
    /// Reasons carry a severity suffix (-report, -warning, -error) that CUPS backends do not use consistently,
    /// so the base keyword decides: RFC 8011 5.4.12 keywords plus CUPS' own `paused` and `offline`.
    public var status: PrinterStatus {
        var conditions: [PrinterStatus.Condition] = []
        for reason in reasons {
            let base = Self.baseKeyword(reason)
            switch base {
            case "media-empty", "media-needed": conditions.append(.paperEnd)
            case "media-low": conditions.append(.paperNearEnd)
            case "cover-open", "door-open", "interlock-open": conditions.append(.coverOpen)
            case "offline", "shutdown", "timed-out": conditions.append(.offline)
            case "paused", "moving-to-paused": conditions.append(.stopped)
            // Seen while the backend opens its connection for every job: not a fault on its own.
            case "connecting-to-device", "cups-waiting-for-job-completed": break
            default:
                if reason.hasSuffix("-error") { conditions.append(.error) }
            }
        }
        if state == 5 || !acceptingJobs { conditions.append(.stopped) }
        var details = ["CUPS: \(Self.stateName(state))\(acceptingJobs ? "" : ", rejecting jobs")"]
        if !reasons.isEmpty { details.append("CUPS reasons: " + reasons.joined(separator: " ")) }
        if !message.isEmpty { details.append("CUPS message: " + message) }
        return PrinterStatus(conditions: conditions, details: details)
    }

    /// The keyword without its -report, -warning or -error suffix.
    static func baseKeyword(_ reason: String) -> String {
        for suffix in ["-report", "-warning", "-error"] where reason.hasSuffix(suffix) {
            return String(reason.dropLast(suffix.count))
        }
        return reason
    }

    static func stateName(_ state: Int32) -> String {
        switch state {
        case 3: "idle"
        case 4: "processing"
        case 5: "stopped"
        default: "state \(state)"
        }
    }
}

/// What CUPS reports about a job (Get-Job-Attributes).
public struct CUPSJobState: Sendable, Hashable {
    /// job-state (RFC 8011 5.3.7).
    public enum State: Int32, Sendable, Hashable {
        /// Waiting for the printer.
        case pending = 3
        /// Held: by request, or because the backend could not reach the printer and CUPS retries later.
        case held = 4
        /// Being sent to the printer.
        case processing = 5
        /// The queue stopped while the job was in it.
        case stopped = 6
        /// Cancelled by someone.
        case canceled = 7
        /// Aborted by CUPS.
        case aborted = 8
        /// All bytes went to the printer.
        case completed = 9

        /// Whether the job has ended one way or another.
        public var isFinal: Bool { rawValue >= 7 }
    }

    /// job-state.
    public var state: State
    /// job-state-reasons.
    public var reasons: [String]
    /// job-printer-state-message.
    public var message: String

    /// A job state as read from CUPS.
    public init(state: State, reasons: [String], message: String) {
        self.state = state
        self.reasons = reasons
        self.message = message
    }
}

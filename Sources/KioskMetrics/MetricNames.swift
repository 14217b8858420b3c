/// The metric names both daemons export. Every name starts with `kiosk_`; labels carry only ids and fixed
/// words (a device kind, an outcome, a terminal id), never anything a citizen typed, scanned or owns.
public enum MetricNames {
    /// Tickets issued by this terminal (label `kind`: walk-in, appointment).
    public static let ticketsIssued = "kiosk_tickets_issued_total"
    /// Scans the kiosk handled (label `result`: a ``ScanResult``). No payload, no code type beyond the result.
    public static let scans = "kiosk_scans_total"
    /// Print jobs (labels `document`: ticket, slip; `outcome`: printed or the failure reason's fixed word).
    public static let printJobs = "kiosk_print_jobs_total"
    /// Events in the outbox not yet acknowledged by the central service.
    public static let outboxDepth = "kiosk_outbox_depth"
    /// Age in seconds of the oldest unacknowledged outbox event; 0 when the outbox is empty.
    public static let syncLagSeconds = "kiosk_sync_lag_seconds"
    /// One gauge per device kind (label `kind`): 0 ok, 1 warning, 2 error, -1 not configured.
    public static let deviceState = "kiosk_device_state"

    /// Event batches the central service received (label `outcome`: ok, refused, error).
    public static let centralIngestRequests = "kiosk_central_ingest_requests_total"
    /// Events the central service applied (label `terminal`).
    public static let centralEventsIngested = "kiosk_central_events_ingested_total"
    /// Counter actions: call-next, and the actions on a called ticket (label `action`).
    public static let centralCalls = "kiosk_central_calls_total"
    /// Seconds since a terminal was last heard from (label `terminal`).
    public static let centralTerminalLastSyncAge = "kiosk_central_terminal_last_sync_age_seconds"
    /// The outbox depth a terminal reported with its last health report (label `terminal`).
    public static let centralTerminalOutboxDepth = "kiosk_central_terminal_outbox_depth"
    /// A terminal's device as it last reported it (labels `terminal`, `device`): 0 ok, 1 warning, 2 error.
    public static let centralTerminalDeviceState = "kiosk_central_terminal_device_state"
}

/// What became of one scan, as counted in ``MetricNames/scans``.
public enum ScanResult: String, Sendable, CaseIterable {
    /// A code of a kind the site's rules know, handed to its flow (check-in, polling place, collection).
    case recognised
    /// A code the site's rules do not know or find malformed (also: no rules configured).
    case rejected
    /// The scanner read something it could not decode.
    case unreadable
}

/// A device's severity as the device gauges show it.
public enum DeviceLevel: Int, Sendable {
    /// Not configured on this terminal.
    case absent = -1
    /// Works.
    case ok = 0
    /// Works, but needs attention soon (paper low).
    case warning = 1
    /// Does not work.
    case error = 2
}

public import CoreMetrics

/// What kiosk-central counts: event ingest, counter calls and each terminal's health.
public struct CentralMetrics: Sendable {
    let factory: any MetricsFactory

    /// Records with `factory` (a ``MetricsRegistry``'s); the default records nowhere.
    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    /// An event batch was answered (`outcome`: ok, refused, error); `applied` events of `terminal` were new.
    public func ingested(terminal: String, outcome: String, applied: Int) {
        Counter(label: MetricNames.centralIngestRequests, dimensions: [("outcome", outcome)], factory: factory).increment()
        if applied > 0 {
            Counter(label: MetricNames.centralEventsIngested, dimensions: [("terminal", terminal)], factory: factory)
                .increment(by: applied)
        }
    }

    /// A counter called the next ticket or acted on a called one (`action`: call-next, recall, no-show, ...).
    public func called(action: String) {
        Counter(label: MetricNames.centralCalls, dimensions: [("action", action)], factory: factory).increment()
    }

    /// A terminal's health as central knows it at scrape time.
    public func terminal(_ terminal: String, lastSyncAgeSeconds: Double?, outboxDepth: Int?) {
        if let lastSyncAgeSeconds {
            Gauge(label: MetricNames.centralTerminalLastSyncAge, dimensions: [("terminal", terminal)], factory: factory)
                .record(lastSyncAgeSeconds)
        }
        if let outboxDepth {
            Gauge(label: MetricNames.centralTerminalOutboxDepth, dimensions: [("terminal", terminal)], factory: factory)
                .record(outboxDepth)
        }
    }

    /// One device of a terminal as it last reported it.
    public func terminalDevice(_ terminal: String, device: String, level: DeviceLevel) {
        Gauge(
            label: MetricNames.centralTerminalDeviceState, dimensions: [("terminal", terminal), ("device", device)],
            factory: factory
        ).record(level.rawValue)
    }
}

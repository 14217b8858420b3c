public import CoreMetrics

/// What kioskd counts: tickets, scans, print jobs, the outbox and the devices.
///
/// Without a factory it records nowhere (swift-metrics' no-op handlers), so flows need no checks.
public struct TerminalMetrics: Sendable {
    let factory: any MetricsFactory

    /// Records with `factory` (a ``MetricsRegistry``'s); the default records nowhere.
    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    /// A ticket was committed (`kind`: walk-in or appointment).
    public func ticketIssued(kind: String) {
        Counter(label: MetricNames.ticketsIssued, dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// A scan was handled with this result.
    public func scanned(_ result: ScanResult) {
        Counter(label: MetricNames.scans, dimensions: [("result", result.rawValue)], factory: factory).increment()
    }

    /// A print job ended (`outcome`: "printed" or the failure's reason word, e.g. "paper-end").
    public func printed(document: String, outcome: String) {
        Counter(label: MetricNames.printJobs, dimensions: [("document", document), ("outcome", outcome)], factory: factory)
            .increment()
    }

    /// The outbox as the store reports it now.
    public func outbox(depth: Int, lagSeconds: Double) {
        Gauge(label: MetricNames.outboxDepth, factory: factory).record(depth)
        Gauge(label: MetricNames.syncLagSeconds, factory: factory).record(lagSeconds)
    }

    /// A device kind's state now (`kind`: printer, scanner, signature-pad, card-reader, display).
    public func device(kind: String, level: DeviceLevel) {
        Gauge(label: MetricNames.deviceState, dimensions: [("kind", kind)], factory: factory).record(level.rawValue)
    }
}

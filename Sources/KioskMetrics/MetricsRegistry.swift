public import CoreMetrics
import Prometheus

/// One process's metrics: a Prometheus registry and the swift-metrics factory that records into it.
///
/// Each daemon makes one and hands its `factory` to the parts that count; tests make their own, so that no
/// process-wide `MetricsSystem.bootstrap` is needed and two registries in one test process do not mix.
public final class MetricsRegistry: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Records into this registry; pass it to `Counter(label:dimensions:factory:)` and to the metrics types here.
    public let factory: any MetricsFactory

    /// Creates an empty registry.
    public init() {
        factory = PrometheusMetricsFactory(registry: registry)
    }

    /// The registry's current values in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> String {
        registry.emitToString()
    }

    /// The content type of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}

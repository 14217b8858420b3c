public import KioskMetrics
public import Logging
import Hummingbird

/// kioskd's Prometheus endpoint: `GET /metrics` on a loopback address, nothing else.
///
/// Gauges that mirror state held elsewhere (the outbox, the devices) are brought up to date by `refresh` just
/// before each scrape, so nothing polls while no one scrapes.
public struct MetricsServer: Sendable {
    let host: String
    let port: Int
    let registry: MetricsRegistry
    let refresh: @Sendable () async -> Void
    let logger: Logger

    /// A server for `registry` on `host:port`; `refresh` runs before every scrape.
    public init(
        host: String, port: Int, registry: MetricsRegistry, logger: Logger, refresh: @escaping @Sendable () async -> Void = {}
    ) {
        self.host = host
        self.port = port
        self.registry = registry
        self.refresh = refresh
        self.logger = logger
    }

    /// Serves until the task is cancelled; `onRunning` runs once the port answers.
    public func run(onRunning: @escaping @Sendable () async -> Void = {}) async throws {
        let router = Router()
        let registry = self.registry
        let refresh = self.refresh
        router.get("/metrics") { _, _ -> Response in
            await refresh()
            return Response(
                status: .ok, headers: [.contentType: MetricsRegistry.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: registry.exposition())))
        }
        // Hummingbird logs the cancellation that ends it at error level; that is kioskd stopping, not a fault, and
        // would fill the technician's "recent errors". A failure to bind still reaches the caller as a thrown error.
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "kioskd-metrics"),
            onServerRunning: { _ in await onRunning() }, logger: serverLogger)
        try await app.runService(gracefulShutdownSignals: [])
    }
}

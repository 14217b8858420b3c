import Foundation
import Hummingbird
import KioskCore
import KioskMetrics
import NIOCore

/// `GET /metrics` for Prometheus: answered only to peers on the loopback interface (the node exporter's
/// scraper on the same machine), 403 for anyone else, so the listener terminals reach does not publish it.
enum MetricsRoute {
    static func add(
        to router: Router<CentralRequestContext>, registry: MetricsRegistry, store: any CentralStore,
        now: @escaping @Sendable () -> Date
    ) {
        let metrics = CentralMetrics(factory: registry.factory)
        router.get("/metrics") { _, context -> Response in
            guard isLoopback(context.channel.remoteAddress) else {
                return Response(status: .forbidden, body: ResponseBody(byteBuffer: ByteBuffer(string: "loopback only\n")))
            }
            // Per-terminal health is the store's; it is read when scraped, not kept up to date in between.
            let at = now()
            if let seen = try? await store.terminalsLastSeen() {
                for (terminal, lastSeen) in seen {
                    metrics.terminal(terminal, lastSyncAgeSeconds: lastSeen.map { max(0, at.timeIntervalSince($0)) }, outboxDepth: nil)
                }
            }
            if let devices = try? await store.deviceHealth() {
                for device in devices {
                    let level: DeviceLevel =
                        switch device.severity {
                        case .ok: .ok
                        case .warning: .warning
                        case .error: .error
                        }
                    metrics.terminalDevice(device.terminal, device: device.device, level: level)
                }
            }
            return Response(
                status: .ok, headers: [.contentType: MetricsRegistry.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: registry.exposition())))
        }
    }

    /// 127.0.0.0/8, ::1 and IPv4-mapped 127.x; a Unix socket peer is local too.
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address else { return false }
        if case .unixDomainSocket = address { return true }
        guard let ip = address.ipAddress else { return false }
        return ip == "::1" || ip.hasPrefix("127.") || ip.hasPrefix("::ffff:127.")
    }
}

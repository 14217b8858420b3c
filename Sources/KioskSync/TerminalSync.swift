public import Foundation
public import KioskCore
public import KioskStore
public import Logging

/// Everything a connected terminal does with the central service, as one long-running task: the outbox
/// pump, keeping number blocks stocked, and pulling the reference snapshot.
public struct TerminalSync: Sendable {
    /// The outbox pump (nudge it after a commit).
    public let pump: OutboxPump
    let supply: NumberSupply
    let store: KioskStore
    let transport: any SyncTransport
    let interval: Duration
    let backoff: Backoff
    let logger: Logger
    let onCatalog: @Sendable (ServiceCatalog) async -> Void
    let onCalls: @Sendable ([CallAnnouncement]) async -> Void
    let deviceHealth: @Sendable () -> [DeviceHealth]
    let lastCall = LastCall()

    /// Creates the sync for a terminal; `onCatalog` receives a catalog from a changed snapshot.
    ///
    /// - Parameter deviceHealth: devices' live states (the printer's polled status); an entry replaces the one
    ///   derived from the store for the same device.
    public init(
        store: KioskStore, transport: any SyncTransport, catalog: ServiceCatalog, blockSize: Int, offlineReserve: Int,
        interval: Duration, logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        onCatalog: @escaping @Sendable (ServiceCatalog) async -> Void,
        onCalls: @escaping @Sendable ([CallAnnouncement]) async -> Void = { _ in },
        deviceHealth: @escaping @Sendable () -> [DeviceHealth] = { [] }
    ) {
        self.onCalls = onCalls
        self.deviceHealth = deviceHealth
        self.store = store
        self.transport = transport
        self.interval = interval
        self.logger = logger
        self.onCatalog = onCatalog
        backoff = Backoff()
        pump = OutboxPump(store: store, transport: transport, interval: interval, logger: logger)
        supply = NumberSupply(
            store: store, transport: transport, catalog: catalog, blockSize: blockSize, offlineReserve: offlineReserve,
            logger: logger, now: now)
    }

    /// Runs until cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pump.run() }
            group.addTask { await maintain() }
            await group.waitForAll()
        }
    }

    /// Numbers and snapshot, every interval, backing off while the central service is unreachable.
    func maintain() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                try await supply.replenish()
                try await pullSnapshot()
                try await transport.reportHealth(try health(at: Date()), terminal: store.terminal)
                try await pullCalls()
                failures = 0
                try? await Task.sleep(for: interval)
            } catch {
                failures += 1
                let delay = backoff.delay(failures: failures, random: Double.random(in: 0...1))
                logger.warning("Central service not reachable", metadata: ["kiosk.error": "\(error)", "kiosk.sync.failures": "\(failures)"])
                try? await Task.sleep(for: .seconds(max(delay, 0.1)))
            }
        }
    }

    /// Fetches calls newer than the last one seen and hands them on (newest last).
    public func pullCalls() async throws {
        let calls = try await transport.calls(after: await lastCall.id)
        guard let newest = calls.last else { return }
        await lastCall.set(newest.id)
        await onCalls(calls)
    }

    /// The terminal's health: the printer by its polled status, else by its last job; the outbox by how old its
    /// oldest unsent event is.
    public func health(at now: Date) throws -> HealthReport {
        let live = deviceHealth()
        var devices: [DeviceHealth] = []
        if let printer = live.first(where: { $0.device == "printer" }) {
            // The status polled now knows more than the last job: paper near end, or a fault fixed since.
            devices.append(printer)
        } else if let outcome = try store.lastPrintOutcome() {
            devices.append(
                outcome.printed
                    ? DeviceHealth(device: "printer", status: "ok", severity: .ok)
                    : DeviceHealth(device: "printer", status: outcome.failure ?? "failed", severity: .error))
        }
        let backlog = try store.backlog()
        let age = backlog.oldestPending.map { now.timeIntervalSince($0) } ?? 0
        devices.append(
            age > 300
                ? DeviceHealth(device: "sync", status: "behind-\(Int(age / 60))-min", severity: .warning)
                : DeviceHealth(device: "sync", status: "ok", severity: .ok))
        devices += live.filter { entry in !devices.contains { $0.device == entry.device } }
        return HealthReport(devices: devices, outboxPending: backlog.pending)
    }

    /// Fetches the snapshot unless unchanged; keeps it in the store and hands a new, valid catalog on.
    public func pullSnapshot() async throws {
        let stored = try store.latestSnapshot()
        switch try await transport.snapshot(terminal: store.terminal, etag: stored?.etag) {
        case .unchanged:
            return
        case let .changed(snapshot, etag):
            let catalog: ServiceCatalog
            do {
                catalog = try ServiceCatalog.parse(yaml: snapshot.catalogYAML, source: "central snapshot")
            } catch {
                // Keep running on the catalog we have; a broken central catalog must not take terminals down.
                logger.error("Central catalog rejected", metadata: ["kiosk.error": "\(error)"])
                return
            }
            try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: etag, at: Date())
            await onCatalog(catalog)
        }
    }
}

/// The id of the newest call a terminal has seen.
actor LastCall {
    var id: Int64 = 0
    func set(_ value: Int64) { id = value }
}

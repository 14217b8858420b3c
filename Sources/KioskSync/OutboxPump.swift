import Foundation
public import KioskCore
public import KioskStore
public import Logging

/// Sends the outbox to the central service in order, in batches, for as long as it runs.
///
/// It never blocks the kiosk: it runs in its own task, reads the store between citizens' transactions and
/// waits with exponential backoff and jitter when the central service is unreachable. Because the outbox is
/// in the database, a restarted terminal simply continues with the first unacknowledged event.
public actor OutboxPump {
    let store: KioskStore
    let transport: any SyncTransport
    let batchSize: Int
    let interval: Duration
    let backoff: Backoff
    let logger: Logger
    var failures = 0
    var wake: CheckedContinuation<Void, Never>?

    /// Creates a pump; `interval` is how often it looks for new events when not nudged.
    public init(
        store: KioskStore, transport: any SyncTransport, batchSize: Int = 100, interval: Duration = .seconds(5),
        backoff: Backoff = Backoff(), logger: Logger
    ) {
        self.store = store
        self.transport = transport
        self.batchSize = batchSize
        self.interval = interval
        self.backoff = backoff
        self.logger = logger
    }

    /// Sends everything pending now; returns how many events the central service acknowledged.
    public func drain() async throws -> Int {
        var acknowledged = 0
        while true {
            let batch = try store.nextBatch(limit: batchSize)
            guard let first = batch.first else { return acknowledged }
            let events = try batch.map { entry in try KioskEvent(jsonData: entry.body) }
            // Sealed signatures and IBANs travel with their events and are deleted by `markSent` once acknowledged.
            let attachments = try store.sealedAttachments(from: first.sequence, through: batch[batch.count - 1].sequence)
            let result = try await transport.send(EventBatch(events: events, attachments: attachments), terminal: store.terminal)
            guard result.appliedThrough >= first.sequence else {
                // The central service has less than we think it should: it may have lost data. Keep the
                // events and stop; they will be offered again, and the mismatch is in the log.
                logger.error(
                    "Central service behind the outbox",
                    metadata: ["kiosk.sync.applied": "\(result.appliedThrough)", "kiosk.sync.first": "\(first.sequence)"])
                throw SyncError(.malformedResponse, detail: "applied-through below the first unsent event")
            }
            try store.markSent(upTo: result.appliedThrough, at: Date())
            acknowledged += batch.filter { $0.sequence <= result.appliedThrough }.count
        }
    }

    /// Wakes the pump early, e.g. right after a ticket was committed.
    public func nudge() {
        wake?.resume()
        wake = nil
    }

    /// Runs until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            do {
                let sent = try await drain()
                if failures > 0 { logger.info("Sync restored", metadata: ["kiosk.sync.failures": "\(failures)"]) }
                failures = 0
                if sent > 0 { logger.debug("Events sent", metadata: ["kiosk.sync.sent": "\(sent)"]) }
                await sleep(interval)
            } catch {
                failures += 1
                let delay = backoff.delay(failures: failures, random: Double.random(in: 0...1))
                logger.warning(
                    "Sync failed, retrying", metadata: ["kiosk.sync.failures": "\(failures)", "kiosk.error": "\(error)", "kiosk.sync.retry-in-s": "\(delay)"])
                try? await Task.sleep(for: .seconds(delay))
            }
        }
    }

    /// Sleeps for `duration` or until nudged or cancelled.
    func sleep(_ duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { await self.waitForNudge() }
            await group.next()
            group.cancelAll()
            self.nudge()
        }
    }

    func waitForNudge() async {
        await withCheckedContinuation { continuation in
            wake?.resume()
            wake = continuation
        }
    }
}

public import Foundation
public import KioskStore
public import Logging

/// Deletes the terminal's personal data once central has acknowledged it and the retention time has passed,
/// at start and then periodically (kioskd runs one).
public struct RetentionJob: Sendable {
    let store: KioskStore
    let days: Int
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    /// A job keeping acknowledged personal data `days` days, running every `interval`.
    public init(store: KioskStore, days: Int, interval: Duration = .seconds(3600), logger: Logger, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.days = days
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    /// The oldest acknowledgement time whose data is kept at `instant`.
    public func cutoff(at instant: Date) -> Date { instant.addingTimeInterval(-Double(days) * 86_400) }

    /// One run; counts go to the log, never contents. A failed run (e.g. a full disk) is logged and retried later.
    @discardableResult
    public func runOnce() -> RetentionReport? {
        do {
            let report = try store.deletePersonalData(acknowledgedBefore: cutoff(at: now()))
            if report.deletedAnything || !report.walTruncated {
                logger.info(
                    "Retention run deleted acknowledged personal data",
                    metadata: [
                        "kiosk.retention.outbox-events": "\(report.outboxEvents)", "kiosk.retention.check-ins": "\(report.checkIns)",
                        "kiosk.retention.signatures": "\(report.signatures)",
                        "kiosk.retention.snapshot-appointments": "\(report.snapshotAppointments)",
                        "kiosk.retention.wal-truncated": "\(report.walTruncated)",
                    ])
            }
            return report
        } catch {
            logger.warning("Retention run failed; retried at the next run", metadata: ["kiosk.error": "\(error)"])
            return nil
        }
    }

    /// Runs at once and then every `interval` until cancelled.
    public func run() async {
        while !Task.isCancelled {
            runOnce()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}

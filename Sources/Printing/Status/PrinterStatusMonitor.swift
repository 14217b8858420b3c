import Foundation
import KioskCore
public import Logging

/// Asks the printer for its state on a schedule and keeps the latest answer for the health report.
///
/// Paper near end is only ever seen this way: a job still prints, so nothing else would notice before the
/// roll is empty. Changes are logged once, not every round.
public final class PrinterStatusMonitor: Sendable {
    let printer: any ManagedPrinter
    let interval: Duration
    let logger: Logger
    private let box = LatestStatus()

    /// A monitor asking `printer` every `interval`.
    public init(printer: any ManagedPrinter, interval: Duration, logger: Logger) {
        self.printer = printer
        self.interval = interval
        self.logger = logger
    }

    /// The last status read; nil before the first round.
    public var latest: PrinterStatus? { box.value }

    /// Reads the status now, keeps it and logs a change.
    @discardableResult
    public func refresh() async -> PrinterStatus {
        let status = await printer.status()
        let previous = box.exchange(status)
        if previous?.conditions != status.conditions {
            let metadata: Logger.Metadata = ["kiosk.printer": "\(printer.identifier)", "kiosk.printer.status": "\(status)"]
            switch status.severity {
            case .ok: logger.info("Printer ready", metadata: metadata)
            case .warning: logger.warning("Printer needs attention", metadata: metadata)
            case .error: logger.error("Printer cannot print", metadata: metadata)
            }
        }
        return status
    }

    /// Refreshes every `interval` until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            await refresh()
            try? await Task.sleep(for: interval)
        }
    }
}

/// The monitor's last reading, read synchronously by the health report.
final class LatestStatus: @unchecked Sendable {
    // @unchecked: `status` is only touched under `lock`.
    private let lock = NSLock()
    private var status: PrinterStatus?

    var value: PrinterStatus? { lock.withLock { status } }

    func exchange(_ new: PrinterStatus) -> PrinterStatus? {
        lock.withLock {
            defer { status = new }
            return status
        }
    }
}

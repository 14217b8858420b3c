public import Foundation
public import KioskCore
public import KioskStore

/// What `kioskctl status` shows: terminal, today's queues, leases and the outbox backlog. No personal data.
public struct StatusReport: Sendable, Codable, Equatable {
    /// One queue's line.
    public struct QueueLine: Sendable, Codable, Equatable {
        /// Queue id.
        public var queue: String
        /// Prefix.
        public var prefix: String
        /// Tickets issued today.
        public var issued: Int
        /// Last number issued, as printed.
        public var lastNumber: String?
        /// Numbers left in the terminal's leases.
        public var numbersLeft: Int
        /// Printouts that failed.
        public var printFailures: Int
    }

    /// Terminal id.
    public var terminal: String
    /// The business day reported.
    public var day: String
    /// Per queue.
    public var queues: [QueueLine]
    /// Events not yet acknowledged by the central service.
    public var outboxPending: Int
    /// Time of the oldest pending event.
    public var outboxOldestPending: Date?
    /// Highest event sequence recorded.
    public var lastSequence: Int64

    /// Reads the report for `day` (the site's business day) from the store.
    public static func read(store: KioskStore, catalog: ServiceCatalog, day: BusinessDay) throws(StoreError) -> StatusReport {
        let counts = try store.queueCounts(day: day)
        let leases = try store.leases(day: day)
        let backlog = try store.backlog()
        let queues = catalog.queues.map { queue in
            let count = counts.first { $0.queue == queue.id }
            return QueueLine(
                queue: queue.id.rawValue, prefix: queue.prefix, issued: count?.issued ?? 0,
                lastNumber: count.map { TicketNumber(prefix: queue.prefix, value: $0.highestNumber).display },
                numbersLeft: leases.filter { $0.block.queue == queue.id }.map(\.remaining).reduce(0, +),
                printFailures: count?.printFailures ?? 0)
        }
        return StatusReport(
            terminal: store.terminal.rawValue, day: day.iso, queues: queues, outboxPending: backlog.pending,
            outboxOldestPending: backlog.oldestPending, lastSequence: backlog.lastSequence)
    }

    /// Plain-text table for a technician.
    public var text: String {
        var lines = [
            "Terminal:  \(terminal)",
            "Tag/day:   \(day)",
            "",
            "Queue            Prefix  Issued  Last    Left  Print failures",
        ]
        for queue in queues {
            lines.append(
                queue.queue.padding(toLength: 16, withPad: " ", startingAt: 0) + " "
                    + queue.prefix.padding(toLength: 7, withPad: " ", startingAt: 0) + " "
                    + String(queue.issued).padding(toLength: 7, withPad: " ", startingAt: 0) + " "
                    + (queue.lastNumber ?? "-").padding(toLength: 7, withPad: " ", startingAt: 0) + " "
                    + String(queue.numbersLeft).padding(toLength: 5, withPad: " ", startingAt: 0) + " "
                    + String(queue.printFailures))
        }
        lines.append("")
        let oldest = outboxOldestPending.map { " (oldest \($0.formatted(.iso8601)))" } ?? ""
        lines.append("Outbox:    \(outboxPending) pending\(oldest), last sequence \(lastSequence)")
        return lines.joined(separator: "\n")
    }
}

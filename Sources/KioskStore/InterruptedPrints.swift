public import Foundation
import GRDB
import KioskCore

extension KioskStore {
    /// The reason recorded for a print that was still running when the daemon stopped (kill, crash, power cut).
    public static let interruptedPrintReason = "interrupted"

    /// Closes the prints that never got an outcome: every ticket still `pending` is recorded as failed with
    /// `interruptedPrintReason` and its `ticket.print-failed` event, in one transaction. Call once at start-up,
    /// before the first ticket of this run is issued.
    ///
    /// Why failed and not printed again: the ticket is committed and its number was on screen; whether the paper
    /// came out is unknown (the job may have reached the printer), so printing it again risks two slips for one
    /// number, and leaving it pending would hide the gap from central and `kioskctl status`.
    /// - Returns: how many tickets were closed.
    @discardableResult
    public func closeInterruptedPrints(printer: String, at now: Date) throws(StoreError) -> Int {
        let terminal = self.terminal
        let reason = Self.interruptedPrintReason
        return try storeOperation("close interrupted prints") {
            try pool.write { db in
                let pending = try String.fetchAll(db, sql: "SELECT id FROM ticket WHERE print_state = 'pending' ORDER BY issued_at_ms, number")
                for id in pending {
                    guard let ticket = UUID(uuidString: id) else { continue }
                    try db.cachedStatement(sql: "UPDATE ticket SET print_state = 'failed', print_failure = ? WHERE id = ?")
                        .execute(arguments: [reason, id])
                    _ = try Self.append(
                        db, terminal: terminal, id: UUID(), time: now,
                        payload: .ticketPrintFailed(ticket: ticket, printer: printer, reason: reason))
                }
                return pending.count
            }
        }
    }
}

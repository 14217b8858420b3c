public import KioskCore

/// Why a CUPS print job or status request failed; the description says what to do, in German and English.
///
/// A struct around a private enum, so that cases can be added without breaking callers; `reason` is the stable
/// code that goes into the print event and the health report.
public struct CUPSError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        /// No connection to cupsd.
        case serverUnreachable(server: String, detail: String)
        /// The connection broke off during a request.
        case connectionLost(operation: String, detail: String)
        /// The queue does not exist on that server.
        case queueMissing(queue: String)
        /// The queue exists but rejects jobs (cupsreject) or is stopped (cupsdisable).
        case queueStopped(queue: String, detail: String)
        /// The printer itself is not ready (paper, cover, offline), seen directly or through CUPS.
        case printerNotReady(PrinterStatus)
        /// The job did not complete in time; it was cancelled so that it cannot print later.
        case timedOut(job: Int32, seconds: Int)
        /// The job was cancelled or aborted by someone else or by CUPS.
        case jobEnded(job: Int32, state: String, detail: String)
        /// Any other IPP error, with the library's own message.
        case ipp(operation: String, status: Int32, detail: String)
        /// The kiosk stopped following the job (shutting down); the job stays in CUPS and prints.
        case interrupted(job: Int32)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The stable reason code, e.g. "media-empty", "cover-open", "offline", "cups-unreachable".
    public var reason: String {
        switch kind {
        case .serverUnreachable, .connectionLost: "cups-unreachable"
        case .queueMissing: "queue-missing"
        case .queueStopped: "stopped"
        case .printerNotReady(let status): status.blocking?.rawValue ?? "offline"
        case .timedOut: "offline"
        case .jobEnded: "job-aborted"
        case .ipp: "cups-error"
        case .interrupted: "interrupted"
        }
    }

    /// The printer's state when it refused the job, if that was the cause.
    public var printerStatus: PrinterStatus? {
        if case .printerNotReady(let status) = kind { return status }
        return nil
    }

    /// For the citizen: short, what happened; the ticket number stays on screen.
    public var printFailure: PrintFailure {
        if case .printerNotReady(let status) = kind, let failure = status.failure { return failure }
        return PrintFailure(
            reason: reason,
            message: Message(key: "printer.notReady", de: "Der Drucker ist gerade nicht bereit.", en: "The printer is not ready at the moment."))
    }

    /// For the technician and the log: what happened and what to do. Job names and contents never appear.
    public var description: String {
        switch kind {
        case let .serverUnreachable(server, detail):
            "CUPS-Server \(server) nicht erreichbar (\(detail)) – läuft cupsd? `systemctl status cups`, Adresse in terminal.yaml prüfen / CUPS server not reachable – is cupsd running? Check the address in terminal.yaml"
        case let .connectionLost(operation, detail):
            "Verbindung zu CUPS bei \(operation) abgebrochen (\(detail)) – cupsd-Protokoll prüfen / connection to CUPS lost during \(operation) – check the cupsd error log"
        case .queueMissing(let queue):
            "Druckerwarteschlange '\(queue)' gibt es nicht – mit `lpadmin -p \(queue) -E -v socket://DRUCKER:9100 -m raw` anlegen / the queue does not exist – create it with lpadmin"
        case let .queueStopped(queue, detail):
            "Warteschlange '\(queue)' ist angehalten oder nimmt keine Aufträge an (\(detail)) – Ursache beheben, dann `cupsenable \(queue)` und `cupsaccept \(queue)` / the queue is stopped or rejects jobs – fix the cause, then cupsenable and cupsaccept"
        case .printerNotReady(let status):
            "Drucker nicht bereit: \(status) – \(Self.advice(status)) / printer not ready: \(status)"
        case let .timedOut(job, seconds):
            "Auftrag \(job) nach \(seconds) s nicht gedruckt und abgebrochen – Drucker erreichbar? `lpstat -l -p` / job not printed within \(seconds) s and cancelled – is the printer reachable?"
        case let .jobEnded(job, state, detail):
            "Auftrag \(job) wurde beendet (\(state)\(detail.isEmpty ? "" : ": " + detail)) – cupsd-Protokoll prüfen / the job ended without printing – check the cupsd error log"
        case let .ipp(operation, status, detail):
            "CUPS-Fehler bei \(operation): 0x\(String(status, radix: 16)) \(detail) / CUPS error during \(operation)"
        case .interrupted(let job):
            "Auftrag \(job) nicht bis zum Ende verfolgt (kioskd endet); er bleibt in CUPS / job \(job) not followed to its end (kioskd stopping); it stays in CUPS"
        }
    }

    private static func advice(_ status: PrinterStatus) -> String {
        switch status.blocking {
        case .paperEnd?: "Papierrolle einlegen / load a paper roll"
        case .coverOpen?: "Klappe schließen / close the cover"
        case .stopped?: "Warteschlange freigeben (cupsenable) / enable the queue"
        case .error?: "Drucker aus- und einschalten, Papierstau prüfen / power-cycle the printer, check for a jam"
        default: "Strom, Kabel und Netzwerk prüfen / check power, cable and network"
        }
    }
}

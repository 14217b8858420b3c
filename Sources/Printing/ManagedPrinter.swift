import Foundation
public import KioskCore

/// A ticket printer that can also say how it is and print any document: what health reports and the
/// technician's `kioskctl print` need beyond the ticket flow's port.
public protocol ManagedPrinter: TicketPrinting {
    /// The model the bytes are encoded for.
    var profile: PrinterProfile { get }
    /// The printer's state now; never throws: an unreachable printer is a state, not an error.
    func status() async -> PrinterStatus
    /// Prints a whole document and says where it went (e.g. "CUPS job 12 on ticket"); throws what went wrong,
    /// described for a technician. Calls with the same `jobName` are one job: a printer may print it only once.
    func printDocument(_ document: PrintDocument, jobName: String) async throws -> String
}

extension EmulatedTicketPrinter: ManagedPrinter {
    /// The simulated fault as a status; ok otherwise.
    public func status() async -> PrinterStatus {
        guard let failure = simulatedFailure else { return .ok }
        return PrinterStatus(conditions: [PrinterStatus.Condition(rawValue: failure.reason) ?? .error])
    }

    /// Appends the document's bytes to the output file.
    public func printDocument(_ document: PrintDocument, jobName: String) async throws -> String {
        if let failure = simulatedFailure { throw failure }
        try append(ESCPOSEncoder(profile: profile).encode(document))
        return "\(output.path)"
    }
}

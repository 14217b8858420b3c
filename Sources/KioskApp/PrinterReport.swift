import KioskCore
public import Printing

/// What `kioskctl print status` shows: which printer, its state and what to do. No personal data.
public struct PrinterReport: Sendable, Encodable {
    /// E.g. "cups:ticket" or "emulated:printer.bin".
    public var printer: String
    /// The catalog profile id.
    public var profile: String
    /// The state.
    public var status: PrinterStatus

    /// A report for `printer` as it is now.
    public init(printer: any ManagedPrinter, status: PrinterStatus) {
        self.printer = printer.identifier
        self.profile = printer.profile.id
        self.status = status
    }

    /// Plain text for a technician, German and English.
    public var text: String {
        var lines = [
            "Drucker/printer: \(printer) (\(profile))",
            "Status:          \(status) (\(status.severity.rawValue))",
        ]
        for condition in status.conditions {
            lines.append("  \(condition.message[.german]) / \(condition.message[.english])")
        }
        if !status.details.isEmpty {
            lines.append("Details:")
            lines += status.details.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

import KioskCore
public import Logging
public import Printing

/// Builds the printer a terminal's `printer:` section names: the emulated twin or a CUPS queue.
public enum PrinterSetup {
    /// The configured printer and a monitor polling its status at the configured interval.
    public static func printer(for loaded: SiteLoader.Loaded, logger: Logger) -> (any ManagedPrinter, PrinterStatusMonitor) {
        let settings = loaded.settings.configuration.printer
        let printer: any ManagedPrinter
        switch settings.kind {
        case "cups":
            // The configuration parser has checked the endpoints and that a queue is given.
            let server = NetworkEndpoint(settings.server, defaultPort: 631) ?? NetworkEndpoint(host: "localhost", port: 631)
            var status = settings.status.flatMap { NetworkEndpoint($0, defaultPort: 9100) }
            if status != nil, !loaded.printerProfile.supportsRealTimeStatus {
                // The catalog says this model does not answer DLE EOT: asking would only ever read "offline".
                logger.warning(
                    "Printer model has no real-time status, status port not used",
                    metadata: ["kiosk.printer.profile": "\(loaded.printerProfile.id)"])
                status = nil
            }
            printer = CUPSPrinter(
                settings: CUPSPrinterSettings(
                    server: server, queue: settings.queue ?? "ticket", directStatus: status,
                    jobTimeout: .seconds(settings.jobTimeoutSeconds)),
                profile: loaded.printerProfile, logger: logger)
        default:
            printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        }
        let monitor = PrinterStatusMonitor(printer: printer, interval: .seconds(settings.statusIntervalSeconds), logger: logger)
        return (printer, monitor)
    }
}

import Foundation
import Devices
public import KioskCore
public import Logging
import USBDevices

/// Builds the scanner a terminal's `scanner:` section names: the emulated twin or a USB driver from the catalog.
public enum ScannerSetup {
    /// A running scanner and how to release it when the kiosk stops.
    public struct Running: Sendable {
        /// The scanner's events for the kiosk loop.
        public let scanner: any BarcodeScanning
        /// Releases the device (the USB interface, or the pipe); call once on shutdown.
        public let shutdown: @Sendable () -> Void
    }

    /// The configured scanner, nil when the terminal has none; a scanner that cannot be set up is logged and left
    /// out: the kiosk still issues tickets without it, and a technician sees the reason in the log.
    public static func scanner(for choice: SiteLoader.ScannerChoice?, logger: Logger) -> Running? {
        switch choice {
        case nil:
            return nil
        case .emulated(let fifo)?:
            do {
                let scanner = try EmulatedScanner(fifo: fifo.path)
                return Running(scanner: scanner, shutdown: { scanner.shutdown() })
            } catch {
                logger.error("Scanner not set up", metadata: ["kiosk.device": "emulated", "kiosk.error": "\(error)"])
                return nil
            }
        case .usb(let model)?:
            do {
                let driver = try ScannerFactory.make(model: model, logger: logger)
                return Running(scanner: driver, shutdown: { driver.shutdown() })
            } catch {
                logger.error("Scanner not set up", metadata: ["kiosk.device": "\(model.id)", "kiosk.error": "\(error)"])
                return nil
            }
        }
    }
}

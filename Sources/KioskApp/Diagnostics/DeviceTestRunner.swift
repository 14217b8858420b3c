import CardReader
import Devices
public import Foundation
import KioskCore
public import Logging
import Printing
import USBDevices

/// The device tests `kioskctl diag --test` names, each run on a device opened from the terminal's configuration
/// and released afterwards. A device kioskd holds (its USB scanner, its pad) is busy then: the technician menu on
/// the kiosk runs the same tests on kioskd's own devices.
public enum DeviceTestRunner {
    /// The tests by name.
    public enum Kind: String, Sendable, CaseIterable {
        /// A test page.
        case printer
        /// One scan.
        case scanner
        /// One signature on the pad.
        case signature
        /// One card on a reader.
        case card
    }

    /// Runs one test; `within` bounds the waiting tests (scanner, signature, card).
    public static func run(_ kind: Kind, loaded: SiteLoader.Loaded, within: Duration, logger: Logger) async -> DeviceTestResult {
        switch kind {
        case .printer:
            return await DeviceTests.printer(PrinterSetup.printer(for: loaded, logger: logger).0, at: Date())
        case .scanner:
            guard let running = ScannerSetup.scanner(for: loaded.scanner, logger: logger) else {
                return DeviceTestResult(
                    kind: "scanner", passed: false,
                    Message(
                        de: "Kein Scanner konfiguriert oder nicht zu öffnen (siehe Log).",
                        en: "No scanner configured, or it cannot be opened (see the log)."))
            }
            defer { running.shutdown() }
            return await DeviceTests.scanner(running.scanner, within: within)
        case .signature:
            let pads = loaded.devices.models.values.filter { $0.kind == .signaturePad }.sorted { $0.id < $1.id }
            let seen = (try? USBInventory.list()) ?? []
            guard let model = pads.first(where: { pad in seen.contains { $0.vendor == pad.usb?.vendor && $0.product == pad.usb?.product } })
            else {
                return DeviceTestResult(
                    kind: "signature", passed: false, Message(de: "Kein Unterschriftenpad am USB.", en: "No signature pad on USB."))
            }
            do {
                let driver = try WacomSTUDriver.open(model: model, logger: logger) { prompt, layout in
                    SignaturePromptImage.render(prompt, layout: layout)
                }
                defer { driver.shutdown() }
                return await DeviceTests.signature(driver, within: within)
            } catch {
                return DeviceTestResult(kind: "signature", passed: false, error.problem)
            }
        case .card:
            let monitor = PCSCMonitor(logger: logger)
            defer { monitor.shutdown() }
            return await DeviceTests.card(monitor, within: within)
        }
    }
}

public import Devices
import KioskCore
public import Logging

/// Picks and starts the driver for a scanner from its catalog entry (the entry's `scanner.mode` decides, never
/// the model's name).
public enum ScannerFactory {
    /// The driver for catalog model `id`.
    public static func make(catalog: DeviceCatalog, model id: String, logger: Logger) throws(ScannerSetupError)
        -> USBScannerDriver
    {
        guard let model = catalog.models[id] else {
            throw ScannerSetupError(
                problem: Message(de: "Kein Katalogeintrag '\(id)'.", en: "No catalog entry '\(id)'."))
        }
        return try make(model: model, logger: logger)
    }

    /// The driver for one catalog entry; both modes are read over libusb by `USBScannerDriver`, which the caller
    /// shuts down when the terminal stops.
    public static func make(model: DeviceModel, logger: Logger) throws(ScannerSetupError) -> USBScannerDriver {
        try USBScannerDriver.open(model: model, logger: logger)
    }
}

import Devices
public import KioskCore

/// What the driver needs from a catalog entry, checked once: ids as numbers, interface, endpoint, mode.
struct USBTarget: Sendable {
    /// The largest interrupt report a scanner sends (HID POS full-speed reports are 64 bytes).
    static let maximumReportLength = 64

    let vendor: UInt16
    let product: UInt16
    let interface: Int
    let endpoint: UInt8
    let mode: ScannerCapabilities.Mode
    let layout: ScannerCapabilities.KeyboardLayout?
    let enableCommand: [UInt8]?

    init(model: DeviceModel) throws(ScannerSetupError) {
        guard model.kind == .scanner, let scanner = model.scanner else {
            throw ScannerSetupError(
                problem: Message(
                    de: "Der Katalogeintrag '\(model.id)' ist kein Scanner.", en: "Catalog entry '\(model.id)' is not a scanner."))
        }
        guard let usb = model.usb, let vendor = UInt16(usb.vendor, radix: 16), let product = UInt16(usb.product, radix: 16) else {
            throw ScannerSetupError(
                problem: Message(
                    de: "Der Katalogeintrag '\(model.id)' hat keine USB-Kennung.", en: "Catalog entry '\(model.id)' has no USB id."))
        }
        self.vendor = vendor
        self.product = product
        interface = scanner.interface
        endpoint = scanner.endpoint
        mode = scanner.mode
        layout = scanner.layout
        enableCommand = scanner.enableCommand?.isEmpty == false ? scanner.enableCommand : nil
    }
}

/// A scanner could not be set up from its catalog entry, or libusb could not start.
public struct ScannerSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do, in German and English.
    public let problem: Message
    /// The libusb error behind it, if any.
    public let usb: USBError?

    init(problem: Message) {
        self.problem = problem
        usb = nil
    }

    init(usb: USBError) {
        problem = usb.message
        self.usb = usb
    }

    public var description: String { usb?.description ?? problem.description }
}

import CLibUSB
public import KioskCore

/// A libusb call failed: which call, libusb's name for the code, and what a technician can do about it.
///
/// Every libusb return code passes through `USBError.check`, the one place that turns codes into errors.
public struct USBError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case noDevice, access, busy, notFound, timeout, notSupported, io, pipe, overflow, noMemory, invalidParameter
        case other
    }

    private let kind: Kind
    /// The libusb return code (negative).
    public let code: Int32
    /// The libusb function that returned it.
    public let operation: String
    /// libusb's own name for the code, e.g. "LIBUSB_ERROR_ACCESS".
    public let name: String

    /// True when the device is gone (unplugged): wait for it to come back rather than report a fault.
    public var isDeviceGone: Bool { kind == .noDevice || kind == .notFound }

    /// What happened and what to do, in German and English.
    public var message: Message {
        switch kind {
        case .noDevice, .notFound:
            Message(de: "Der Scanner ist nicht angeschlossen. Bitte das USB-Kabel prüfen.", en: "The scanner is not connected. Check the USB cable.")
        case .access:
            Message(
                de: "Keine Berechtigung für den Scanner. Bitte die udev-Regeln des Kiosks installieren.",
                en: "No permission for the scanner. Install the kiosk's udev rules.")
        case .busy:
            Message(
                de: "Ein anderes Programm belegt den Scanner. Bitte dieses beenden oder den Scanner neu einstecken.",
                en: "Another program holds the scanner. Stop it or replug the scanner.")
        case .timeout, .io, .pipe, .overflow:
            Message(
                de: "Die USB-Übertragung zum Scanner ist gestört. Bitte den Scanner neu einstecken.",
                en: "USB transfer to the scanner failed. Replug the scanner.")
        case .notSupported:
            Message(
                de: "Der Scanner unterstützt diese Funktion nicht. Bitte den Katalogeintrag prüfen.",
                en: "The scanner does not support this. Check its catalog entry.")
        case .noMemory:
            Message(de: "Zu wenig Speicher. Bitte das Terminal neu starten.", en: "Out of memory. Restart the terminal.")
        case .invalidParameter, .other:
            Message(
                de: "Unerwarteter USB-Fehler. Bitte das Diagnosepaket an den Support senden.",
                en: "Unexpected USB error. Send the diagnostic bundle to support.")
        }
    }

    public var description: String { "\(operation): \(name) (\(code)) — \(message)" }

    private init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
        name = String(cString: libusb_error_name(code))
        kind =
            switch code {
            case LIBUSB_ERROR_NO_DEVICE.rawValue: .noDevice
            case LIBUSB_ERROR_ACCESS.rawValue: .access
            case LIBUSB_ERROR_BUSY.rawValue: .busy
            case LIBUSB_ERROR_NOT_FOUND.rawValue: .notFound
            case LIBUSB_ERROR_TIMEOUT.rawValue: .timeout
            case LIBUSB_ERROR_NOT_SUPPORTED.rawValue: .notSupported
            case LIBUSB_ERROR_IO.rawValue: .io
            case LIBUSB_ERROR_PIPE.rawValue: .pipe
            case LIBUSB_ERROR_OVERFLOW.rawValue: .overflow
            case LIBUSB_ERROR_NO_MEM.rawValue: .noMemory
            // A bad parameter is our bug, but it must not take the terminal down with it: it is reported like
            // any other fault (swift-nio would trap here; a kiosk keeps its other devices running).
            case LIBUSB_ERROR_INVALID_PARAM.rawValue: .invalidParameter
            default: .other
            }
    }

    /// Returns `result` when it is not negative, throws the error it stands for otherwise.
    @discardableResult
    static func check(_ result: Int32, _ operation: StaticString) throws(USBError) -> Int32 {
        guard result < 0 else { return result }
        throw USBError(code: result, operation: "\(operation)")
    }

    /// The error a finished transfer's status stands for: NO_DEVICE for an unplugged scanner, IO otherwise.
    static func transfer(_ status: libusb_transfer_status, _ operation: StaticString = "interrupt transfer") -> USBError {
        let code =
            switch status {
            case LIBUSB_TRANSFER_NO_DEVICE: LIBUSB_ERROR_NO_DEVICE.rawValue
            case LIBUSB_TRANSFER_TIMED_OUT: LIBUSB_ERROR_TIMEOUT.rawValue
            case LIBUSB_TRANSFER_STALL: LIBUSB_ERROR_PIPE.rawValue
            default: LIBUSB_ERROR_IO.rawValue
            }
        return USBError(code: code, operation: "\(operation)")
    }
}

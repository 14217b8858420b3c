import Foundation
import Devices
public import KioskCore
public import Logging
import Printing
import USBDevices

/// Builds the signature pad a terminal's `signaturePad:` section names.
public enum SignaturePadSetup {
    /// A running pad and how to release it when the kiosk stops.
    public struct Running: Sendable {
        /// The pad.
        public let pad: any SignatureCapturing
        /// Releases the device; call once on shutdown.
        public let shutdown: @Sendable () -> Void
    }

    /// The configured pad, nil when there is none or it cannot be set up (logged): the kiosk then offers no SEPA
    /// mandate but everything else.
    public static func pad(for choice: SiteLoader.SignaturePadChoice?, logger: Logger) -> Running? {
        guard let choice else { return nil }
        switch choice.pad {
        case .emulated(let control):
            let pad = EmulatedSignaturePad(captures: [], control: control)
            return Running(pad: pad, shutdown: {})
        case .usb(let model):
            do {
                let driver = try WacomSTUDriver.open(model: model, logger: logger) { prompt, layout in
                    SignaturePromptImage.render(prompt, layout: layout)
                }
                return Running(pad: driver, shutdown: { driver.shutdown() })
            } catch {
                logger.error("Signature pad not set up", metadata: ["kiosk.device": "\(model.id)", "kiosk.error": "\(error)"])
                return nil
            }
        }
    }
}

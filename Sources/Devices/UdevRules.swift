/// The udev rules for the catalog's devices that kioskd drives itself over libusb (scanners, signature pads):
/// group `kiosk` may open them, and each gets a stable name under `/dev/kiosk/`.
///
/// Printers get no rule on purpose: CUPS owns them (its USB backend runs as root), so the kiosk user needs no
/// access to their device nodes. The file is generated (`kioskctl udev-rules`), never edited by hand; a test
/// checks that the committed `udev/70-rathaus-kiosk.rules` equals what the catalog gives.
public enum UdevRules {
    /// The file name under `udev/` and `/etc/udev/rules.d/`.
    public static let fileName = "70-rathaus-kiosk.rules"

    /// The rules text for `catalog`, sorted by model id so that the output is stable.
    public static func render(_ catalog: DeviceCatalog) -> String {
        var lines = [
            "# RathausKiosk: access for the kiosk user to the devices it drives over libusb, and stable names.",
            "# Generated from the Devices/ catalog by `kioskctl udev-rules`; do not edit. Printers are CUPS's.",
            "",
        ]
        let driven = catalog.models.values
            .filter { $0.kind == .scanner || $0.kind == .signaturePad }
            .sorted { $0.id < $1.id }
        for model in driven {
            guard let usb = model.usb else { continue }
            lines.append("# \(model.name) (\(model.kind.rawValue))")
            // The usb_device node (/dev/bus/usb/BBB/DDD) is what libusb opens; the kernel's HID driver is
            // detached by the driver when it claims the interface.
            lines.append(
                "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", ATTR{idVendor}==\"\(usb.vendor)\", "
                    + "ATTR{idProduct}==\"\(usb.product)\", GROUP=\"kiosk\", MODE=\"0660\", "
                    + "SYMLINK+=\"kiosk/\(model.kind.rawValue)-\(model.id)\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import CLibUSB

/// One USB device on the bus, by its ids and position only (no serial number, no strings read from it).
public struct USBDeviceSeen: Hashable, Sendable, Codable {
    /// Vendor id, four lowercase hex digits.
    public var vendor: String
    /// Product id, four lowercase hex digits.
    public var product: String
    /// Bus number.
    public var bus: Int
    /// Device address on its bus.
    public var address: Int
}

/// The USB devices libusb sees now: what `kioskctl diag` matches against the `Devices/` catalog.
public enum USBInventory {
    /// Lists every device; opens none of them, so it works while kioskd holds its scanner and pad.
    public static func list() throws(USBError) -> [USBDeviceSeen] {
        var context: OpaquePointer?
        try USBError.check(libusb_init(&context), "libusb_init")
        defer { libusb_exit(context) }
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = try USBError.check(Int32(truncatingIfNeeded: libusb_get_device_list(context, &list)), "libusb_get_device_list")
        guard count > 0, let list else { return [] }
        defer { libusb_free_device_list(list, 1) }
        var seen: [USBDeviceSeen] = []
        for index in 0..<Int(count) {
            guard let device = list[index] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0 else { continue }
            seen.append(
                USBDeviceSeen(
                    vendor: hex(descriptor.idVendor), product: hex(descriptor.idProduct),
                    bus: Int(libusb_get_bus_number(device)), address: Int(libusb_get_device_address(device))))
        }
        return seen.sorted { ($0.bus, $0.address) < ($1.bus, $1.address) }
    }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

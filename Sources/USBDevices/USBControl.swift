import CLibUSB

/// The libusb steps every USB driver here shares: finding a device by its ids, opening and claiming it, HID
/// feature reports over the control endpoint. Call these only on the thread that owns the context and handle.
enum USBControl {
    /// A referenced device with these ids (the caller unrefs it), or nil when none is plugged in.
    static func findDevice(_ context: OpaquePointer?, vendor: UInt16, product: UInt16) -> OpaquePointer? {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count > 0, let list else { return nil }
        defer { libusb_free_device_list(list, 1) }
        for index in 0..<count {
            guard let device = list[index] else { continue }
            var descriptor = libusb_device_descriptor()
            guard libusb_get_device_descriptor(device, &descriptor) == 0,
                descriptor.idVendor == vendor, descriptor.idProduct == product
            else { continue }
            return libusb_ref_device(device)
        }
        return nil
    }

    /// Opens `device` and claims `interface`; on failure nothing stays open.
    static func openAndClaim(_ device: OpaquePointer, interface: Int) throws(USBError) -> OpaquePointer {
        var handle: OpaquePointer?
        try USBError.check(libusb_open(device, &handle), "libusb_open")
        do {
            let number = Int32(interface)
            // Detach only when a kernel driver (usbhid) really holds the interface: auto-detach then gives it
            // back on release. Asking unconditionally fails where detaching is not possible (e.g. under umockdev).
            if try USBError.check(libusb_kernel_driver_active(handle, number), "libusb_kernel_driver_active") == 1 {
                try USBError.check(libusb_set_auto_detach_kernel_driver(handle, 1), "libusb_set_auto_detach_kernel_driver")
            }
            try USBError.check(libusb_claim_interface(handle, number), "libusb_claim_interface")
        } catch {
            libusb_close(handle)
            throw error
        }
        return handle!
    }

    /// Releases the interface and closes the handle; after an unplug the release fails, which is fine.
    static func close(_ handle: OpaquePointer, interface: Int) {
        _ = libusb_release_interface(handle, Int32(interface))
        libusb_close(handle)
    }

    /// HID SET_REPORT of a feature report (bmRequestType 21, bRequest 09); the first byte is the report id.
    static func setFeatureReport(_ handle: OpaquePointer?, interface: Int, _ report: [UInt8]) throws(USBError) {
        var bytes = report
        let result = bytes.withUnsafeMutableBufferPointer { pointer in
            libusb_control_transfer(
                handle, 0x21, 0x09, UInt16(0x0300) | UInt16(report[0]), UInt16(interface), pointer.baseAddress,
                UInt16(pointer.count), 1000)
        }
        try USBError.check(result, "libusb_control_transfer")
    }

    /// HID GET_REPORT of feature report `id` (bmRequestType A1, bRequest 01): at most `length` bytes, id first.
    ///
    /// Submitted asynchronously with the IN bit set on endpoint 0. The kernel sets that bit itself for every
    /// device-to-host control request (usbfs `proc_do_submiturb`), so real devices see the same URB; umockdev's
    /// URB replay copies answer data back only into URBs whose endpoint has the IN bit, and a synchronous
    /// `libusb_control_transfer` leaves it clear. Must run on the thread that handles the context's events.
    static func getFeatureReport(
        _ context: OpaquePointer?, _ handle: OpaquePointer?, interface: Int, id: UInt8, length: Int
    ) throws(USBError) -> [UInt8] {
        let setupSize = 8  // LIBUSB_CONTROL_SETUP_SIZE, a sizeof macro Swift does not import
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: setupSize + length)
        // Zeroed: the data stage is never compared, but no uninitialised memory goes to the kernel either.
        buffer.initialize(repeating: 0, count: setupSize + length)
        defer { buffer.deallocate() }
        libusb_fill_control_setup(buffer, 0xA1, 0x01, UInt16(0x0300) | UInt16(id), UInt16(interface), UInt16(length))
        guard let transfer = libusb_alloc_transfer(0) else {
            try USBError.check(LIBUSB_ERROR_NO_MEM.rawValue, "libusb_alloc_transfer")
            return []
        }
        defer { libusb_free_transfer(transfer) }
        let done = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        done.initialize(to: 0)
        defer { done.deallocate() }
        libusb_fill_control_transfer(transfer, handle, buffer, { transfer in
            transfer?.pointee.user_data?.assumingMemoryBound(to: Int32.self).pointee = 1
        }, done, 1000)
        transfer.pointee.endpoint = 0x80
        try USBError.check(libusb_submit_transfer(transfer), "libusb_submit_transfer")
        while done.pointee == 0 {
            let result = libusb_handle_events_completed(context, done)
            if result < 0, result != LIBUSB_ERROR_INTERRUPTED.rawValue {
                _ = libusb_cancel_transfer(transfer)
                while done.pointee == 0 { _ = libusb_handle_events_completed(context, done) }
                try USBError.check(result, "libusb_handle_events_completed")
            }
        }
        let status = transfer.pointee.status
        guard status == LIBUSB_TRANSFER_COMPLETED else { throw USBError.transfer(status, "control transfer") }
        // umockdev reports the setup stage in the length as well; a real device only the data stage.
        let count = min(Int(transfer.pointee.actual_length), length)
        return Array(UnsafeBufferPointer(start: buffer + setupSize, count: count))
    }
}

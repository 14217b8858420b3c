import CLibUSB
import Foundation

/// One interrupt-IN transfer on a claimed interface, with its buffer: what every driver here reads reports with.
///
/// Only the owning driver's event thread touches it (submit, cancel, and the completion, which libusb calls from
/// inside `libusb_handle_events` on that thread). The driver decides after each completion whether to submit again.
final class InterruptTransfer {
    /// How a transfer ended.
    enum Outcome {
        /// A report arrived (possibly empty).
        case report([UInt8])
        /// The device is gone (unplugged, or reset).
        case deviceGone
        /// Cancelled by `cancel(context:)`.
        case cancelled
        /// Any other libusb transfer status (error, stall, overflow, timeout).
        case failed(libusb_transfer_status)
    }

    private let transfer: UnsafeMutablePointer<libusb_transfer>
    private let buffer: UnsafeMutablePointer<UInt8>
    private let completion: (Outcome) -> Void
    /// Whether libusb owns the transfer now; freeing it then would free memory libusb writes to.
    private(set) var inFlight = false

    /// Prepares a transfer of up to `length` bytes (the endpoint's packet size, at most `maximumLength`) from
    /// `endpoint`; `completion` runs on the event thread each time it ends.
    init(
        handle: OpaquePointer, device: OpaquePointer, endpoint: UInt8, maximumLength: Int,
        completion: @escaping (Outcome) -> Void
    ) throws(USBError) {
        guard let transfer = libusb_alloc_transfer(0) else {
            try USBError.check(LIBUSB_ERROR_NO_MEM.rawValue, "libusb_alloc_transfer")
            preconditionFailure("check throws for a negative code")
        }
        let packetSize = libusb_get_max_packet_size(device, endpoint)
        let length = packetSize > 0 ? min(Int(packetSize), maximumLength) : maximumLength
        self.transfer = transfer
        buffer = .allocate(capacity: maximumLength)
        self.completion = completion
        libusb_fill_interrupt_transfer(
            transfer, handle, endpoint, buffer, Int32(length), Self.completed, Unmanaged.passUnretained(self).toOpaque(), 0)
    }

    /// The report length asked for.
    var length: Int { Int(transfer.pointee.length) }

    /// Hands the transfer to libusb.
    func submit() throws(USBError) {
        try USBError.check(libusb_submit_transfer(transfer), "libusb_submit_transfer")
        inFlight = true
    }

    /// Cancels a transfer in flight and runs libusb's events until it has ended or two seconds have passed;
    /// returns whether it ended (if not, the transfer must be leaked, never freed).
    func cancel(context: OpaquePointer?) -> Bool {
        guard inFlight else { return true }
        _ = libusb_cancel_transfer(transfer)
        let deadline = ContinuousClock.now + .seconds(2)
        while inFlight, ContinuousClock.now < deadline {
            var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
            _ = libusb_handle_events_timeout_completed(context, &timeout, nil)
        }
        return !inFlight
    }

    private static let completed: libusb_transfer_cb_fn = { transfer in
        guard let transfer, let userData = transfer.pointee.user_data else { return }
        Unmanaged<InterruptTransfer>.fromOpaque(userData).takeUnretainedValue().ended(transfer.pointee)
    }

    private func ended(_ finished: libusb_transfer) {
        inFlight = false
        switch finished.status {
        case LIBUSB_TRANSFER_COMPLETED:
            completion(.report(Array(UnsafeBufferPointer(start: finished.buffer, count: Int(finished.actual_length)))))
        case LIBUSB_TRANSFER_NO_DEVICE: completion(.deviceGone)
        case LIBUSB_TRANSFER_CANCELLED: completion(.cancelled)
        default: completion(.failed(finished.status))
        }
    }

    /// Keeps a transfer libusb has not given back alive for good: freeing it would free memory libusb writes to.
    func leak() {
        _ = Unmanaged.passRetained(self)
    }

    deinit {
        // The owner drops a transfer only once it has ended (`cancel` returned true) or after `leak()`.
        libusb_free_transfer(transfer)
        buffer.deallocate()
    }
}

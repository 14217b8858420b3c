import CLibUSB
public import Devices
import Foundation
public import KioskCore
public import Logging

/// A USB barcode scanner read with libusb: opened by the vendor and product id of its catalog entry, fed through
/// the decoder its catalog mode names, and reopened when it comes back after an unplug.
///
/// One thread owns the libusb context, the device handle and the transfer, and runs libusb's event loop; every
/// libusb call and every decoder step happens on it. Call `shutdown()` to release the scanner.
public final class USBScannerDriver: BarcodeScanning, @unchecked Sendable {
    // @unchecked: `context`, `handle`, `transfer`, `decoder` and the flags below them are touched only
    // by the event thread once `start()` has handed them over (init runs before the thread exists); the stop
    // request crosses threads under `lock`; the stream continuation is Sendable itself.

    /// The catalog entry this driver serves.
    public let model: DeviceModel

    private let target: USBTarget
    private let logger: Logger
    private let stream: AsyncStream<ScannerEvent>
    private let continuation: AsyncStream<ScannerEvent>.Continuation
    private let lock = NSLock()
    private var stopRequested = false
    private let stopped = DispatchSemaphore(value: 0)
    private var started = false

    private var context: OpaquePointer?
    private var handle: OpaquePointer?
    private var transfer: InterruptTransfer?
    private var decoder: any ScanReportDecoder
    private var decoded: [DecodedScan] = []
    private var transferInFlight: Bool { transfer?.inFlight ?? false }
    private var deviceLost = false
    private var transferErrors = 0
    private var rescanRequested = true
    private var nextAttempt = ContinuousClock.now
    private var hotplugHandle: libusb_hotplug_callback_handle = 0
    private var hasHotplug = false

    /// Starts reading the scanner of `model`: the driver looks for it at once, then on every hot-plug event and
    /// at least once a second, and emits `.attached` when it has claimed it.
    public static func open(model: DeviceModel, logger: Logger) throws(ScannerSetupError) -> USBScannerDriver {
        let target = try USBTarget(model: model)
        let decoder: any ScanReportDecoder =
            switch target.mode {
            case .hidPOS: HIDPOSDecoder()
            case .keyboardWedge: KeyboardWedgeDecoder(layout: KeyboardLayoutTable.table(for: target.layout ?? .usEnglish))
            }
        let driver = try USBScannerDriver(model: model, target: target, decoder: decoder, logger: logger)
        driver.start()
        return driver
    }

    private init(model: DeviceModel, target: USBTarget, decoder: any ScanReportDecoder, logger: Logger) throws(ScannerSetupError) {
        self.model = model
        self.target = target
        self.decoder = decoder
        var logger = logger
        logger[metadataKey: "kiosk.device.id"] = "\(model.id)"
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: ScannerEvent.self, bufferingPolicy: .bufferingNewest(256))
        do {
            try USBError.check(libusb_init(&context), "libusb_init")
        } catch {
            throw ScannerSetupError(usb: error)
        }
        // libusb's own messages go to stderr and may name devices; warnings only.
        CLibUSB_set_log_level(context, Int32(LIBUSB_LOG_LEVEL_WARNING.rawValue))
        decoded.reserveCapacity(4)
    }

    /// The scanner's events, in order, until `shutdown()`; one consumer.
    public func events() -> AsyncStream<ScannerEvent> { stream }

    /// Stops reading, releases the interface and closes the device; returns when that is done. Idempotent.
    public func shutdown() {
        let wasRunning = lock.withLock {
            let running = started && !stopRequested
            stopRequested = true
            return running
        }
        if wasRunning {
            stopped.wait()
            stopped.signal()  // a second shutdown() returns at once
        }
    }

    private var isStopRequested: Bool { lock.withLock { stopRequested } }

    private func start() {
        lock.withLock { started = true }
        let thread = Thread { [self] in run() }
        thread.name = "usb-scanner"
        thread.start()
    }

    // MARK: Event thread

    private func run() {
        registerHotplug()
        while !isStopRequested {
            let now = ContinuousClock.now
            if handle == nil, rescanRequested || now >= nextAttempt {
                rescanRequested = false
                // Polling is the fallback for systems (and umockdev) where hot-plug events do not arrive.
                nextAttempt = now + .seconds(1)
                attach()
            }
            var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
            let result = libusb_handle_events_timeout_completed(context, &timeout, nil)
            if result < 0, result != LIBUSB_ERROR_INTERRUPTED.rawValue {
                do { try USBError.check(result, "libusb_handle_events_timeout_completed") } catch {
                    logger.info("USB event handling failed", metadata: ["kiosk.usb.error": "\(error.name)"])
                    if error.isDeviceGone { deviceLost = true }
                }
            }
            if deviceLost { detach() }
            decoder.expire(at: .now, into: &decoded)
            deliverDecoded()
        }
        tearDown()
        continuation.finish()
        stopped.signal()
    }

    private func registerHotplug() {
        guard libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0 else {
            logger.debug("USB hot-plug not supported, polling for the scanner")
            return
        }
        let events = Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue)
        let callback: libusb_hotplug_callback_fn = { _, _, _, userData in
            // Runs inside libusb_handle_events on the event thread: only flag a rescan, open nothing here.
            guard let userData else { return 0 }
            Unmanaged<USBScannerDriver>.fromOpaque(userData).takeUnretainedValue().rescanRequested = true
            return 0
        }
        do {
            try USBError.check(
                libusb_hotplug_register_callback(
                    context, events, 0, Int32(target.vendor), Int32(target.product), CLibUSB_hotplug_match_any(), callback,
                    Unmanaged.passUnretained(self).toOpaque(), &hotplugHandle),
                "libusb_hotplug_register_callback")
            hasHotplug = true
        } catch {
            logger.debug("USB hot-plug registration failed, polling", metadata: ["kiosk.usb.error": "\(error.name)"])
        }
    }

    /// Finds, opens and claims the scanner, enables it, and starts reading; on failure it stays detached.
    private func attach() {
        guard let device = USBControl.findDevice(context, vendor: target.vendor, product: target.product) else { return }
        defer { libusb_unref_device(device) }
        do {
            handle = try USBControl.openAndClaim(device, interface: target.interface)
            if let command = target.enableCommand {
                try USBControl.setFeatureReport(handle, interface: target.interface, command)
                logger.debug("Scanner enable command sent", metadata: ["kiosk.usb.report_id": "\(command[0])"])
            }
            guard let handle else { return }
            let transfer = try InterruptTransfer(
                handle: handle, device: device, endpoint: target.endpoint, maximumLength: USBTarget.maximumReportLength
            ) { [unowned self] outcome in completed(outcome) }
            self.transfer = transfer
            try transfer.submit()
            let length = transfer.length
            transferErrors = 0
            deviceLost = false
            decoder.reset()
            logger.info("Scanner attached", metadata: ["kiosk.usb.report_length": "\(length)"])
            continuation.yield(.attached(device: model.id))
        } catch {
            logger.info(
                "Scanner could not be opened, retrying",
                metadata: ["kiosk.usb.error": "\(error.name)", "kiosk.usb.operation": "\(error.operation)"])
            closeHandle()
        }
    }

    private func completed(_ outcome: InterruptTransfer.Outcome) {
        switch outcome {
        case .report(let report):
            transferErrors = 0
            if !report.isEmpty {
                decoder.feed(report, at: .now, into: &decoded)
                deliverDecoded()
            }
            resubmit()
        case .deviceGone:
            deviceLost = true
        case .cancelled:
            break
        case .failed(let status):
            // Errors, stalls, overflows: a few in a row mean the device is in a bad way; reopen it.
            transferErrors += 1
            logger.info("Scanner transfer failed", metadata: ["kiosk.usb.status": "\(status.rawValue)"])
            if transferErrors > 3 { deviceLost = true } else { resubmit() }
        }
    }

    private func resubmit() {
        guard !isStopRequested, let transfer else { return }
        do {
            try transfer.submit()
        } catch {
            logger.info("Scanner transfer could not be resubmitted", metadata: ["kiosk.usb.error": "\(error.name)"])
            deviceLost = true
        }
    }

    private func deliverDecoded() {
        guard !decoded.isEmpty else { return }
        for scan in decoded {
            switch scan {
            case .code(let code):
                // Only the length and kind: the data may be personal.
                logger.debug("Code scanned", metadata: ["kiosk.scan.symbology": "\(code.symbology.rawValue)", "kiosk.scan.length": "\(code.data.count)"])
                continuation.yield(.scanned(code))
            case .unreadable(let problem):
                logger.info("Scan unreadable")
                continuation.yield(.unreadable(device: model.id, problem: problem))
            }
        }
        decoded.removeAll(keepingCapacity: true)
    }

    /// The scanner went away: give up the handle, forget the scan in progress, wait for it to come back.
    private func detach() {
        deviceLost = false
        guard handle != nil else { return }
        closeHandle()
        decoder.reset()
        decoded.removeAll(keepingCapacity: true)
        logger.info("Scanner detached")
        continuation.yield(.detached(device: model.id))
        nextAttempt = .now + .seconds(1)
    }

    /// Frees the transfer (never while libusb still owns it), releases the interface and closes the handle.
    private func closeHandle() {
        guard !transferInFlight else { return }
        transfer = nil
        guard let handle else { return }
        USBControl.close(handle, interface: target.interface)
        self.handle = nil
    }

    private func tearDown() {
        if let transfer, !transfer.cancel(context: context) {
            // libusb still owns the transfer: closing now would free memory it writes to. Leak it instead.
            transfer.leak()
            logger.info("Scanner transfer did not end, leaving the device open")
            return
        }
        closeHandle()
        if hasHotplug { libusb_hotplug_deregister_callback(context, hotplugHandle) }
        libusb_exit(context)
        context = nil
        logger.info("Scanner released")
    }
}

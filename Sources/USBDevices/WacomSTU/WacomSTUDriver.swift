import CLibUSB
public import Devices
import Foundation
public import KioskCore
public import Logging

/// A Wacom STU-430/530/540 signature pad read with libusb.
///
/// `begin` opens the pad when needed, asks its capability (09), switches pen data to report 34, clears the
/// screen, uploads the prompt image in the pad's format, waits for status Ready and turns inking on; then every
/// interrupt report goes through `WacomSTUPenDecoder`. After OK or cancel the pad's inking is turned off and its
/// screen cleared before the stream ends. An unplug ends the capture with `.detached`; nothing is kept.
///
/// One thread owns the libusb context, the handle and the transfer, and makes every libusb call. Only one USB
/// request is in flight at a time: control transfers are sent while no pen transfer is outstanding (the pen
/// transfer is not resubmitted after the tap that ends a capture), which is also what umockdev's replay needs.
public final class WacomSTUDriver: SignatureCapturing, @unchecked Sendable {
    // @unchecked: everything below `pending` is touched only by the event thread; `pending`, `stopRequested`
    // and `captureRunning` cross threads under `lock`; continuations are Sendable.

    /// Draws the prompt screen for a layout (Printing's renderer in kioskd, the same one in the tests).
    public typealias PromptRenderer = @Sendable (SignaturePrompt, SignaturePadLayout) -> PadScreenImage

    private typealias Answer = Result<AsyncStream<SignatureEvent>, SignatureCaptureError>

    /// The catalog entry this driver serves.
    public let model: DeviceModel

    private let vendor: UInt16
    private let product: UInt16
    private let pad: SignaturePadCapabilities
    private let render: PromptRenderer
    private let logger: Logger
    private let lock = NSLock()
    private var pending: [(SignaturePrompt, CheckedContinuation<Answer, Never>)] = []
    private var stopRequested = false
    private var captureRunning = false
    private let stopped = DispatchSemaphore(value: 0)

    private var context: OpaquePointer?
    private var handle: OpaquePointer?
    private var transfer: InterruptTransfer?
    private var transferInFlight: Bool { transfer?.inFlight ?? false }
    private var deviceLost = false
    private var decoder: WacomSTUPenDecoder?
    private var capture: AsyncStream<SignatureEvent>.Continuation?
    private var events: [SignatureEvent] = []
    private let started = ContinuousClock.now

    /// Starts the driver's thread for the pad of `model`; the pad itself is opened by the first `begin`.
    public static func open(model: DeviceModel, logger: Logger, render: @escaping PromptRenderer) throws(SignaturePadSetupError)
        -> WacomSTUDriver
    {
        guard let pad = model.signaturePad, pad.family == .wacomSTU, let usb = model.usb,
            let vendor = UInt16(usb.vendor, radix: 16), let product = UInt16(usb.product, radix: 16)
        else {
            throw SignaturePadSetupError(
                problem: Message(
                    de: "Der Katalogeintrag '\(model.id)' ist kein Wacom-STU-Pad mit USB-Kennung.",
                    en: "Catalog entry '\(model.id)' is not a Wacom STU pad with a USB id."))
        }
        let driver = try WacomSTUDriver(model: model, pad: pad, vendor: vendor, product: product, logger: logger, render: render)
        let thread = Thread { [driver] in driver.run() }
        thread.name = "usb-signature-pad"
        thread.start()
        return driver
    }

    private init(
        model: DeviceModel, pad: SignaturePadCapabilities, vendor: UInt16, product: UInt16, logger: Logger,
        render: @escaping PromptRenderer
    ) throws(SignaturePadSetupError) {
        self.model = model
        self.pad = pad
        self.vendor = vendor
        self.product = product
        self.render = render
        var logger = logger
        logger[metadataKey: "kiosk.device.id"] = "\(model.id)"
        self.logger = logger
        do {
            try USBError.check(libusb_init(&context), "libusb_init")
        } catch {
            throw SignaturePadSetupError(problem: error.message)
        }
        CLibUSB_set_log_level(context, Int32(LIBUSB_LOG_LEVEL_WARNING.rawValue))
    }

    /// Shows `prompt` and starts a capture; throws when the pad is not there or a capture is running.
    public func begin(_ prompt: SignaturePrompt) async throws(SignatureCaptureError) -> AsyncStream<SignatureEvent> {
        let answer = await withCheckedContinuation { (continuation: CheckedContinuation<Answer, Never>) in
            let refused: SignatureCaptureError? = lock.withLock {
                if stopRequested { return .notConnected }
                if captureRunning { return .busy }
                captureRunning = true
                pending.append((prompt, continuation))
                return nil
            }
            if let refused { continuation.resume(returning: .failure(refused)) }
        }
        return try answer.get()
    }

    /// Ends a running capture (as cancelled), releases the pad and stops the thread. Idempotent.
    public func shutdown() {
        let wasRunning = lock.withLock {
            defer { stopRequested = true }
            return !stopRequested
        }
        if wasRunning {
            stopped.wait()
            stopped.signal()
        }
    }

    private var isStopRequested: Bool { lock.withLock { stopRequested } }

    // MARK: Event thread

    private func run() {
        while !isStopRequested {
            if let request = lock.withLock({ pending.isEmpty ? nil : pending.removeFirst() }) {
                request.1.resume(returning: start(request.0))
            }
            var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
            let result = libusb_handle_events_timeout_completed(context, &timeout, nil)
            if result < 0, result != LIBUSB_ERROR_INTERRUPTED.rawValue {
                do { try USBError.check(result, "libusb_handle_events_timeout_completed") } catch {
                    logger.info("USB event handling failed", metadata: ["kiosk.usb.error": "\(error.name)"])
                    if error.isDeviceGone { deviceLost = true }
                }
            }
            if deviceLost { lose() }
            if let decoder, decoder.isFinished, !transferInFlight { finish() }
        }
        if capture != nil { end(with: .cancelled) }
        for (_, continuation) in lock.withLock({ pending }) { continuation.resume(returning: .failure(.notConnected)) }
        tearDown()
        stopped.signal()
    }

    /// Opens the pad if needed and prepares its screen; the stream of the capture on success.
    private func start(_ prompt: SignaturePrompt) -> Answer {
        do throws(USBError) {
            if handle == nil { try attach() }
            let answer = try WacomSTUReports.capability(
                USBControl.getFeatureReport(
                    context, handle, interface: pad.interface, id: WacomSTUReports.ID.capability,
                    length: WacomSTUReports.capabilityLength))
            guard let capability = answer else {
                logger.info("Signature pad capability answer not understood")
                throw USBError.transfer(LIBUSB_TRANSFER_ERROR, "capability report")
            }
            try send(WacomSTUReports.timeCountSequenceMode)
            try send(WacomSTUReports.clearScreen)
            let image = render(prompt, capability.layout)
            for report in WacomSTUReports.imageUpload(image, format: pad.imageFormat) { try send(report) }
            try waitUntilReady()
            try send(WacomSTUReports.inkingOn)
            decoder = WacomSTUPenDecoder(layout: capability.layout, device: model.id)
            try submitPenTransfer()
            let (stream, continuation) = AsyncStream.makeStream(of: SignatureEvent.self, bufferingPolicy: .unbounded)
            capture = continuation
            logger.info(
                "Signature capture started",
                metadata: ["kiosk.pad.screen": "\(capability.layout.screenWidth)x\(capability.layout.screenHeight)"])
            return .success(stream)
        } catch {
            logger.info(
                "Signature pad could not be prepared",
                metadata: ["kiosk.usb.error": "\(error.name)", "kiosk.usb.operation": "\(error.operation)"])
            decoder = nil
            closeHandle()
            lock.withLock { captureRunning = false }
            return .failure(.notConnected)
        }
    }

    private func attach() throws(USBError) {
        guard let device = USBControl.findDevice(context, vendor: vendor, product: product) else {
            throw USBError.transfer(LIBUSB_TRANSFER_NO_DEVICE, "find signature pad")
        }
        defer { libusb_unref_device(device) }
        let handle = try USBControl.openAndClaim(device, interface: pad.interface)
        self.handle = handle
        transfer = try InterruptTransfer(handle: handle, device: device, endpoint: pad.endpoint, maximumLength: 64) {
            [unowned self] outcome in completed(outcome)
        }
        logger.info("Signature pad attached")
    }

    private func send(_ report: [UInt8]) throws(USBError) {
        try USBControl.setFeatureReport(handle, interface: pad.interface, report)
    }

    /// Polls status until the pad has taken the image (it answers Busy while it writes its screen).
    private func waitUntilReady() throws(USBError) {
        for _ in 0..<50 {
            let report = try USBControl.getFeatureReport(
                context, handle, interface: pad.interface, id: WacomSTUReports.ID.status, length: WacomSTUReports.statusLength)
            switch WacomSTUReports.status(report) {
            case .ready: return
            case .busy: usleep(20_000)
            case .refused, nil: throw USBError.transfer(LIBUSB_TRANSFER_ERROR, "image upload")
            }
        }
        throw USBError.transfer(LIBUSB_TRANSFER_TIMED_OUT, "image upload")
    }

    private func submitPenTransfer() throws(USBError) {
        try transfer?.submit()
    }

    private func completed(_ outcome: InterruptTransfer.Outcome) {
        switch outcome {
        case .report(let report):
            if !report.isEmpty, decoder != nil {
                let now = started.duration(to: .now).components
                decoder?.feed(report, hostMilliseconds: Int(now.seconds) * 1000 + Int(now.attoseconds / 1_000_000_000_000_000), into: &events)
                deliver()
            }
            // After the tap that ends the capture the pen transfer stays idle, so the closing commands go out alone.
            if decoder?.isFinished == false, !isStopRequested {
                do { try submitPenTransfer() } catch { deviceLost = true }
            }
        case .cancelled:
            break
        case .deviceGone:
            logger.info("Signature pad transfer failed", metadata: ["kiosk.usb.status": "no-device"])
            deviceLost = true
        case .failed(let status):
            // Any failure mid-signature loses the trace's integrity, as an unplug does.
            logger.info("Signature pad transfer failed", metadata: ["kiosk.usb.status": "\(status.rawValue)"])
            deviceLost = true
        }
    }

    private func deliver() {
        guard !events.isEmpty, let capture else {
            events.removeAll(keepingCapacity: true)
            return
        }
        // Coordinates and the signature are personal data: nothing of them is logged.
        for event in events { capture.yield(event) }
        events.removeAll(keepingCapacity: true)
    }

    /// OK or cancel was tapped: inking off, screen cleared, then the capture's stream ends.
    private func finish() {
        do {
            try send(WacomSTUReports.inkingOff)
            try send(WacomSTUReports.clearScreen)
        } catch {
            logger.info("Signature pad could not be cleared", metadata: ["kiosk.usb.error": "\(error.name)"])
        }
        decoder = nil
        logger.info("Signature capture ended")
        endStream()
    }

    private func end(with event: SignatureEvent) {
        capture?.yield(event)
        decoder = nil
        endStream()
    }

    private func endStream() {
        capture?.finish()
        capture = nil
        lock.withLock { captureRunning = false }
    }

    /// The pad went away: the capture ends with `.detached` and its strokes are dropped.
    private func lose() {
        deviceLost = false
        closeHandle()
        logger.info("Signature pad detached")
        if capture != nil { end(with: .detached(device: model.id)) }
    }

    private func closeHandle() {
        guard !transferInFlight else { return }
        transfer = nil
        guard let handle else { return }
        USBControl.close(handle, interface: pad.interface)
        self.handle = nil
    }

    private func tearDown() {
        if let transfer, !transfer.cancel(context: context) {
            // libusb still owns the transfer: closing now would free memory it writes to. Leak it instead.
            transfer.leak()
            logger.info("Signature pad transfer did not end, leaving the device open")
            return
        }
        closeHandle()
        libusb_exit(context)
        context = nil
        logger.info("Signature pad released")
    }
}

/// A signature pad driver could not be set up from its catalog entry, or libusb could not start.
public struct SignaturePadSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong and what to do, in German and English.
    public let problem: Message

    public var description: String { problem.description }
}

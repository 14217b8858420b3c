import Foundation
public import KioskCore
public import Logging

/// Where a CUPS printer is and how long to wait for it.
public struct CUPSPrinterSettings: Sendable, Hashable {
    /// The CUPS server, usually localhost:631.
    public var server: NetworkEndpoint
    /// The queue (CUPS printer name), a raw queue to the ESC/POS printer.
    public var queue: String
    /// The printer's own raw port for DLE EOT status (network printers, usually port 9100); nil: CUPS only.
    public var directStatus: NetworkEndpoint?
    /// How long a job may take from submission to completion before it is cancelled.
    public var jobTimeout: Duration
    /// How long one request to cupsd may take.
    public var requestTimeout: Duration
    /// How long the printer may take to answer a status request.
    public var statusTimeout: Duration

    /// Settings; the timeouts suit a ticket printer next to the kiosk.
    public init(
        server: NetworkEndpoint = NetworkEndpoint(host: "localhost", port: 631), queue: String,
        directStatus: NetworkEndpoint? = nil, jobTimeout: Duration = .seconds(30),
        requestTimeout: Duration = .seconds(5), statusTimeout: Duration = .seconds(2)
    ) {
        self.server = server
        self.queue = queue
        self.directStatus = directStatus
        self.jobTimeout = jobTimeout
        self.requestTimeout = requestTimeout
        self.statusTimeout = statusTimeout
    }

    /// Whether `name` can be a CUPS queue name (and so be put into an IPP URI as it is).
    public static func isValidQueueName(_ name: String) -> Bool {
        // CUPS allows more, but these never need escaping in the printer-uri and survive every shell.
        !name.isEmpty && name.count <= 127
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
    }
}

/// A ticket printer behind a CUPS queue: ESC/POS bytes go out as a raw job, followed to completion.
///
/// libcups blocks, so every call runs on this printer's own thread (`DeviceThread`) and the kiosk's tasks
/// only suspend. Before each job, and after it, the printer's own status is read over its raw port when
/// one is configured: CUPS' socket backend cannot see paper end or an open cover, the printer can.
///
/// A job is never printed twice: its name carries the ticket id, and a second attempt for a ticket whose job
/// completed returns at once, one whose job is still in CUPS follows that job. A job that fails is cancelled
/// in CUPS and cleared from the printer's buffer, so that it does not come out later on its own.
public final class CUPSPrinter: ManagedPrinter, Sendable {
    /// Where the printer is.
    public let settings: CUPSPrinterSettings
    /// The model the bytes are encoded for.
    public let profile: PrinterProfile
    let logger: Logger
    let cups: DeviceThread<CUPSConnection>
    let direct: DeviceThread<DirectStatusClient>?
    let journal = JobJournal()
    let activity = PrinterActivity()

    /// A printer on `settings.queue`; opens no connection until the first job or status request.
    public init(settings: CUPSPrinterSettings, profile: PrinterProfile, logger: Logger) {
        self.settings = settings
        self.profile = profile
        var logger = logger
        logger[metadataKey: "kiosk.printer.queue"] = "\(settings.queue)"
        self.logger = logger
        let server = settings.server
        let requestTimeout = settings.requestTimeout
        cups = DeviceThread(name: "cups-\(settings.queue)") { CUPSConnection(server: server, timeout: requestTimeout) }
        direct = settings.directStatus.map { endpoint in
            let timeout = settings.statusTimeout
            return DeviceThread(name: "status-\(settings.queue)") { DirectStatusClient(endpoint: endpoint, timeout: timeout) }
        }
    }

    public var identifier: String { "cups:\(settings.queue)" }

    public func printTicket(_ printout: TicketPrintout) async throws(PrintFailure) -> PrintedTicket {
        let name = printout.ticketID.map { "kiosk-ticket-\($0.uuidString.lowercased())" } ?? "kiosk-ticket-\(UUID().uuidString.lowercased())"
        return try await printJob(TicketLayout.document(printout), jobName: name)
    }

    /// A slip is printed once per request; a retry after a failure is a new request.
    public func printSlip(_ slip: PollingSlipPrintout) async throws(PrintFailure) -> PrintedTicket {
        try await printJob(PollingPlaceSlipLayout.document(slip), jobName: "kiosk-slip-\(UUID().uuidString.lowercased())")
    }

    /// A receipt's job is named after its payment, so a retried job is recognised as the same payment.
    public func printReceipt(_ receipt: ReceiptPrintout) async throws(PrintFailure) -> PrintedTicket {
        try await printJob(
            ReceiptLayout.document(receipt.receipt, language: receipt.language, texts: receipt.texts, profile: profile),
            jobName: "kiosk-receipt-\(receipt.paymentID.uuidString.lowercased())")
    }

    /// One citizen-facing job: the preview comes back, or a failure that carries it.
    func printJob(_ document: PrintDocument, jobName name: String) async throws(PrintFailure) -> PrintedTicket {
        let preview = TextPreview(profile: profile).render(document)
        do {
            _ = try await print(ESCPOSEncoder(profile: profile).encode(document), jobName: name)
        } catch {
            var failure = error.printFailure
            failure.preview = preview
            throw failure
        }
        return PrintedTicket(preview: preview)
    }

    /// Prints `document` as a job named `jobName`; like `print(_:jobName:)`, the name says which calls are one job.
    public func printDocument(_ document: PrintDocument, jobName: String) async throws -> String {
        let job = try await print(ESCPOSEncoder(profile: profile).encode(document), jobName: jobName)
        return "CUPS job \(job) on \(settings.queue) at \(settings.server)"
    }

    /// Prints `bytes` as one raw job named `jobName` and returns the CUPS job id once the job has completed.
    ///
    /// A second call with the same name after a completed job prints nothing and returns that job's id.
    public func print(_ bytes: [UInt8], jobName: String) async throws(CUPSError) -> Int32 {
        var metadata: Logger.Metadata = ["kiosk.cups.bytes": "\(bytes.count)"]
        switch journal[jobName] {
        case .completed(let job)?:
            logger.info("Job already printed, not printing again", metadata: ["kiosk.cups.job": "\(job)"])
            return job
        case .submitted(let job)?:
            // An earlier attempt left the job in CUPS (cupsd was unreachable while following it): follow it.
            metadata["kiosk.cups.job"] = "\(job)"
            activity.begin()
            defer { activity.end() }
            try await finish(job: job, name: jobName, metadata: metadata)
            return job
        case nil:
            break
        }
        if let status = await directStatus(), !status.isReady {
            logger.warning("Printer not ready, job not submitted", metadata: metadata.merging(["kiosk.printer.status": "\(status)"]) { $1 })
            throw CUPSError(.printerNotReady(status))
        }
        activity.begin()
        defer { activity.end() }
        let queue = settings.queue
        let job: Int32
        do {
            job = try await cups.run { connection throws(CUPSError) in
                try Self.submit(bytes, name: jobName, queue: queue, on: connection)
            }
        } catch {
            logger.error("Job not submitted", metadata: metadata.merging(["kiosk.print.reason": "\(error.reason)", "kiosk.error": "\(error)"]) { $1 })
            throw error
        }
        metadata["kiosk.cups.job"] = "\(job)"
        journal[jobName] = .submitted(job)
        try await finish(job: job, name: jobName, metadata: metadata)
        return job
    }

    /// Follows a submitted job to its end and checks the printer afterwards; records the outcome.
    private func finish(job: Int32, name: String, metadata: Logger.Metadata) async throws(CUPSError) {
        let started = ContinuousClock.now
        do {
            try await follow(job)
        } catch {
            logger.error("Job failed", metadata: metadata.merging(["kiosk.print.reason": "\(error.reason)", "kiosk.error": "\(error)"]) { $1 })
            // Still in CUPS when cupsd could not be reached to cancel it or the kiosk stopped following it:
            // then a retry follows that job instead of submitting a second one.
            switch error.kind {
            case .connectionLost, .serverUnreachable, .interrupted: break
            default: journal[name] = nil
            }
            throw error
        }
        // CUPS completes a raw job once the bytes are in the printer's buffer; the printer may still stop.
        if let status = await directStatus(), let blocking = status.blocking, blocking == .paperEnd || blocking == .coverOpen {
            await clearPrinterBuffer()
            journal[name] = nil
            logger.error("Printer stopped during the job", metadata: metadata.merging(["kiosk.printer.status": "\(status)"]) { $1 })
            throw CUPSError(.printerNotReady(status))
        }
        journal[name] = .completed(job)
        let elapsed = ContinuousClock.now - started
        logger.info("Job printed", metadata: metadata.merging(["kiosk.cups.milliseconds": "\(elapsed.wholeMilliseconds)"]) { $1 })
    }

    /// Create-Job, then the document; a job whose document did not arrive whole is cancelled.
    private static func submit(_ bytes: [UInt8], name: String, queue: String, on connection: CUPSConnection) throws(CUPSError) -> Int32 {
        var job: Int32
        do {
            job = try connection.createJob(queue: queue, name: name)
        } catch let error where error.isConnectionLost {
            // The request may have reached cupsd before the connection broke: use that job rather than a second.
            if let existing = try connection.activeJobs(queue: queue, named: name).last {
                job = existing
            } else {
                job = try connection.createJob(queue: queue, name: name)
            }
        }
        do {
            try connection.sendDocument(queue: queue, job: job, name: name, bytes: bytes)
        } catch {
            try? connection.cancel(queue: queue, job: job)
            throw error
        }
        return job
    }

    /// Polls the job until it completes; cancels it on a printer fault, a stopped queue or the timeout.
    private func follow(_ job: Int32) async throws(CUPSError) {
        let queue = settings.queue
        let deadline = ContinuousClock.now + settings.jobTimeout
        // Short first: cupsd completes a raw ticket on a ready printer in about 20 ms (backend start, connect, send).
        // Then every 25 ms: two small requests on a kept-alive loopback connection, a ticket's job is seconds at most.
        var pause = Duration.milliseconds(2)
        while true {
            let (jobState, queueState) = try await cups.run { connection throws(CUPSError) in
                (try connection.jobState(queue: queue, job: job), try connection.queueState(queue: queue))
            }
            let status = queueState.status
            switch jobState.state {
            case .completed:
                return
            case .canceled, .aborted:
                throw CUPSError(.jobEnded(job: job, state: "\(jobState.state)", detail: jobState.message))
            case .held:
                // CUPS holds a job whose backend could not reach the printer and would retry it minutes later.
                await cancel(job)
                throw CUPSError(.printerNotReady(status.merged(with: PrinterStatus(conditions: [.offline], details: ["CUPS job: " + jobState.message]))))
            case .stopped:
                await cancel(job)
                throw CUPSError(.queueStopped(queue: queue, detail: queueState.message))
            case .pending, .processing:
                if let blocking = status.blocking {
                    await cancel(job)
                    if blocking == .stopped { throw CUPSError(.queueStopped(queue: queue, detail: queueState.message)) }
                    throw CUPSError(.printerNotReady(status))
                }
            }
            guard ContinuousClock.now < deadline else {
                await cancel(job)
                throw CUPSError(.timedOut(job: job, seconds: Int(settings.jobTimeout.components.seconds)))
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw CUPSError(.interrupted(job: job))
            }
            pause = min(pause * 2, .milliseconds(25))
        }
    }

    private func cancel(_ job: Int32) async {
        let queue = settings.queue
        do {
            try await cups.run { connection throws(CUPSError) in try connection.cancel(queue: queue, job: job) }
        } catch {
            logger.warning("Job not cancelled", metadata: ["kiosk.cups.job": "\(job)", "kiosk.error": "\(error)"])
        }
    }

    /// The printer's own status, nil without a status port; an unreachable printer is `offline`.
    func directStatus() async -> PrinterStatus? {
        guard let direct else { return nil }
        let result: Result<RealTimeStatus, DirectStatusError> = await direct.run { client in
            Result { () throws(DirectStatusError) in try client.query() }
        }
        let status: PrinterStatus =
            switch result {
            case .success(let status): status.status
            case .failure(let error): PrinterStatus(conditions: [.offline], details: ["DLE EOT: \(error)"])
            }
        activity.lastDirect = status
        return status
    }

    private func clearPrinterBuffer() async {
        guard let direct else { return }
        let result: Result<Void, DirectStatusError> = await direct.run { client in
            Result { () throws(DirectStatusError) in try client.clearBuffers() }
        }
        if case .failure(let error) = result {
            logger.warning("Printer buffer not cleared", metadata: ["kiosk.error": "\(error)"])
        }
    }

    /// CUPS' view of the queue merged with the printer's own, when it has a status port.
    public func status() async -> PrinterStatus {
        let queue = settings.queue
        let server = settings.server
        let fromCUPS: PrinterStatus
        do {
            fromCUPS = try await cups.run { connection throws(CUPSError) in try connection.queueState(queue: queue) }.status
        } catch {
            let condition: PrinterStatus.Condition = error.reason == "stopped" ? .stopped : .offline
            fromCUPS = PrinterStatus(conditions: [condition], details: ["CUPS \(server) \(queue): \(error)"])
        }
        // Many printers serve one connection at a time on their raw port; while CUPS sends a job there, a status
        // request would wait or fail, so the reading from just before the job stands in.
        let direct = activity.isPrinting ? activity.lastDirect : await directStatus()
        guard let direct else { return fromCUPS }
        return fromCUPS.merged(with: direct)
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}

extension CUPSError {
    var isConnectionLost: Bool {
        if case .connectionLost = kind { return true }
        return false
    }
}

/// Whether a job is under way, and the printer's own status as last read.
final class PrinterActivity: @unchecked Sendable {
    // @unchecked: both fields are only touched under `lock`.
    private let lock = NSLock()
    private var jobs = 0
    private var direct: PrinterStatus?

    func begin() { lock.withLock { jobs += 1 } }
    func end() { lock.withLock { jobs -= 1 } }
    var isPrinting: Bool { lock.withLock { jobs > 0 } }
    var lastDirect: PrinterStatus? {
        get { lock.withLock { direct } }
        set { lock.withLock { direct = newValue } }
    }
}

/// The jobs this printer submitted, by name, so that a retry never prints a ticket twice; the newest 256.
final class JobJournal: @unchecked Sendable {
    // @unchecked: `entries` and `order` are only touched under `lock`.
    enum Entry: Equatable {
        case submitted(Int32)
        case completed(Int32)
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var order: [String] = []

    subscript(name: String) -> Entry? {
        get { lock.withLock { entries[name] } }
        set {
            lock.withLock {
                if entries[name] == nil, newValue != nil { order.append(name) }
                entries[name] = newValue
                if newValue == nil { order.removeAll { $0 == name } }
                while order.count > 256 { entries[order.removeFirst()] = nil }
            }
        }
    }
}

import CCups
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One connection to a CUPS server and the IPP operations the kiosk uses; the only code that calls libcups.
///
/// Not thread-safe, as libcups' `http_t` is not, and libcups keeps its last error per thread: it lives on its
/// printer's `DeviceThread` and is released there. Every call blocks for at most the request timeout.
final class CUPSConnection {
    let server: NetworkEndpoint
    let timeout: Duration
    private var http: OpaquePointer?

    init(server: NetworkEndpoint, timeout: Duration) {
        self.server = server
        self.timeout = timeout
        // libcups would ask for a password on the controlling terminal (the kiosk's screen) on HTTP 401;
        // a kiosk has nobody to type one, so the request fails instead. The callback is per thread, like the connection.
        cupsSetPasswordCB2({ _, _, _, _, _ in nil }, nil)
    }

    deinit {
        if let http { httpClose(http) }
    }

    private var seconds: Double {
        Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    }

    private func connected() throws(CUPSError) -> OpaquePointer {
        if let http { return http }
        var cancel: Int32 = 0
        guard
            let made = httpConnect2(
                server.host, Int32(server.port), nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1,
                Int32(seconds * 1000), &cancel)
        else {
            throw CUPSError(.serverUnreachable(server: server.description, detail: String(cString: cupsLastErrorString())))
        }
        httpSetTimeout(made, seconds, nil, nil)
        http = made
        return made
    }

    /// Drops a connection that failed, so that the next call opens a fresh one.
    private func reset() {
        if let http { httpClose(http) }
        http = nil
    }

    private static func printerURI(_ queue: String) -> String { "ipp://localhost/printers/\(queue)" }

    // MARK: - The chokepoint

    /// An IPP response, deleted with its owner.
    private final class Response {
        let ipp: OpaquePointer
        init(_ ipp: OpaquePointer) { self.ipp = ipp }
        deinit { ippDelete(ipp) }

        func integer(_ name: String) -> Int32? {
            guard let attribute = ippFindAttribute(ipp, name, IPP_TAG_ZERO), ippGetCount(attribute) > 0 else { return nil }
            return ippGetInteger(attribute, 0)
        }

        func boolean(_ name: String) -> Bool? {
            guard let attribute = ippFindAttribute(ipp, name, IPP_TAG_BOOLEAN), ippGetCount(attribute) > 0 else { return nil }
            return ippGetBoolean(attribute, 0) != 0
        }

        func strings(_ name: String) -> [String] {
            guard let attribute = ippFindAttribute(ipp, name, IPP_TAG_ZERO) else { return [] }
            return (0..<ippGetCount(attribute)).compactMap { index in
                ippGetString(attribute, index, nil).map { String(cString: $0) }
            }
        }
    }

    /// Which object an operation is about, to tell "no such queue" from "no such job".
    private enum Target { case queue, job(Int32) }

    /// Sends one request and returns its response: the one place where libcups results become `CUPSError`s.
    ///
    /// A broken connection (cupsd restarted, keep-alive closed) is retried on a fresh one, EINTR-style, for
    /// requests that change nothing or are safe to repeat; others report `connectionLost` and the caller decides.
    private func perform(
        _ operation: ipp_op_t, _ name: String, queue: String, target: Target, retry: Bool,
        _ build: (OpaquePointer) -> Void
    ) throws(CUPSError) -> Response {
        var attempt = 0
        while true {
            attempt += 1
            let http = try connected()
            guard let request = ippNewRequest(operation) else {
                throw CUPSError(.ipp(operation: name, status: 0, detail: "out of memory"))
            }
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, Self.printerURI(queue))
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
            build(request)
            // cupsDoRequest takes ownership of the request.
            guard let ipp = cupsDoRequest(http, request, "/") else {
                let error = cupsLastError()
                let detail = String(cString: cupsLastErrorString())
                reset()
                if error == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE {
                    throw CUPSError(.serverUnreachable(server: server.description, detail: detail))
                }
                if retry, attempt < 3 { continue }
                throw CUPSError(.connectionLost(operation: name, detail: detail))
            }
            let response = Response(ipp)
            let status = ippGetStatusCode(ipp)
            guard status.rawValue >= 0x0400 else { return response }
            let detail = String(cString: cupsLastErrorString())
            switch (status, target) {
            case (IPP_STATUS_ERROR_NOT_FOUND, .queue):
                throw CUPSError(.queueMissing(queue: queue))
            case (IPP_STATUS_ERROR_NOT_FOUND, .job(let job)):
                throw CUPSError(.jobEnded(job: job, state: "gone", detail: detail))
            case (IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS, _):
                throw CUPSError(.queueStopped(queue: queue, detail: detail))
            case (IPP_STATUS_ERROR_SERVICE_UNAVAILABLE, _) where retry && attempt < 3:
                // cupsd answers this while it is starting up or reloading its configuration.
                usleep(100_000)
                continue
            default:
                throw CUPSError(.ipp(operation: name, status: Int32(status.rawValue), detail: detail))
            }
        }
    }

    private static func addKeywords(_ request: OpaquePointer, _ name: String, _ values: [String]) {
        let copies = values.map { UnsafePointer(strdup($0)) }
        defer { copies.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        copies.withUnsafeBufferPointer { buffer in
            _ = ippAddStrings(
                request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, name, Int32(values.count), nil, buffer.baseAddress)
        }
    }

    // MARK: - Operations

    /// Create-Job: a job without a document yet, so that its id is known before any byte is sent.
    func createJob(queue: String, name: String) throws(CUPSError) -> Int32 {
        let response = try perform(IPP_OP_CREATE_JOB, "Create-Job", queue: queue, target: .queue, retry: false) { request in
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, name)
        }
        guard let job = response.integer("job-id"), job > 0 else {
            throw CUPSError(.ipp(operation: "Create-Job", status: 0, detail: "no job-id in the response"))
        }
        return job
    }

    /// Send-Document with the raw bytes as the job's only and last document (application/vnd.cups-raw).
    func sendDocument(queue: String, job: Int32, name: String, bytes: [UInt8]) throws(CUPSError) {
        let http = try connected()
        let started = cupsStartDocument(http, queue, job, name, "application/vnd.cups-raw", 1)
        guard started == HTTP_STATUS_CONTINUE else {
            let detail = String(cString: cupsLastErrorString())
            reset()
            throw CUPSError(.connectionLost(operation: "Send-Document", detail: detail))
        }
        let written = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cupsWriteRequestData(http, $0.baseAddress, buffer.count) }
        }
        guard written == HTTP_STATUS_CONTINUE else {
            let detail = String(cString: cupsLastErrorString())
            reset()
            throw CUPSError(.connectionLost(operation: "Send-Document", detail: detail))
        }
        let finished = cupsFinishDocument(http, queue)
        guard finished.rawValue < 0x0400 else {
            let detail = String(cString: cupsLastErrorString())
            if finished == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS {
                throw CUPSError(.queueStopped(queue: queue, detail: detail))
            }
            reset()
            throw CUPSError(.ipp(operation: "Send-Document", status: Int32(finished.rawValue), detail: detail))
        }
    }

    /// Get-Job-Attributes: state, reasons and the backend's message.
    func jobState(queue: String, job: Int32) throws(CUPSError) -> CUPSJobState {
        let response = try perform(
            IPP_OP_GET_JOB_ATTRIBUTES, "Get-Job-Attributes", queue: queue, target: .job(job), retry: true
        ) { request in
            ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job)
            Self.addKeywords(request, "requested-attributes", ["job-state", "job-state-reasons", "job-printer-state-message"])
        }
        guard let raw = response.integer("job-state"), let state = CUPSJobState.State(rawValue: raw) else {
            throw CUPSError(.ipp(operation: "Get-Job-Attributes", status: 0, detail: "no job-state in the response"))
        }
        return CUPSJobState(
            state: state, reasons: response.strings("job-state-reasons"),
            message: response.strings("job-printer-state-message").first ?? "")
    }

    /// Get-Printer-Attributes: the queue's state and reasons.
    func queueState(queue: String) throws(CUPSError) -> CUPSQueueState {
        let response = try perform(
            IPP_OP_GET_PRINTER_ATTRIBUTES, "Get-Printer-Attributes", queue: queue, target: .queue, retry: true
        ) { request in
            Self.addKeywords(
                request, "requested-attributes",
                ["printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs"])
        }
        return CUPSQueueState(
            state: response.integer("printer-state") ?? 0, reasons: response.strings("printer-state-reasons"),
            message: response.strings("printer-state-message").first ?? "",
            acceptingJobs: response.boolean("printer-is-accepting-jobs") ?? true)
    }

    /// Cancel-Job; a job that has already ended is not an error.
    func cancel(queue: String, job: Int32) throws(CUPSError) {
        do {
            _ = try perform(IPP_OP_CANCEL_JOB, "Cancel-Job", queue: queue, target: .job(job), retry: true) { request in
                ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job)
            }
        } catch let error {
            // "not possible": the job is already completed, cancelled or aborted.
            if case .ipp(_, let status, _) = error.kind, status == Int32(IPP_STATUS_ERROR_NOT_POSSIBLE.rawValue) { return }
            if case .jobEnded = error.kind { return }
            throw error
        }
    }

    /// Get-Jobs: the ids of the queue's unfinished jobs with this name (after a Create-Job whose answer was lost).
    func activeJobs(queue: String, named name: String) throws(CUPSError) -> [Int32] {
        let response = try perform(IPP_OP_GET_JOBS, "Get-Jobs", queue: queue, target: .queue, retry: true) { request in
            ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "which-jobs", nil, "not-completed")
            Self.addKeywords(request, "requested-attributes", ["job-id", "job-name"])
        }
        // Each job is one group of attributes; separators (no name) end a group, in whatever order CUPS sends them.
        var jobs: [Int32] = []
        var id: Int32?
        var matches = false
        func finishGroup() {
            if let id, matches { jobs.append(id) }
            id = nil
            matches = false
        }
        var attribute = ippFirstAttribute(response.ipp)
        while let current = attribute {
            if ippGetGroupTag(current) == IPP_TAG_JOB, let attributeName = ippGetName(current) {
                switch String(cString: attributeName) {
                case "job-id": id = ippGetInteger(current, 0)
                case "job-name": matches = ippGetString(current, 0, nil).map { String(cString: $0) == name } ?? false
                default: break
                }
            } else {
                finishGroup()
            }
            attribute = ippNextAttribute(response.ipp)
        }
        finishGroup()
        return jobs
    }
}

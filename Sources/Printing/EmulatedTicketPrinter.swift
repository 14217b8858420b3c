public import Foundation
public import KioskCore

/// The printer's emulated twin: appends each job's ESC/POS bytes to a file and returns the text preview.
///
/// Each job is one `write` followed by `fsync`, so a job is either wholly in the file or not at all
/// after a crash. Setting `failure` simulates a printer fault (paper end, cover open) for tests and the demo.
public final class EmulatedTicketPrinter: TicketPrinting, @unchecked Sendable {
    // @unchecked: `failure` is guarded by `lock`; the file is opened per job, so no handle is shared.
    private let lock = NSLock()
    private var failure: PrintFailure?
    /// The file the bytes go to.
    public let output: URL
    /// The emulated model.
    public let profile: PrinterProfile

    /// Creates the twin writing to `output`.
    public init(output: URL, profile: PrinterProfile) {
        self.output = output
        self.profile = profile
    }

    public var identifier: String { "emulated:\(output.lastPathComponent)" }

    /// Makes the following jobs fail with `failure` (nil: print again).
    public func simulate(_ failure: PrintFailure?) {
        lock.withLock { self.failure = failure }
    }

    /// The fault set by `simulate(_:)`, if any.
    var simulatedFailure: PrintFailure? { lock.withLock { failure } }

    public func printTicket(_ printout: TicketPrintout) async throws(PrintFailure) -> PrintedTicket {
        try printJob(TicketLayout.document(printout))
    }

    public func printSlip(_ slip: PollingSlipPrintout) async throws(PrintFailure) -> PrintedTicket {
        try printJob(PollingPlaceSlipLayout.document(slip))
    }

    public func printReceipt(_ receipt: ReceiptPrintout) async throws(PrintFailure) -> PrintedTicket {
        try printJob(ReceiptLayout.document(receipt.receipt, language: receipt.language, texts: receipt.texts, profile: profile))
    }

    /// One job: the simulated fault if set, else the bytes appended; the preview either way.
    func printJob(_ document: PrintDocument) throws(PrintFailure) -> PrintedTicket {
        let preview = TextPreview(profile: profile).render(document)
        if var failure = lock.withLock({ self.failure }) {
            failure.preview = preview
            throw failure
        }
        do {
            try append(ESCPOSEncoder(profile: profile).encode(document))
        } catch {
            var failure = error
            failure.preview = preview
            throw failure
        }
        return PrintedTicket(preview: preview)
    }
}

extension EmulatedTicketPrinter {
    /// Appends one job with a single write and fsync.
    func append(_ bytes: [UInt8]) throws(PrintFailure) {
        let descriptor = open(output.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw PrintFailure(reason: "io", message: Message(key: "printer.unreachable", de: "Drucker nicht erreichbar.", en: "Printer not reachable."))
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw PrintFailure(reason: "io", message: Message(key: "printer.incomplete", de: "Druckauftrag nicht vollständig.", en: "Print job incomplete."))
        }
    }
}

extension PrintFailure {
    /// Paper end, as a real printer reports it.
    public static let paperEnd = PrintFailure(
        reason: "media-empty",
        message: Message(key: "printer.paperEnd", de: "Der Drucker hat kein Papier mehr.", en: "The printer is out of paper."))
    /// Cover open.
    public static let coverOpen = PrintFailure(
        reason: "cover-open", message: Message(key: "printer.coverOpen", de: "Die Druckerklappe ist offen.", en: "The printer cover is open."))
}

import Foundation
public import Printing

/// A private cupsd with a raw queue `ticket` to a printer emulator, as the printing tests and the benchmark use it.
public final class CUPSTestRig: Sendable {
    /// The scheduler.
    public let cupsd: PrivateCUPSD
    /// The printer.
    public let emulator: PrinterEmulatorProcess
    /// The raw queue to the emulator.
    public let queue = "ticket"

    /// Whether a missing peer must fail the run rather than skip: in CI (`CI=true`) nothing may pass unrun.
    public static var peersRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Starts the emulator in `emulatorState`, then cupsd, and adds the queue.
    public init(emulatorState: String = "ok") throws {
        emulator = try PrinterEmulatorProcess(state: emulatorState)
        cupsd = try PrivateCUPSD()
        try cupsd.addRawQueue(queue, printerPort: emulator.port)
    }

    /// The rig, or nil when it cannot start. A missing peer (not installed, no root) calls `fail` in CI and prints
    /// a skip elsewhere; any other start-up error always calls `fail`.
    public static func start(_ emulatorState: String = "ok", orReport fail: (String) -> Void) -> CUPSTestRig? {
        do {
            return try CUPSTestRig(emulatorState: emulatorState)
        } catch {
            if peersRequired || !(error is PeerUnavailable) {
                fail("cupsd and the printer emulator are needed here: \(error)")
            } else {
                print("skipped: \(error)")
            }
            return nil
        }
    }

    /// Printer settings for the queue; with the emulator's port for DLE EOT unless `directStatus` is false.
    public func settings(directStatus: Bool = true, jobTimeout: Duration = .seconds(20)) -> CUPSPrinterSettings {
        CUPSPrinterSettings(
            server: cupsd.endpoint, queue: queue,
            directStatus: directStatus ? NetworkEndpoint(host: "127.0.0.1", port: emulator.port) : nil,
            jobTimeout: jobTimeout, requestTimeout: .seconds(5), statusTimeout: .seconds(2))
    }

    /// Stops both child processes now rather than when the rig goes away.
    public func stop() {
        cupsd.stop()
        emulator.stop()
    }
}

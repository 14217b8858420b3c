import ChildProcess
import Foundation
import KioskCore
import Logging
import Printing
import PrintingTesting

#if canImport(Glibc)
import Glibc
#endif

/// 4. Printing: encoding a ticket; one ticket through our libcups path to completion against `lp -o raw` with
/// the same bytes on the same private cupsd and printer emulator, alternating, in the same run.
func benchmarkPrinting(rounds: Int) async throws {
    let printout = TicketPrintout(
        siteName: "Bürgerbüro Musterstadt", serviceName: "Personalausweis beantragen", number: "A 017",
        issued: "23.11.2026, 09:15 Uhr", estimate: "etwa 10 Minuten",
        instructions: ["Bitte warten Sie, bis Ihre Nummer aufgerufen wird.", "Please wait until your number is called."],
        followLink: "https://kiosk.invalid/q/3f2a9c1e-5b7d-4e0a-9c21-8f3b6d2e1a04", terminal: "musterstadt-t1")
    let profile = PrinterProfile.epsonTMT20
    let encoder = ESCPOSEncoder(profile: profile)
    var encodeSamples: [Double] = []
    var bytes: [UInt8] = []
    for _ in 0..<2000 {
        let start = ContinuousClock.now
        bytes = encoder.encode(TicketLayout.document(printout))
        encodeSamples.append(milliseconds(ContinuousClock.now - start) * 1000)
    }
    let encode = Percentiles(encodeSamples)
    print("printing (Epson TM-T20 ticket, \(bytes.count) bytes)")
    print("  layout + encode    p50 \(format(encode.p50)) µs  p99 \(format(encode.p99)) µs")

    let rig: CUPSTestRig
    do {
        rig = try CUPSTestRig()
    } catch {
        print("  CUPS submission: skipped, \(error)")
        return
    }
    defer { rig.stop() }
    var quiet = Logger(label: "bench")
    quiet.logLevel = .critical
    let plain = CUPSPrinter(settings: rig.settings(directStatus: false), profile: profile, logger: quiet)
    let checked = CUPSPrinter(settings: rig.settings(directStatus: true), profile: profile, logger: quiet)
    let job = FileManager.default.temporaryDirectory.appendingPathComponent("bench-ticket-\(UUID().uuidString).bin")
    try Data(bytes).write(to: job)
    defer { try? FileManager.default.removeItem(at: job) }
    var environment = ProcessInfo.processInfo.environment
    environment["CUPS_SERVER"] = rig.cupsd.endpoint.description

    /// Waits until the printer has `count` bytes in all, polling the file's size; false after 10 s.
    func printed(_ count: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        let path = rig.emulator.recordURL.path
        while ContinuousClock.now < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size >= count { return true }
            usleep(200)
        }
        return false
    }

    var total = 0
    var ours: [Double] = []
    var oursChecked: [Double] = []
    var lp: [Double] = []
    for round in -3..<rounds {
        // Ours: returns once CUPS reports the job completed; the bytes are at the printer by then.
        var start = ContinuousClock.now
        _ = try await plain.print(bytes, jobName: "bench-\(round)-libcups")
        total += bytes.count
        precondition(printed(total), "libcups job did not arrive")
        let oursTime = milliseconds(ContinuousClock.now - start)

        // Baseline: lp returns when cupsd has the job; the clock stops when the last byte is at the printer.
        start = ContinuousClock.now
        let result = try ChildProcess.run("/usr/bin/lp", ["-d", rig.queue, "-o", "raw", job.path], environment: environment)
        precondition(result.termination.succeeded, "lp failed: \(String(decoding: result.error, as: UTF8.self))")
        total += bytes.count
        precondition(printed(total), "lp job did not arrive")
        let lpTime = milliseconds(ContinuousClock.now - start)

        start = ContinuousClock.now
        _ = try await checked.print(bytes, jobName: "bench-\(round)-checked")
        total += bytes.count
        precondition(printed(total), "checked job did not arrive")
        let checkedTime = milliseconds(ContinuousClock.now - start)
        if round >= 0 {
            ours.append(oursTime)
            lp.append(lpTime)
            oursChecked.append(checkedTime)
        }
    }
    precondition(rig.emulator.recorded.count == total, "the printer got other bytes than were sent")
    let oursStats = Percentiles(ours)
    let lpStats = Percentiles(lp)
    let checkedStats = Percentiles(oursChecked)
    print("  libcups, to job completed  p50 \(format(oursStats.p50)) ms  p99 \(format(oursStats.p99)) ms   (\(rounds) jobs)")
    print("  lp -o raw, to last byte at printer  p50 \(format(lpStats.p50)) ms  p99 \(format(lpStats.p99)) ms   (baseline)")
    print("  ratio libcups/lp   p50 \(format(oursStats.p50 / lpStats.p50))  p99 \(format(oursStats.p99 / lpStats.p99))   (target <= 1.0)")
    print("  libcups + DLE EOT before and after  p50 \(format(checkedStats.p50)) ms  p99 \(format(checkedStats.p99)) ms")
}

// Scan → confirmation screen, no network: HID POS reports decoded, the code classified by the example site's
// rules, the flow run against the terminal's store and the emulated printer (each ticket one write + fsync), the
// screen built. Baselines in the same run: the same citizen-facing work started by a key instead of a scan
// (a walk-in ticket for check-in; a keypress redrawing home for the Wahlraumsuche).
import Foundation
import KioskApp
import KioskCore
import KioskStore
import KioskUI
import Logging
import Printing
import USBDevices

/// A fixed clock: 09:00 on a Monday, when the appointments are due.
final class BenchClock: @unchecked Sendable {
    // @unchecked: only the benchmark's task reads it.
    let now = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentiles(_ samples: [Double]) -> (p50: Double, p99: Double) {
    let sorted = samples.sorted()
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
}

func benchmarkScanToScreen(rounds: Int) async throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-scan-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    var loaded = try SiteLoader.load(configuration: repository.appendingPathComponent("Kiosk/example/terminal.yaml"))
    loaded.settings.configuration.central = nil
    var logger = Logger(label: "bench")
    logger.logLevel = .critical  // the flows log every ticket; the figures are what this prints
    let store = try KioskStore(
        path: scratch.appendingPathComponent("kiosk.sqlite").path, terminal: loaded.settings.configuration.terminal, logger: logger)
    let clock = BenchClock()
    let election = try ElectionLoader.load(election: repository.appendingPathComponent("Kiosk/example/election.yaml"))
    try store.replacePollingDirectory(election.directory, at: clock.now)
    // One appointment per round, all due now, spread over services without a daily capacity.
    let appointments = (0..<rounds).map { index in
        Appointment(
            id: AppointmentID(rawValue: "b-\(index)"), service: ServiceID(rawValue: index % 2 == 0 ? "meldebescheinigung" : "beglaubigung"),
            start: clock.now.addingTimeInterval(300), durationMinutes: 10, processNumber: String(100_000 + index), authKey: "ab12",
            bookingReference: nil)
    }
    let snapshot = TerminalSnapshot(catalogYAML: "", queues: [], appointments: appointments)
    try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: "\"1\"", at: clock.now)
    let printer = EmulatedTicketPrinter(output: scratch.appendingPathComponent("printer.bin"), profile: loaded.printerProfile)
    let session = KioskSession(settings: loaded.settings, store: store, printer: printer, logger: logger, now: { clock.now })
    let timer = ContinuousClock()

    func scan(_ text: String) async -> String {
        var decoder = HIDPOSDecoder()
        var output: [DecodedScan] = []
        for report in hidPOSReports(of: Array(text.utf8)) { decoder.feed(report, at: .now, into: &output) }
        guard case .code(let code)? = output.first else { fatalError("decoding failed") }
        return await session.handle(scanner: .scanned(code)).id
    }

    var checkIns: [Double] = []
    var walkIns: [Double] = []
    var places: [Double] = []
    var homes: [Double] = []
    for index in 0..<rounds {
        var id = ""
        checkIns.append(milliseconds(await timer.measure { id = await scan("T:\(100_000 + index):ab12") }))
        guard id == "checkin.done" else { fatalError("check-in \(index) ended on \(id)") }
        _ = await session.handle(.back)
        walkIns.append(milliseconds(await timer.measure { id = await session.handle(.digit(index % 2 == 0 ? 5 : 7)).id }))
        guard id == "ticket.issued" else { fatalError("walk-in \(index) ended on \(id)") }
        _ = await session.handle(.back)
        let district = ["1101", "1302", "4108", "5204"][index % 4]
        places.append(milliseconds(await timer.measure { id = await scan("https://wahlschein.example.de/antrag?wbz=\(district)&wvz=\(index)") }))
        guard id == "wahl.place" else { fatalError("polling place \(index) ended on \(id)") }
        _ = await session.handle(.back)
        homes.append(milliseconds(await timer.measure { id = await session.handle(.other).id }))
    }
    let checkIn = percentiles(checkIns), walkIn = percentiles(walkIns), place = percentiles(places), home = percentiles(homes)
    print("scan → confirmation screen, no network (\(rounds) rounds each; target p99 < 50 ms)")
    print(String(format: "  check-in scan      p50 %7.2f ms  p99 %7.2f ms", checkIn.p50, checkIn.p99))
    print(String(format: "  walk-in by key     p50 %7.2f ms  p99 %7.2f ms   (baseline: same commit and print)", walkIn.p50, walkIn.p99))
    print(String(format: "  ratio              p50 %.2fx  p99 %.2fx", checkIn.p50 / walkIn.p50, checkIn.p99 / walkIn.p99))
    print(String(format: "  notice QR → place  p50 %7.2f ms  p99 %7.2f ms", place.p50, place.p99))
    print(String(format: "  home by key        p50 %7.2f ms  p99 %7.2f ms   (baseline: a redraw of home)", home.p50, home.p99))
    print(String(format: "  ratio              p50 %.1fx  p99 %.1fx", place.p50 / home.p50, place.p99 / home.p99))
}

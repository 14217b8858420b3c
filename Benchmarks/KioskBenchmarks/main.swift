// Benchmarks of the foundation, each against a baseline measured in the same run:
//  1. issue-a-ticket (core decision + store commit) vs. a bare one-row SQLite commit with the same durability;
//  2. kioskd time to first screen and peak RSS vs. starting `kioskctl --version`.
// Usage: kiosk-benchmarks [--tickets N]   (built by `swift build -c release --product kiosk-benchmarks`)
import Foundation
import GRDB
import KioskCore
import KioskStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

let arguments = CommandLine.arguments
let ticketCount = arguments.firstIndex(of: "--tickets").flatMap { Int(arguments[$0 + 1]) } ?? 2000
let binaries = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent()
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

struct Percentiles {
    let p50: Double
    let p99: Double
    let max: Double
    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        p50 = sorted[sorted.count / 2]
        p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        max = sorted.last!
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

// MARK: 1. Issue a ticket

let catalog = try ServiceCatalog.parse(
    yaml: """
        site: { id: bench, name: Bench, openingHours: { mon: ["00:00-24:00"] } }
        queues: [{ id: a, prefix: A, name: A }, { id: b, prefix: B, name: B }]
        services: [{ id: one, queue: a, name: One }, { id: two, queue: b, name: Two }]
        """)
let monday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
let store = try KioskStore(path: scratch.appendingPathComponent("kiosk.sqlite").path, terminal: TerminalID(rawValue: "bench"), logger: Logger(label: "bench"))
let clock = ContinuousClock()
var issueSamples: [Double] = []
for index in 0..<ticketCount {
    let service = ServiceID(rawValue: index % 2 == 0 ? "one" : "two")
    let elapsed = try clock.measure {
        _ = try store.issueWalkInTicket(
            catalog: catalog, service: service, at: monday.addingTimeInterval(Double(index)), openCounters: 3,
            grantor: BlockGrantor(blockSize: 20))
    }
    issueSamples.append(milliseconds(elapsed))
    // The kiosk checkpoints while it waits for the next citizen (KioskSession.tick); do the same, unmeasured.
    if index % 20 == 19 { try store.checkpoint() }
}

// Baseline: the cheapest durable commit this disk allows: one row, WAL, synchronous=FULL, same library.
var configuration = Configuration()
configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
let baseline = try DatabasePool(path: scratch.appendingPathComponent("baseline.sqlite").path, configuration: configuration)
try baseline.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)") }
var baselineSamples: [Double] = []
let body = Data(repeating: 0x41, count: 400)
for _ in 0..<ticketCount {
    let elapsed = try clock.measure {
        try baseline.write { db in try db.execute(sql: "INSERT INTO t(body) VALUES (?)", arguments: [body]) }
    }
    baselineSamples.append(milliseconds(elapsed))
    if baselineSamples.count % 20 == 0 { _ = try baseline.writeWithoutTransaction { db in try db.checkpoint(.passive) } }
}

// The pure decision alone, to show where the time goes.
let issuer = TicketIssuer(calendar: .berlin)
let leases = [NumberLease(block: NumberBlock(queue: QueueID(rawValue: "a"), day: BusinessDay(year: 2026, month: 11, day: 23), first: 1, last: 1_000_000))]
var decideSamples: [Double] = []
for index in 0..<ticketCount {
    let context = IssueContext(
        catalog: catalog, service: ServiceID(rawValue: "one"), terminal: TerminalID(rawValue: "bench"),
        now: monday.addingTimeInterval(Double(index)), issuedToday: index, waitingInQueue: 5, openCounters: 3,
        recentDurations: [8, 12, 10], leases: leases)
    let id = UUID()
    decideSamples.append(milliseconds(clock.measure { _ = issuer.decide(context, ticketID: id) }))
}

if ProcessInfo.processInfo.environment["KIOSK_BENCH_DETAIL"] != nil {
    let ticket = Ticket(
        id: UUID(), number: TicketNumber(prefix: "A", value: 1), queue: QueueID(rawValue: "a"), service: ServiceID(rawValue: "one"),
        day: BusinessDay(year: 2026, month: 11, day: 23), issuedAt: monday, origin: .walkIn, terminal: TerminalID(rawValue: "b"),
        estimate: .minutes(5), ahead: 1)
    let event = KioskEvent(id: UUID(), terminal: TerminalID(rawValue: "b"), sequence: 1, time: monday, payload: .ticketIssued(ticket))
    let encode = Percentiles((0..<2000).map { _ in milliseconds(clock.measure { _ = event.jsonData() }) })
    print("event JSON encode p50 \(format(encode.p50)) ms")
    let slow = issueSamples.enumerated().filter { $0.element > 1 }.map { "\($0.offset):\(format($0.element))" }
    print("slow issues (> 1 ms): \(slow.count): \(slow.prefix(60).joined(separator: " "))")
}
let issue = Percentiles(issueSamples)
let bare = Percentiles(baselineSamples)
let decide = Percentiles(decideSamples)
print("issue-a-ticket (\(ticketCount) tickets, file on \(scratch.path))")
print("  core decision      p50 \(format(decide.p50)) ms  p99 \(format(decide.p99)) ms")
print("  issue + commit     p50 \(format(issue.p50)) ms  p99 \(format(issue.p99)) ms  max \(format(issue.max)) ms   (target p99 < 2 ms)")
print("  bare SQLite commit p50 \(format(bare.p50)) ms  p99 \(format(bare.p99)) ms  max \(format(bare.max)) ms   (baseline)")
print("  ratio issue/bare   p50 \(format(issue.p50 / bare.p50))  p99 \(format(issue.p99 / bare.p99))")

// MARK: 2. kioskd start-up

/// Starts a program on a new pseudo-terminal of 100×30 and returns its pid and the master side.
func spawnOnPTY(_ path: String, _ arguments: [String]) throws -> (Process, Int32) {
    var master: Int32 = 0
    var slave: Int32 = 0
    var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.ENODEV) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
    process.standardInput = handle
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return (process, master)
}

func readUntil(_ master: Int32, contains text: String, timeout: Double) -> Bool {
    var collected = Data()
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = [UInt8](repeating: 0, count: 65536)
    while Date() < deadline {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 50) > 0 else { continue }
        let count = read(master, &buffer, buffer.count)
        if count <= 0 { return false }
        collected.append(contentsOf: buffer[0..<count])
        if String(decoding: collected, as: UTF8.self).contains(text) { return true }
    }
    return false
}

func statusField(_ pid: Int32, _ field: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
    return nil
}

let kioskd = binaries.appendingPathComponent("kioskd").path
let kioskctl = binaries.appendingPathComponent("kioskctl").path
guard FileManager.default.isExecutableFile(atPath: kioskd), FileManager.default.isExecutableFile(atPath: kioskctl) else {
    print("kioskd start-up: skipped, build kioskd and kioskctl beside this binary first")
    exit(0)
}
let state = scratch.appendingPathComponent("state")
try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
let example = repository.appendingPathComponent("Kiosk/example")
let config = scratch.appendingPathComponent("terminal.yaml")
try """
    terminal:
      id: bench-terminal
      catalog: \(example.path)/services.yaml
      texts: \(repository.path)/Kiosk/texts
      devices: \(repository.path)/Devices
      database: \(state.path)/kiosk.sqlite
    printer:
      kind: emulated
      output: \(state.path)/printer.bin
      profile: generic-58mm
    """.write(to: config, atomically: true, encoding: .utf8)

var firstScreen: [Double] = []
var peakRSS: [Int] = []
var idleRSS: [Int] = []
var versionTimes: [Double] = []
for _ in 0..<5 {
    let start = clock.now
    let (process, master) = try spawnOnPTY(kioskd, ["--config", config.path, "--demo-time", "2026-11-23T09:00"])
    let shown = readUntil(master, contains: "Willkommen", timeout: 20)
    firstScreen.append(milliseconds(clock.now - start))
    precondition(shown, "kioskd showed no home screen")
    Thread.sleep(forTimeInterval: 1.5)  // idle with its one-second tick running
    idleRSS.append(statusField(process.processIdentifier, "VmRSS") ?? 0)
    peakRSS.append(statusField(process.processIdentifier, "VmHWM") ?? 0)
    _ = write(master, [UInt8(3)], 1)  // Ctrl-C
    process.waitUntilExit()
    close(master)

    let versionStart = clock.now
    let version = Process()
    version.executableURL = URL(fileURLWithPath: kioskctl)
    version.arguments = ["--version"]
    version.standardOutput = FileHandle.nullDevice
    try version.run()
    version.waitUntilExit()
    versionTimes.append(milliseconds(clock.now - versionStart))
}
let startup = Percentiles(firstScreen)
let versionStartup = Percentiles(versionTimes)
print("kioskd start-up (5 runs, 100×30 pty)")
print("  time to first screen median \(format(startup.p50)) ms   kioskctl --version median \(format(versionStartup.p50)) ms (baseline)   ratio \(format(startup.p50 / versionStartup.p50))")
print("  kioskd RSS idle \(idleRSS.max()! / 1024) MiB, peak \(peakRSS.max()! / 1024) MiB   (target idle < 40 MiB)")

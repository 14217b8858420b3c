// Benchmarks of the foundation, each against a baseline measured in the same run:
//  1. issue-a-ticket (core decision + store commit) vs. a bare one-row SQLite commit with the same durability;
//  2. central: ingest rate in batches of 100 vs. bare SQLite inserts of the same bytes; draining a 50,000-event
//     backlog from one terminal over HTTP vs. the ingest alone;
//  3. kioskd time to first screen and peak RSS vs. starting `kioskctl --version`;
//  4. printing: encoding a ticket; a ticket through libcups to completion vs. `lp -o raw` (PrintingBenchmark.swift);
//  5. screen: a full 1080×1920 frame and a countdown tick vs. filling and copying the frame (ScreenBenchmark.swift).
// Usage: kiosk-benchmarks [--tickets N] [--print-jobs N] [--only-printing] [--only-screen]
//   (built by `swift build -c release --product kiosk-benchmarks`, plus printer-emulator for section 4)
import Foundation
import AsyncHTTPClient
import ChildProcess
import GRDB
import Hummingbird
import HummingbirdBcrypt
import NIOCore
import PostgresNIO
import NIOHTTP1
import KioskCentral
import KioskCore
import KioskStore
import KioskSync
import Logging
import ServiceLifecycle

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

if arguments.contains("--only-screen") {
    try benchmarkScreen(rounds: 200)
    try benchmarkScreenFootprint()
    exit(0)
}

if arguments.contains("--only-printing") {
    try await benchmarkPrinting(rounds: arguments.firstIndex(of: "--print-jobs").flatMap { Int(arguments[$0 + 1]) } ?? 50)
    exit(0)
}

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

// MARK: 2. Central ingest and backlog drain

let backlogSize = arguments.firstIndex(of: "--backlog").flatMap { Int(arguments[$0 + 1]) } ?? 50_000
var quiet = Logger(label: "bench")
quiet.logLevel = .critical
let terminalStore = try KioskStore(path: scratch.appendingPathComponent("backlog.sqlite").path, terminal: TerminalID(rawValue: "bench-t1"), logger: quiet)
var made = 0
var lastSequence: Int64 = 0
while lastSequence < Int64(backlogSize) {
    let result = try terminalStore.issueWalkInTicket(
        catalog: catalog, service: ServiceID(rawValue: made % 2 == 0 ? "one" : "two"),
        at: monday.addingTimeInterval(Double(made) / 100), openCounters: 3, grantor: BlockGrantor(blockSize: 1000))
    if case .issued(let ticket, let event) = result {
        lastSequence = event.sequence
        if lastSequence < Int64(backlogSize) {
            lastSequence = try terminalStore.recordPrint(ticket: ticket.id, printer: "bench", failure: nil, at: monday).sequence
        }
    }
    made += 1
}
let backlogEntries = try terminalStore.nextBatch(limit: backlogSize)
let backlogEvents = try backlogEntries.map { try KioskEvent(jsonData: $0.body) }
let batches = stride(from: 0, to: backlogEvents.count, by: 100).map { Array(backlogEvents[$0..<min($0 + 100, backlogEvents.count)]) }

// Ingest straight into the store, batches of 100.
let ingestStore = try SQLiteCentralStore(path: scratch.appendingPathComponent("central-ingest.sqlite").path)
let ingestStart = clock.now
for batch in batches { _ = try await ingestStore.ingest(terminal: TerminalID(rawValue: "bench-t1"), events: batch, at: monday) }
let ingestTime = clock.now - ingestStart
// Baseline: the same bodies inserted as bare rows, one transaction per 100.
let bareCentral = try DatabasePool(path: scratch.appendingPathComponent("central-bare.sqlite").path, configuration: configuration)
try bareCentral.write { db in try db.execute(sql: "CREATE TABLE e (id TEXT PRIMARY KEY, body BLOB NOT NULL)") }
let bareTime = try clock.measure {
    for batch in stride(from: 0, to: backlogEntries.count, by: 100) {
        try bareCentral.write { db in
            for entry in backlogEntries[batch..<min(batch + 100, backlogEntries.count)] {
                try db.execute(sql: "INSERT INTO e(id, body) VALUES (?, ?)", arguments: [entry.id.uuidString, entry.body])
            }
        }
    }
}
let ingestRate = Double(backlogEvents.count) / (milliseconds(ingestTime) / 1000)
let bareRate = Double(backlogEvents.count) / (milliseconds(bareTime) / 1000)
print("central ingest (SQLite, \(backlogEvents.count) events in batches of 100)")
print("  ingest \(Int(ingestRate)) events/s   bare insert \(Int(bareRate)) rows/s (baseline)   ratio \(format(ingestRate / bareRate))   (target >= 5,000 events/s)")

// The same batches into PostgreSQL, when scripts/bench.sh started a private server.
if let adminURL = ProcessInfo.processInfo.environment["KIOSK_TEST_POSTGRES_URL"] {
    func freshDatabase(_ name: String) throws -> String {
        let result = try ChildProcess.run("psql", [adminURL, "-q", "-c", "DROP DATABASE IF EXISTS \(name)", "-c", "CREATE DATABASE \(name)"])
        precondition(result.termination.succeeded, String(decoding: result.error, as: UTF8.self))
        var components = URLComponents(string: adminURL)!
        components.path = "/" + name
        return components.string!
    }
    let postgresStore = try await PostgresCentralStore(url: try freshDatabase("kiosk_bench_ingest"), logger: quiet)
    let postgresStart = clock.now
    for batch in batches { _ = try await postgresStore.ingest(terminal: TerminalID(rawValue: "bench-t1"), events: batch, at: monday) }
    let postgresTime = clock.now - postgresStart
    postgresStore.close()
    // Baseline: the same bodies as bare rows through the same client, one transaction per 100.
    let bareClient = PostgresClient(configuration: try PostgresConnectionURL.configuration(try freshDatabase("kiosk_bench_bare")), backgroundLogger: quiet)
    let bareRunner = Task { await bareClient.run() }
    try await bareClient.query("CREATE TABLE e (id TEXT PRIMARY KEY, body BYTEA NOT NULL)")
    let barePostgresStart = clock.now
    for batch in stride(from: 0, to: backlogEntries.count, by: 100) {
        try await bareClient.withTransaction(logger: quiet) { connection in
            for entry in backlogEntries[batch..<min(batch + 100, backlogEntries.count)] {
                try await connection.query("INSERT INTO e(id, body) VALUES (\(entry.id.uuidString), \(entry.body))", logger: quiet)
            }
        }
    }
    let barePostgresTime = clock.now - barePostgresStart
    bareRunner.cancel()
    let postgresRate = Double(backlogEvents.count) / (milliseconds(postgresTime) / 1000)
    let barePostgresRate = Double(backlogEvents.count) / (milliseconds(barePostgresTime) / 1000)
    print("central ingest (PostgreSQL on loopback, \(backlogEvents.count) events in batches of 100)")
    print("  ingest \(Int(postgresRate)) events/s   bare insert \(Int(barePostgresRate)) rows/s (baseline)   ratio \(format(postgresRate / barePostgresRate))   SQLite ingest above for comparison \(Int(ingestRate)) events/s")
} else {
    print("central ingest (PostgreSQL): skipped, KIOSK_TEST_POSTGRES_URL not set (scripts/bench.sh starts a server)")
}

// Drain the same backlog from the terminal's outbox over HTTP into a fresh central service on loopback.
let centralStore = try SQLiteCentralStore(path: scratch.appendingPathComponent("central-drain.sqlite").path)
let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
let app = Application(
    router: CentralAPI.router(
        store: centralStore, settings: CentralSettings(catalogYAML: "", catalog: catalog, openCounters: 2)),
    configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
let serviceGroup = ServiceGroup(configuration: .init(services: [app], logger: quiet))
let server = Task { try await serviceGroup.run() }
var centralPort = 0
for await bound in portStream {
    centralPort = bound
    break
}
let pump = OutboxPump(store: terminalStore, transport: HTTPSyncTransport(baseURL: "http://127.0.0.1:\(centralPort)"), batchSize: 100, logger: quiet)
let drainStart = clock.now
let drained = try await pump.drain()
let drainTime = clock.now - drainStart
// Call-next latency: 50 clerks at 50 counters pressing "next" concurrently on the drained backlog's tickets.
let clerks = 50
for clerk in 0..<clerks {
    try await centralStore.putStaff(id: "clerk\(clerk)", displayName: "Clerk", role: .staff, passwordHash: Bcrypt.hash("bench-password", cost: 4))
    try await centralStore.putCounter(Counter(id: "c\(clerk)", name: "Schalter \(clerk)", queues: [QueueID(rawValue: "a"), QueueID(rawValue: "b")]))
}
let baseURL = "http://127.0.0.1:\(centralPort)"
// kiosk-central checkpoints every 10 s in the background; the drain above just wrote 50,000 events.
try await centralStore.checkpoint()
func post(_ path: String, body: String, token: String?) async throws -> HTTPClientResponse {
    var request = HTTPClientRequest(url: baseURL + path)
    request.method = .POST
    request.body = .bytes(ByteBuffer(string: body))
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    return try await HTTPClient.shared.execute(request, timeout: .seconds(30))
}
var tokens: [String] = []
for clerk in 0..<clerks {
    let response = try await post("/v1/staff/login", body: #"{"user":"clerk\#(clerk)","password":"bench-password"}"#, token: nil)
    let body = try await response.body.collect(upTo: 1 << 16)
    let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
    tokens.append(object?["token"] as? String ?? "")
}
let callsPerClerk = 40
func timedRound(_ request: @escaping @Sendable (Int) async throws -> Void) async throws -> [Double] {
    try await withThrowingTaskGroup(of: [Double].self) { group in
        for clerk in 0..<clerks {
            group.addTask {
                var samples: [Double] = []
                for _ in 0..<callsPerClerk {
                    let start = ContinuousClock.now
                    try await request(clerk)
                    samples.append(milliseconds(ContinuousClock.now - start))
                }
                return samples
            }
        }
        return try await group.reduce(into: []) { $0 += $1 }
    }
}
let healthSamples = try await timedRound { _ in
    _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/healthz"), timeout: .seconds(30)).body.collect(upTo: 1024)
}
let tokenList = tokens
let callSamples = try await timedRound { clerk in
    let response = try await post("/v1/counters/c\(clerk)/call-next", body: "", token: tokenList[clerk])
    precondition(response.status == .ok, "call-next failed: \(response.status)")
    _ = try await response.body.collect(upTo: 1 << 16)
}
let calledNumbers = try await centralStore.recentCalls(limit: clerks * callsPerClerk + 10).map(\.number)
let callLatency = Percentiles(callSamples)
let healthLatency = Percentiles(healthSamples)
print("call-next over HTTP (\(clerks) concurrent staff sessions, \(callSamples.count) calls, \(Set(calledNumbers).count) distinct tickets)")
print("  call-next p50 \(format(callLatency.p50)) ms  p99 \(format(callLatency.p99)) ms   /healthz p50 \(format(healthLatency.p50)) ms  p99 \(format(healthLatency.p99)) ms (baseline)   ratio p99 \(format(callLatency.p99 / healthLatency.p99))   (target p99 < 20 ms)")

await serviceGroup.triggerGracefulShutdown()
_ = try? await server.value
let drainSeconds = milliseconds(drainTime) / 1000
print("backlog drain over HTTP (\(drained) events, one terminal, batches of 100)")
print("  drain \(format(drainSeconds)) s (\(Int(Double(drained) / drainSeconds)) events/s)   ingest alone \(format(milliseconds(ingestTime) / 1000)) s (baseline)   ratio \(format(drainSeconds / (milliseconds(ingestTime) / 1000)))   (target < 30 s)")

// MARK: 5. Screen rendering (before 3, which ends the run early when kioskd is not built)

try benchmarkScreen(rounds: 200)
try benchmarkScreenFootprint()

// MARK: 4. Printing (before 3, which ends the run early when kioskd is not built)

try await benchmarkPrinting(rounds: arguments.firstIndex(of: "--print-jobs").flatMap { Int(arguments[$0 + 1]) } ?? 50)

// MARK: 3. kioskd start-up

/// Starts a program on a new pseudo-terminal of 100×30 and returns its pid and the master side.
func spawnOnPTY(_ path: String, _ arguments: [String]) throws -> (ChildProcess, Int32) {
    var master: Int32 = 0
    var slave: Int32 = 0
    var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.ENODEV) }
    defer { close(slave) }
    let process = try ChildProcess(path, arguments, input: .descriptor(slave), output: .descriptor(slave), error: .descriptor(slave))
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
    try await Task.sleep(for: .seconds(1.5))  // idle with its one-second tick running
    idleRSS.append(statusField(process.pid, "VmRSS") ?? 0)
    peakRSS.append(statusField(process.pid, "VmHWM") ?? 0)
    _ = write(master, [UInt8(3)], 1)  // Ctrl-C
    process.wait()
    close(master)

    let versionStart = clock.now
    try ChildProcess(kioskctl, ["--version"]).wait()
    versionTimes.append(milliseconds(clock.now - versionStart))
}
let startup = Percentiles(firstScreen)
let versionStartup = Percentiles(versionTimes)
print("kioskd start-up (5 runs, 100×30 pty)")
print("  time to first screen median \(format(startup.p50)) ms   kioskctl --version median \(format(versionStartup.p50)) ms (baseline)   ratio \(format(startup.p50 / versionStartup.p50))")
print("  kioskd RSS idle \(idleRSS.max()! / 1024) MiB, peak \(peakRSS.max()! / 1024) MiB   (target idle < 40 MiB)")

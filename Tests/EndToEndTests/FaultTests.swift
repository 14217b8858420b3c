import ChildProcess
import Devices
import Foundation
import KioskApp
import KioskCentral
import KioskCore
import KioskSealing
import KioskStore
import KioskSync
import KioskTesting
import KioskUI
import Logging
import Printing
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The fault suite (issue 9, part 6): each case names the fault and, in its doc comment, what must hold after
/// it; the test checks exactly that. Kills use the real binaries (store-crash-worker, kiosk-central).
///
/// Cases covered elsewhere and not repeated here: 200+ SIGKILLs during issue (KioskStoreTests.CrashSafetyTests),
/// kiosk-central SIGKILLed mid-sync (CentralCrashTests), the USB scanner's and signature pad's unplug under
/// umockdev (USBDevicesTests.Umockdev*Tests, fixtures `unplug.ioctl`), pcscd restarted under a watching monitor
/// (CardReaderTests.PCSCTests, which own the machine's one pcscd socket). kioskd itself killed mid-print and
/// mid-sync: FaultTests+KioskdKill.swift.
@Suite(.serialized, .timeLimit(.minutes(5))) struct FaultTests {
    static let catalogPath = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/services.yaml").path
    static let catalog = try! ServiceCatalog.parse(yaml: try! String(contentsOfFile: catalogPath, encoding: .utf8))
    static let monday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
    static var quiet: Logger {
        var logger = Logger(label: "fault")
        logger.logLevel = .critical
        return logger
    }
    /// A site open around the clock every day, so that the clock cases are about the clock, not opening hours.
    static let allDay = try! ServiceCatalog.parse(
        yaml: """
            site:
              id: s
              name: S
              openingHours: { mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"], fri: ["00:00-24:00"], sat: ["00:00-24:00"], sun: ["00:00-24:00"] }
            queues:
              - { id: a, prefix: A, name: A }
            services:
              - { id: one, queue: a, name: One }
            """)
    static var walkIns: [ServiceID] { catalog.services.filter { $0.access.allowsWalkIn && $0.dailyCapacity == nil }.map(\.id) }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Checks what must hold for a terminal database whatever happened to it: the outbox's sequence numbers run
    /// 1...last without a gap, every ticket has exactly one `ticket.issued` event and no number is issued twice.
    static func checkConsistent(_ store: KioskStore, days: [BusinessDay], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let entries = try store.allOutboxEntries()
        let last = try store.backlog().lastSequence
        #expect(entries.map(\.sequence) == (last == 0 ? [] : Array(1...last)), "sequences without gaps", sourceLocation: sourceLocation)
        let issuedEvents = try entries.compactMap { entry -> UUID? in
            guard case .ticketIssued(let ticket) = try KioskEvent(jsonData: entry.body).payload else { return nil }
            return ticket.id
        }
        let tickets = try days.flatMap { try store.tickets(day: $0) }
        #expect(Set(issuedEvents) == Set(tickets.map(\.id)) && issuedEvents.count == tickets.count,
                "one event per ticket", sourceLocation: sourceLocation)
        let numbers = tickets.map { "\($0.day.iso) \($0.queue) \($0.number.value)" }
        #expect(Set(numbers).count == numbers.count, "no number twice", sourceLocation: sourceLocation)
    }

    /// kill -9 of the issuing process (the store-crash-worker binary, which issues as kioskd does) at random moments:
    /// after each restart nothing committed is lost, no number is issued twice, the outbox has no gap.
    @Test func killedDuringIssueRestartLosesNothingAndDuplicatesNothing() throws {
        let worker = try #require(BuiltProducts.executable("store-crash-worker"), "build the package first (swift build --build-tests)")
        let directory = try Self.temporaryDirectory("kill-issue")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("kiosk.sqlite").path
        var lastSequence: Int64 = 0
        for round in 0..<20 {
            let process = try ChildProcess(worker.path, [database, "crash-terminal"], output: .null)
            usleep(UInt32(20_000 + round * 3_000))
            process.signal(SIGKILL)
            #expect(process.wait() == .signalled(SIGKILL))
            let store = try KioskStore(path: database, terminal: TerminalID(rawValue: "crash-terminal"), logger: Self.quiet)
            let sequence = try store.backlog().lastSequence
            #expect(sequence >= lastSequence, "round \(round): committed events never disappear")
            lastSequence = sequence
        }
        let store = try KioskStore(path: database, terminal: TerminalID(rawValue: "crash-terminal"), logger: Self.quiet)
        #expect(lastSequence > 0, "the worker must have issued something")
        try Self.checkConsistent(store, days: [BusinessDay(year: 2026, month: 11, day: 23)])
    }

    /// Central (the real kiosk-central) down for a simulated opening day: the terminal keeps issuing from its
    /// reserve, the outbox grows, sync rounds fail retryably; once central is back the backlog drains exactly
    /// once (central's event count equals the terminal's last sequence, a second drain sends nothing).
    @Test func centralDownForADayOutboxGrowsThenDrainsExactlyOnce() async throws {
        let directory = try Self.temporaryDirectory("central-down")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try KioskStore(path: directory.appendingPathComponent("terminal.sqlite").path, terminal: TerminalID(rawValue: "t1"), logger: Self.quiet)
        let central = try CentralProcess(database: directory.appendingPathComponent("central.sqlite").path, catalog: Self.catalogPath)
        let pump = OutboxPump(store: store, transport: HTTPSyncTransport(baseURL: central.url, timeout: .seconds(3)), batchSize: 100, logger: Self.quiet)
        // Down from opening: every half-hourly sync round of the day fails.
        var pendingSeen: [Int] = []
        var failures = 0
        for minute in stride(from: 0, to: 9 * 60, by: 3) {
            let service = Self.walkIns[minute % Self.walkIns.count]
            _ = try store.issueWalkInTicket(
                catalog: Self.catalog, service: service, at: Self.monday.addingTimeInterval(Double(minute * 60)), openCounters: 3,
                grantor: BlockGrantor(blockSize: 50))
            if minute % 30 == 27 {
                do {
                    _ = try await pump.drain()
                    Issue.record("a drain succeeded with central down")
                } catch let error as SyncError {
                    #expect(error.isRetryable)
                    failures += 1
                }
                pendingSeen.append(try store.backlog().pending)
            }
        }
        #expect(failures == 18)
        #expect(pendingSeen == pendingSeen.sorted() && pendingSeen.last! > pendingSeen.first!, "the outbox only grows")
        let total = try store.backlog().lastSequence
        try central.start()
        defer { central.kill() }
        var sent = 0
        for attempt in 1...5 {
            do {
                sent = try await pump.drain()
                break
            } catch where attempt < 5 {
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        #expect(sent > 0 && sent <= Int(total))
        #expect(try store.backlog().pending == 0)
        #expect(try await pump.drain() == 0, "nothing is sent twice")
        central.kill()
        let integrity = try await SQLiteCentralStore(path: central.database).integrity()
        #expect(integrity.events == Int(total), "every event exactly once")
        #expect(integrity.conflicts == 0 && integrity.distinctNumbers == integrity.tickets)
        try Self.checkConsistent(store, days: [BusinessDay(year: 2026, month: 11, day: 23)])
    }

    /// Paper end in the middle of the day: the ticket is committed first, so it stays valid; its print is
    /// recorded as failed with the reason (screen and central see it); after new paper the next ticket prints.
    @Test func paperEndMarksTheJobFailedWithItsReasonAndPrintingRecovers() async throws {
        let directory = try Self.temporaryDirectory("paper")
        defer { try? FileManager.default.removeItem(at: directory) }
        var loaded = try SiteLoader.load(configuration: KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/terminal.yaml"))
        loaded.databaseURL = directory.appendingPathComponent("kiosk.sqlite")
        loaded.settings.configuration.central = nil
        let store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Self.quiet)
        let printer = EmulatedTicketPrinter(output: directory.appendingPathComponent("printer.bin"), profile: loaded.printerProfile)
        // A minute passes with each reading of the clock, so the two tickets are in issue order.
        let ticks = ClockTicks()
        let session = KioskSession(
            settings: loaded.settings, store: store, printer: printer, logger: Self.quiet,
            now: { Self.monday.addingTimeInterval(Double(ticks.next()) * 60) })
        printer.simulate(.paperEnd)
        let failed = await session.handle(.digit(1))
        #expect(failed.highlight != nil, "the number is shown although it could not be printed")
        #expect(failed.notice?.kind == .error || failed.notice?.kind == .warning)
        let outcome = try #require(try store.lastPrintOutcome())
        #expect(!outcome.printed && outcome.failure != nil)
        let events = try store.allOutboxEntries().map { try KioskEvent(jsonData: $0.body) }
        #expect(events.contains { if case .ticketPrintFailed = $0.payload { true } else { false } })
        _ = await session.handle(.back)
        printer.simulate(nil)
        _ = await session.handle(.digit(1))
        #expect(try store.lastPrintOutcome()?.printed == true, "printing recovers without a restart")
        #expect(try store.queueCounts(day: BusinessDay(year: 2026, month: 11, day: 23)).map(\.printFailures).reduce(0, +) == 1)
    }

    /// Scanner unplugged mid-use (the emulated twin's `#unplug`): the kiosk sees it detached, and after
    /// `#replug` the next scan arrives without restarting anything.
    @Test func scannerUnpluggedIsDetachedAndTheNextScanWorks() async throws {
        let directory = try Self.temporaryDirectory("scanner")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("scanner").path
        let scanner = try EmulatedScanner(fifo: fifo)
        defer { scanner.shutdown() }
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)
        try #require(writer >= 0)
        defer { close(writer) }
        for line in ["T:1234:ab\n", "#unplug\n", "#replug\n", "T:5678:cd\n"] {
            _ = line.withCString { write(writer, $0, strlen($0)) }
            usleep(20_000)
        }
        var seen: [String] = []
        for await event in scanner.events() {
            switch event {
            case .attached: seen.append("attached")
            case .detached: seen.append("detached")
            case .scanned(let code): seen.append(String(decoding: code.data, as: UTF8.self))
            case .unreadable: seen.append("unreadable")
            }
            if seen.count == 5 { break }
        }
        #expect(seen == ["attached", "T:1234:ab", "detached", "attached", "T:5678:cd"])
    }

    /// Signature pad unplugged mid-signature: the capture ends `.detached` without a signature, nothing is kept in
    /// the store; the next capture on the replugged pad confirms normally.
    @Test func signaturePadUnpluggedMidSignatureKeepsNoHalfSignature() async throws {
        let directory = try Self.temporaryDirectory("pad")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try KioskStore(path: directory.appendingPathComponent("kiosk.sqlite").path, terminal: TerminalID(rawValue: "t1"), logger: Self.quiet)
        let central = SealingPrivateKey()
        let stroke = (0..<20).map { PenSample(x: 2000 + $0 * 10, y: 3000, pressure: 500, time: $0 * 5) }
        let pad = EmulatedSignaturePad(captures: [[.stroke(stroke), .unplug], [.stroke(stroke), .confirm]])
        var endings: [String] = []
        for _ in 0..<2 {
            for await event in try await pad.begin(SignaturePrompt()) {
                switch event {
                case .confirmed(let signature):
                    endings.append("confirmed")
                    try store.keepSignature(signature, id: UUID(), outboxSequence: 1, sealedTo: central.publicKey, at: Self.monday)
                case .detached: endings.append("detached")
                case .cancelled: endings.append("cancelled")
                default: break
                }
            }
            if endings == ["detached"] { #expect(try store.keptSignatureCount() == 0, "nothing of the unplugged capture is kept") }
        }
        #expect(endings == ["detached", "confirmed"])
        #expect(try store.keptSignatureCount() == 1)
    }

    /// Disk full (a 3 MB tmpfs holding the database, filled up): issuing fails with the disk-full error, in German
    /// and English, and commits nothing; the same store object (the daemon keeps running) issues again once
    /// space returns, continuing the numbers without a gap or a duplicate.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root")) func diskFullFailsClearlyAndIssuingContinuesWhenSpaceReturns() throws {
        let directory = try Self.temporaryDirectory("disk-full")
        defer { try? FileManager.default.removeItem(at: directory) }
        let mount = try ChildProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", directory.path], output: .null)
        try #require(mount.wait() == .exited(0), "mount -t tmpfs failed")
        defer { _ = try? ChildProcess("/bin/umount", ["-l", directory.path], output: .null).wait() }
        let store = try KioskStore(path: directory.appendingPathComponent("kiosk.sqlite").path, terminal: TerminalID(rawValue: "t1"), logger: Self.quiet)
        func issue(_ index: Int) throws(StoreError) -> KioskStore.IssueResult {
            try store.issueWalkInTicket(
                catalog: Self.catalog, service: Self.walkIns[index % Self.walkIns.count], at: Self.monday.addingTimeInterval(Double(index)),
                openCounters: 3, grantor: BlockGrantor(blockSize: 50))
        }
        for index in 0..<20 { _ = try issue(index) }
        // Fill what is left.
        let filler = directory.appendingPathComponent("filler")
        let descriptor = open(filler.path, O_WRONLY | O_CREAT, 0o600)
        let chunk = [UInt8](repeating: 0xAB, count: 64 * 1024)
        while write(descriptor, chunk, chunk.count) > 0 {}
        var small = [UInt8](repeating: 0xAB, count: 512)
        while write(descriptor, &small, small.count) > 0 {}
        close(descriptor)
        let before = try store.backlog().lastSequence
        var diskFull: StoreError?
        for index in 20..<400 {
            do {
                _ = try issue(index)
            } catch {
                diskFull = error
                break
            }
        }
        let error = try #require(diskFull, "issuing never failed on a full disk")
        #expect(error.isDiskFull, "\(error)")
        #expect(error.message[.german].contains("Datenträger ist voll") && error.message[.english].contains("disk is full"))
        let atFailure = try store.backlog().lastSequence
        #expect(atFailure >= before)
        try FileManager.default.removeItem(at: filler)
        for index in 400..<420 { _ = try issue(index) }
        #expect(try store.backlog().lastSequence > atFailure)
        try Self.checkConsistent(store, days: [BusinessDay(year: 2026, month: 11, day: 23)])
    }

    /// Clock jumps: the DST changes of 2026-10-25 (02:00-03:00 runs twice) and 2027-03-28 (02:00-03:00 is
    /// skipped) in Europe/Berlin and an NTP correction of ten minutes backwards. The numbering day stays the local
    /// day, numbers keep counting up without a duplicate, and the check-in window is measured in real minutes.
    @Test func clockJumpsKeepTheNumberingDayAndTheCheckInWindowRight() throws {
        let directory = try Self.temporaryDirectory("clock")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try KioskStore(path: directory.appendingPathComponent("kiosk.sqlite").path, terminal: TerminalID(rawValue: "t1"), logger: Self.quiet)
        let calendar = SiteCalendar.berlin
        let service = ServiceID(rawValue: "one")
        // UTC instants: 2026-10-25 00:30Z is 02:30 CEST, 01:30Z is 02:30 CET (the hour again), 03:00Z is 04:00 CET.
        func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
        let autumn = ["2026-10-24T22:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-25T01:20:00Z", "2026-10-25T03:00:00Z", "2026-10-25T20:00:00Z"]
        let spring = ["2027-03-28T00:59:00Z", "2027-03-28T01:00:00Z", "2027-03-28T00:50:00Z", "2027-03-28T20:00:00Z", "2027-03-28T22:30:00Z"]
        var numbers: [String: [Int]] = [:]
        for instant in (autumn + spring).map(utc) {
            guard case .issued(let ticket, _) = try store.issueWalkInTicket(
                catalog: Self.allDay, service: service, at: instant, openCounters: 3, grantor: BlockGrantor(blockSize: 50))
            else {
                Issue.record("not issued at \(instant)")
                continue
            }
            #expect(ticket.day == calendar.businessDay(of: instant))
            numbers[ticket.day.iso, default: []].append(ticket.number.value)
        }
        // All of 2026-10-25 local (22:30Z the day before to 20:00Z) is one numbering day, even with 02:30 twice and
        // the clock set back ten minutes; 22:30Z on 2027-03-28 (00:30 CEST) is already the 29th.
        for (day, issued) in numbers {
            #expect(issued == Array(issued.sorted()) && Set(issued).count == issued.count, "\(day): \(issued)")
        }
        #expect(numbers["2026-10-25"]?.count == 6)
        #expect(numbers["2027-03-28"]?.count == 4)
        #expect(numbers["2027-03-29"]?.count == 1)
        try Self.checkConsistent(store, days: numbers.keys.compactMap(BusinessDay.init(iso:)))

        // An appointment at 03:30 CET on the autumn day (02:30Z): ten real minutes early is on time, also though the
        // wall clock went through 02:00-03:00 twice; on the spring day, 03:10 CEST is ten real minutes after 01:59 CET.
        for (appointmentStart, early) in [("2026-10-25T02:30:00Z", "2026-10-25T02:20:00Z"), ("2027-03-28T01:10:00Z", "2027-03-28T01:00:00Z")] {
            let appointment = Appointment(
                id: AppointmentID(rawValue: "x"), service: service, start: utc(appointmentStart), durationMinutes: 15,
                processNumber: "1", authKey: "k", bookingReference: nil, state: .booked)
            let reference = Appointment(
                id: AppointmentID(rawValue: "y"), service: service, start: Self.monday, durationMinutes: 15,
                processNumber: "1", authKey: "k", bookingReference: nil, state: .booked)
            let earlyBy = utc(appointmentStart).timeIntervalSince(utc(early))
            #expect(
                CheckInRules.standard.decide(appointment: appointment, at: utc(early), calendar: calendar)
                    == CheckInRules.standard.decide(appointment: reference, at: Self.monday.addingTimeInterval(-earlyBy), calendar: calendar),
                "\(appointmentStart): the same real minutes early decide as on an ordinary day")
        }
    }
}

/// A counter shared with the session's clock closure.
final class ClockTicks: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

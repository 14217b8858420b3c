import Foundation
import KioskUITesting
import Testing

@testable import KioskUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal pair: the session gets the slave side, the test plays the terminal on the master side.
final class PseudoTerminal: @unchecked Sendable {
    // @unchecked: the descriptors are fixed after init; `inbox` guards its own fields.
    let master: Int32
    let slave: Int32
    private let inbox = Inbox()

    /// What the drain thread shares with the terminal; the thread holds this, not the terminal, so that
    /// the terminal's deinit runs and stops the thread.
    private final class Inbox: @unchecked Sendable {
        // @unchecked: both fields are guarded by `lock`.
        let lock = NSLock()
        var received: [UInt8] = []
        var running = true
        let drained = DispatchSemaphore(value: 0)
    }

    init(columns: Int, rows: Int) throws {
        let pty = try PseudoTerminal.libc()
        master = pty.openMaster(O_RDWR | O_NOCTTY)
        guard master >= 0, pty.grant(master) == 0, pty.unlock(master) == 0 else {
            throw TerminalError.systemCall("posix_openpt", errno: errno)
        }
        var name = [CChar](repeating: 0, count: 128)
        guard pty.name(master, &name, name.count) == 0 else {
            throw TerminalError.systemCall("ptsname_r", errno: errno)
        }
        let path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = open(path, O_RDWR | O_NOCTTY)
        guard slave >= 0 else {
            throw TerminalError.systemCall("open", errno: errno)
        }
        setSize(columns: columns, rows: rows)
        // Drain the master all the time: a full pty buffer would block the session's writes.
        let thread = Thread { [inbox, master] in
            Self.drain(master, into: inbox)
        }
        thread.start()
    }

    /// The pty functions of the C library, looked up at run time because Swift's Glibc module hides them
    /// behind feature macros.
    private static func libc() throws -> (
        openMaster: @convention(c) (Int32) -> Int32,
        grant: @convention(c) (Int32) -> Int32,
        unlock: @convention(c) (Int32) -> Int32,
        name: @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
    ) {
        let handle = dlopen(nil, RTLD_NOW)
        guard let openMaster = dlsym(handle, "posix_openpt"), let grant = dlsym(handle, "grantpt"),
            let unlock = dlsym(handle, "unlockpt"), let name = dlsym(handle, "ptsname_r")
        else {
            throw TerminalError.systemCall("dlsym", errno: 0)
        }
        return (
            unsafeBitCast(openMaster, to: (@convention(c) (Int32) -> Int32).self),
            unsafeBitCast(grant, to: (@convention(c) (Int32) -> Int32).self),
            unsafeBitCast(unlock, to: (@convention(c) (Int32) -> Int32).self),
            unsafeBitCast(name, to: (@convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32).self)
        )
    }

    deinit {
        inbox.lock.withLock { inbox.running = false }
        inbox.drained.wait()
        close(slave)
        close(master)
    }

    func setSize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types bytes as if on the keyboard.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Everything the session wrote since the last call.
    func takeOutput() -> String {
        inbox.lock.withLock {
            defer { inbox.received.removeAll() }
            return String(decoding: inbox.received, as: UTF8.self)
        }
    }

    func localFlags() -> tcflag_t {
        var attributes = termios()
        _ = tcgetattr(slave, &attributes)
        return attributes.c_lflag
    }

    private static func drain(_ master: Int32, into inbox: Inbox) {
        defer { inbox.drained.signal() }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while inbox.lock.withLock({ inbox.running }) {
            var descriptors = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            guard poll(&descriptors, 1, 20) > 0 else { continue }
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                inbox.lock.withLock { inbox.received += buffer[0..<count] }
            }
        }
    }
}

/// Collects a session's events from its stream so the test can wait for them.
final class EventLog: @unchecked Sendable {
    // @unchecked: both fields are guarded by `lock`.
    private let lock = NSLock()
    private var events: [TerminalEvent] = []
    private var finished = false

    var all: [TerminalEvent] { lock.withLock { events } }
    var isFinished: Bool { lock.withLock { finished } }

    func collect(_ stream: AsyncStream<TerminalEvent>) -> Task<Void, Never> {
        Task {
            for await event in stream {
                lock.withLock { events.append(event) }
            }
            lock.withLock { finished = true }
        }
    }

    func clear() {
        lock.withLock { events.removeAll() }
    }
}

/// Polls a condition until it holds or five seconds have passed.
func eventually(_ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(5)
    while clock.now < deadline {
        if condition() {
            return true
        }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

// Serialized: the resize test raises SIGWINCH for the whole process.
@Suite("Terminal session", .serialized)
struct TerminalSessionTests {
    let escape = "\u{1B}"

    @Test("refuses to start without a terminal, and says so in German and English")
    func notATerminal() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer {
            close(ends[0])
            close(ends[1])
        }
        #expect(throws: TerminalError.notATerminal) {
            _ = try TerminalSession(input: ends[0], output: ends[1])
        }
        let message = TerminalError.notATerminal.description
        #expect(message.contains("kioskd braucht ein Terminal"))
        #expect(message.contains("kioskd needs a terminal"))
        #expect(message.contains("tmux") && message.contains("--headless"))
    }

    @Test("the too-small error names the needed and the actual size in both languages")
    func tooSmallMessage() {
        let error = TerminalError.tooSmall(columns: 60, rows: 20)
        #expect(error.description.contains("zu klein") && error.description.contains("too small"))
        #expect(error.description.contains("80×24") && error.description.contains("60×20"))
        #expect(error.isTooSmall && error.reportedSize! == (60, 20))
        #expect(!TerminalError.notATerminal.isTooSmall)
        #expect(error == .tooSmall(columns: 60, rows: 20) && error != .tooSmall(columns: 61, rows: 20))
    }

    @Test("raw mode, alternate screen and hidden cursor while open; all restored on close")
    func rawModeAndRestore() async throws {
        let terminal = try PseudoTerminal(columns: 100, rows: 30)
        let before = terminal.localFlags()
        #expect(before & tcflag_t(ECHO) != 0 && before & tcflag_t(ICANON) != 0)

        let session = try TerminalSession(input: terminal.slave, output: terminal.slave)
        let flags = terminal.localFlags()
        #expect(flags & tcflag_t(ECHO) == 0)
        #expect(flags & tcflag_t(ICANON) == 0)
        #expect(flags & tcflag_t(ISIG) == 0)
        #expect(session.size == TerminalSize(columns: 100, rows: 30))
        #expect(throws: Never.self) { try session.checkSize() }

        session.render(ScreenFixtures.home)
        session.close()
        session.close()
        session.render(ScreenFixtures.home)
        var output = ""
        _ = await eventually {
            output += terminal.takeOutput()
            return output.hasSuffix("\(escape)[?1049l")
        }
        #expect(output.hasPrefix("\(escape)[?1049h\(escape)[?25l\(escape)[?7l"))
        #expect(output.contains("\(escape)[2J") && output.contains("Bürgerbüro Musterstadt"))
        #expect(output.hasSuffix("\(escape)[0m\(escape)[?7h\(escape)[?25h\(escape)[?1049l"))
        #expect(terminal.localFlags() == before)
    }

    @Test("dropping the session without close() restores the terminal too")
    func deinitRestores() async throws {
        let terminal = try PseudoTerminal(columns: 80, rows: 24)
        let before = terminal.localFlags()
        do {
            let session = try TerminalSession(input: terminal.slave, output: terminal.slave)
            _ = session.events()
            #expect(terminal.localFlags() != before)
        }
        #expect(terminal.localFlags() == before)
        var output = ""
        #expect(
            await eventually {
                output += terminal.takeOutput()
                return output.hasSuffix("\(escape)[?1049l")
            }
        )
    }

    @Test("keys arrive as events; unchanged frames write nothing; a lone ESC arrives after a pause")
    func keysAndFrames() async throws {
        let terminal = try PseudoTerminal(columns: 80, rows: 24)
        let session = try TerminalSession(input: terminal.slave, output: terminal.slave)
        defer { session.close() }
        let log = EventLog()
        let collector = log.collect(session.events())

        session.render(ScreenFixtures.home)
        #expect(await eventually { terminal.takeOutput().contains("Bürgerbüro") })
        session.render(ScreenFixtures.home)
        var next = ScreenFixtures.home
        next.selection = 0
        session.render(next)
        try await Task.sleep(for: .milliseconds(50))
        let partial = terminal.takeOutput()
        #expect(!partial.contains("\(escape)[2J"))
        #expect(partial.contains("\(escape)[8;3H") && partial.contains("\(escape)[10;3H"))

        terminal.type("\(escape)[A1ü\u{3}")
        #expect(await eventually { log.all.count == 4 })
        #expect(log.all == [.key(.up), .key(.digit(1)), .key(.character("ü")), .key(.interrupt)])
        log.clear()
        terminal.type(escape)
        #expect(await eventually { log.all == [.key(.escape)] })

        session.showMessage("Bitte warten · Please wait")
        #expect(await eventually { terminal.takeOutput().contains("Bitte warten · Please wait") })

        session.close()
        #expect(await eventually { log.isFinished })
        collector.cancel()
    }

    @Test("SIGWINCH becomes a resize event, updates the size and forces a full redraw")
    func resize() async throws {
        let terminal = try PseudoTerminal(columns: 80, rows: 24)
        let session = try TerminalSession(input: terminal.slave, output: terminal.slave)
        defer { session.close() }
        let log = EventLog()
        let collector = log.collect(session.events())
        defer { collector.cancel() }
        session.render(ScreenFixtures.ticketIssued)
        _ = await eventually { terminal.takeOutput().contains("Wartenummer") }

        terminal.setSize(columns: 120, rows: 40)
        kill(getpid(), SIGWINCH)
        #expect(await eventually { log.all.contains(.resize(columns: 120, rows: 40)) })
        #expect(session.size == TerminalSize(columns: 120, rows: 40))
        session.render(ScreenFixtures.ticketIssued)
        #expect(await eventually { terminal.takeOutput().contains("STADT MUSTERSTADT") })

        terminal.setSize(columns: 60, rows: 20)
        kill(getpid(), SIGWINCH)
        #expect(await eventually { log.all.contains(.resize(columns: 60, rows: 20)) })
        #expect(throws: TerminalError.tooSmall(columns: 60, rows: 20)) { try session.checkSize() }
        session.render(ScreenFixtures.ticketIssued)
        let message = await eventually { terminal.takeOutput().contains("zu klein") }
        #expect(message)
    }
}

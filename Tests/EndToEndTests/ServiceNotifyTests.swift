import ChildProcess
import Foundation
import KioskTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The notify socket systemd gives a `Type=notify` service: a datagram socket the test binds and reads.
final class NotifySocket {
    let path: String
    private let descriptor: Int32

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard descriptor >= 0, bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
    }

    /// The messages received until `text` arrives or `timeout` passes (each datagram one message).
    func waitFor(_ text: String, timeout: Duration) -> [String] {
        var messages: [String] = []
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 512)
        while ContinuousClock.now < deadline, !messages.contains(text) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { messages.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        return messages
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}

/// The daemons under a notify socket, as systemd runs the units in Kiosk/systemd/.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServiceNotifyTests {
    @Test func kioskCentralIsReadyOnceItServesBeatsTheWatchdogAndSaysWhenItStops() throws {
        let notify = try NotifySocket()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notify-central-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = try #require(KioskdTerminalTests.executable("kiosk-central"))
        let port = LoopbackPort.free()
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment["WATCHDOG_USEC"] = "400000"
        let catalog = KioskdTerminalTests.repository.appendingPathComponent("Kiosk/example/services.yaml").path
        let child = try ChildProcess(
            binary, ["serve", "--database", directory.appendingPathComponent("central.sqlite").path, "--catalog", catalog, "--port", String(port)],
            environment: environment)
        defer { child.terminate() }
        let untilReady = notify.waitFor("READY=1", timeout: .seconds(30))
        #expect(untilReady.contains("READY=1"), "\(untilReady)")
        // Ready means serving: the port answers by now.
        #expect(LoopbackPort.accepts(port))
        // WATCHDOG_USEC 400 ms: a beat every 200 ms.
        let beats = notify.waitFor("never", timeout: .seconds(1)).filter { $0 == "WATCHDOG=1" }
        #expect(beats.count >= 2, "\(beats)")
        child.signal(SIGTERM)
        let untilStopping = notify.waitFor("STOPPING=1", timeout: .seconds(15))
        #expect(untilStopping.contains("STOPPING=1"), "\(untilStopping)")
        if case .exited(let code)? = child.wait(timeout: .seconds(15)) {
            #expect(code == 0)
        } else {
            Issue.record("kiosk-central did not exit on SIGTERM")
        }
    }

    @Test func kioskdIsReadyOnceItsFirstScreenIsDrawnAndSaysWhenItStops() throws {
        guard KioskdTerminalTests.tmuxAvailable else {
            print("skipped: tmux is not installed (scripts/test.sh installs it)")
            return
        }
        let notify = try NotifySocket()
        let pane = try KioskdTerminalTests.Pane(
            columns: 100, rows: 30, extra: ["--demo-time", "2026-11-23T09:00"], prefix: "NOTIFY_SOCKET=\(notify.path) WATCHDOG_USEC=400000")
        defer { pane.close() }
        let untilReady = notify.waitFor("READY=1", timeout: .seconds(30))
        #expect(untilReady.contains("READY=1"), "\(untilReady)")
        try pane.waitFor("Willkommen im Bürgerbüro")
        #expect(notify.waitFor("never", timeout: .seconds(1)).filter { $0 == "WATCHDOG=1" }.count >= 2)
        try pane.keys("C-c")
        let untilStopping = notify.waitFor("STOPPING=1", timeout: .seconds(15))
        #expect(untilStopping.contains("STOPPING=1"), "\(untilStopping)")
        try pane.waitFor("kioskd-exit=0")
    }
}

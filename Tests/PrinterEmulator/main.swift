// printer-emulator: a network ESC/POS printer on loopback for the CUPS tests and the benchmark.
//
//   printer-emulator --port PORT --record FILE [--control FILE] [--log FILE]
//
// Listens on 127.0.0.1:PORT. Job bytes from every connection are appended to FILE as they are "printed";
// real-time requests between commands are answered (DLE EOT 1...4) or obeyed (DLE DC4 8, clear buffers)
// and not recorded. The control file holds one line, re-read while running, so a test can switch the state:
//
//   ok | near-end | paper-end | cover-open | offline | silent     [paper-after=N] [status-delay=MS]
//
// paper-end, cover-open and offline hold job bytes in the printer's buffer instead of printing them, as a
// printer does; they print when the state returns to ok, unless a clear-buffers request dropped them.
// silent prints but never answers status requests (a printer without DLE EOT). paper-after=N lets N more
// bytes print, then the paper runs out. status-delay=MS answers
// status requests MS milliseconds late (a slow printer), which keeps a client waiting after its job's bytes arrived. The log gets one line per event, for tests to check.
import Foundation
import PrintingTesting

#if canImport(Glibc)
import Glibc
#endif

enum State: String {
    case ok, nearEnd = "near-end", paperEnd = "paper-end", coverOpen = "cover-open", offline, silent

    /// The replies to DLE EOT 1...4 (see notes/devices.md); nil: no reply at all.
    var replies: [UInt8]? {
        switch self {
        case .ok: [0x12, 0x12, 0x12, 0x12]
        case .nearEnd: [0x12, 0x12, 0x12, 0x1E]
        case .paperEnd: [0x1A, 0x32, 0x12, 0x7E]
        case .coverOpen: [0x1A, 0x16, 0x12, 0x12]
        case .offline: [0x1A, 0x12, 0x12, 0x12]
        case .silent: nil
        }
    }

    var prints: Bool { self == .ok || self == .nearEnd || self == .silent }
}

@MainActor func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

guard let portText = option("--port"), let port = UInt16(portText), let recordPath = option("--record") else {
    FileHandle.standardError.write(Data("usage: printer-emulator --port PORT --record FILE [--control FILE] [--log FILE]\n".utf8))
    exit(64)
}
let controlPath = option("--control")
let logPath = option("--log")

@MainActor func append(_ bytes: [UInt8], to path: String) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

@MainActor func log(_ line: String) {
    if let logPath { append(Array((line + "\n").utf8), to: logPath) }
}

// MARK: - The printer

var state = State.ok
var controlText: String?
var paperAfter: Int?
var statusDelay = Duration.zero
/// Replies held back by `status-delay`, sent once due.
var delayedReplies: [(due: ContinuousClock.Instant, client: Int32, reply: [UInt8])] = []
var printedSinceControl = 0
var held: [UInt8] = []

/// Prints what the state allows; the rest waits in the buffer.
@MainActor func printOrHold(_ bytes: [UInt8]) {
    guard state.prints else {
        held += bytes
        log("held \(bytes.count)")
        return
    }
    var printable = bytes
    if let limit = paperAfter, printedSinceControl + bytes.count > limit {
        let fit = max(0, limit - printedSinceControl)
        printable = Array(bytes[0..<fit])
        held += bytes[fit...]
        state = .paperEnd
        log("paper ran out after \(limit) bytes, held \(bytes.count - fit)")
    }
    if !printable.isEmpty {
        append(printable, to: recordPath)
        printedSinceControl += printable.count
        log("printed \(printable.count)")
    }
}

@MainActor func reloadControl() {
    guard let controlPath, let text = try? String(contentsOfFile: controlPath, encoding: .utf8), text != controlText else { return }
    controlText = text
    let words = text.split(whereSeparator: \.isWhitespace)
    guard let first = words.first, let newState = State(rawValue: String(first)) else {
        log("control: unknown state \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        return
    }
    state = newState
    paperAfter = words.dropFirst().first { $0.hasPrefix("paper-after=") }.flatMap { Int($0.dropFirst("paper-after=".count)) }
    statusDelay = .milliseconds(words.dropFirst().first { $0.hasPrefix("status-delay=") }.flatMap { Int($0.dropFirst("status-delay=".count)) } ?? 0)
    printedSinceControl = 0
    log("state \(newState.rawValue)\(paperAfter.map { " paper-after=\($0)" } ?? "")")
    if newState.prints, !held.isEmpty {
        let waiting = held
        held = []
        printOrHold(waiting)
    }
}

// MARK: - Sockets

let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
var reuse: Int32 = 1
setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
var address = sockaddr_in()
address.sin_family = sa_family_t(AF_INET)
address.sin_port = port.bigEndian
address.sin_addr.s_addr = inet_addr("127.0.0.1")
let bound = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
}
guard bound == 0, listen(listener, 16) == 0 else {
    FileHandle.standardError.write(Data("printer-emulator: cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))\n".utf8))
    exit(71)
}
_ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
signal(SIGPIPE, SIG_IGN)
reloadControl()
log("listening \(port)")

struct Connection {
    var splitter = RealTimeCommandSplitter()
}
var connections: [Int32: Connection] = [:]
var buffer = [UInt8](repeating: 0, count: 65536)

while true {
    reloadControl()
    let now = ContinuousClock.now
    for delayed in delayedReplies where delayed.due <= now && connections[delayed.client] != nil {
        _ = delayed.reply.withUnsafeBytes { send(delayed.client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
    delayedReplies.removeAll { $0.due <= now }
    var descriptors = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
    descriptors += connections.keys.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    guard poll(&descriptors, nfds_t(descriptors.count), 20) > 0 else { continue }
    if descriptors[0].revents != 0 {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { break }
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            connections[client] = Connection()
            log("connect \(client)")
        }
    }
    // Everything that arrived is taken in first, then requests are answered: a status request sent after a
    // job's last byte reached this machine sees the state that job left behind.
    var requests: [(Int32, UInt8)] = []
    for descriptor in descriptors.dropFirst() where descriptor.revents != 0 {
        let client = descriptor.fd
        guard var connection = connections[client] else { continue }
        var pieces: [RealTimeCommandSplitter.Piece] = []
        var closed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                pieces += connection.splitter.feed(buffer[0..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                closed = count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
                break
            }
        }
        if closed { pieces += connection.splitter.finish() }
        for piece in pieces {
            switch piece {
            case .data(let bytes): printOrHold(bytes)
            case .statusRequest(let n): requests.append((client, n))
            case .clearBuffers:
                log("clear \(held.count)")
                held = []
                requests.append((client, 0))
            }
        }
        if closed {
            close(client)
            connections[client] = nil
            log("close \(client)")
        } else {
            connections[client] = connection
        }
    }
    for (client, n) in requests where connections[client] != nil {
        let reply: [UInt8]
        if n == 0 {
            reply = [0x37, 0x25, 0x00]  // Epson's answer to DLE DC4 8
        } else if let replies = state.replies {
            reply = [replies[Int(n) - 1]]
        } else {
            log("status \(n) unanswered")
            continue
        }
        // Logged before the reply goes out, so that whoever has the reply finds the line.
        if n > 0 { log("status \(n) \(String(reply[0], radix: 16))") }
        if n > 0, statusDelay > .zero {
            delayedReplies.append((ContinuousClock.now + statusDelay, client, reply))
            continue
        }
        _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}

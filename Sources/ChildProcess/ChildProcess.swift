public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` and reaped by its own process id.
///
/// Foundation's `Process` reaps children from a SIGCHLD handler; with several processes started and ended
/// at once from different threads its `waitUntilExit()` was seen to wait for ever on a child that had
/// already exited (a zombie nobody collected). Here every child is collected by `waitpid` on its own id,
/// so one child's end can never be missed or taken by another waiter.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `termination` is written under `lock`; everything else is set once in init.

    /// How a child ended.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        /// It called exit with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        /// True for `exit(0)`.
        public var succeeded: Bool { self == .exited(0) }

        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable {
        /// /dev/null.
        case null
        /// The same descriptor as this process.
        case inherit
        /// A file, created or truncated for output, read for input.
        case file(String)
        /// An open descriptor of this process; the child gets a copy, the caller keeps and closes its own.
        case descriptor(Int32)
    }

    /// Starting the child failed.
    public struct SpawnError: Error, CustomStringConvertible {
        /// The program that could not be started.
        public let executable: String
        /// The `errno` value posix_spawn returned.
        public let code: Int32

        public var description: String {
            "could not start \(executable): \(String(cString: strerror(code))) — check that it is installed and executable"
        }
    }

    /// The child's process id.
    public let pid: pid_t
    private let lock = NSLock()
    private var termination: Termination?

    /// Starts `executable` (a path, or a name looked up in PATH) with `arguments`.
    ///
    /// - Parameter environment: the child's whole environment; nil passes this process's on.
    public init(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
        input: Stream = .null, output: Stream = .null, error: Stream = .null
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (stream, target, forWriting) in [(input, Int32(0), false), (output, 1, true), (error, 2, true)] {
            switch stream {
            case .inherit: break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", forWriting ? O_WRONLY : O_RDONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(
                    &actions, target, path, forWriting ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY, 0o600)
            case .descriptor(let descriptor):
                posix_spawn_file_actions_adddup2(&actions, descriptor, target)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no blocked signals and default handlers: this process ignores SIGPIPE
        // (as servers do), and ignored signals would otherwise be inherited across exec.
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let environmentList = environment.map { $0.map { "\($0.key)=\($0.value)" } }
            ?? ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp = environmentList.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let code = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        pid = child
    }

    /// Sends `signal` to the child, unless it has already been collected.
    public func signal(_ signal: Int32) {
        lock.withLock {
            if termination == nil { _ = Glibc.kill(pid, signal) }
        }
    }

    /// Stops a server child the polite way: SIGTERM, then SIGKILL if it is still there after `grace`; returns
    /// once it is collected. Blocks the calling thread.
    @discardableResult
    public func terminate(grace: Duration = .seconds(5)) -> Termination {
        signal(SIGTERM)
        if let done = wait(timeout: grace) { return done }
        signal(SIGKILL)
        return wait()
    }

    /// Waits for the child to end. Blocks the calling thread: from async code use ``exit()``.
    @discardableResult
    public func wait() -> Termination {
        while true {
            if let done = poll() { return done }
            usleep(2_000)
        }
    }

    /// Waits at most `timeout`; nil if the child still runs then.
    public func wait(timeout: Duration) -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let done = poll() { return done }
            usleep(2_000)
        }
        return poll()
    }

    /// Waits for the child to end without holding a thread.
    @discardableResult
    public func exit() async -> Termination {
        while true {
            if let done = poll() { return done }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// How waiting for a server child to come up ended.
    public enum Readiness: Equatable, Sendable {
        /// `isReady` said yes.
        case ready
        /// The child ended first.
        case ended(Termination)
        /// Neither within the time given; the child still runs.
        case timedOut
    }

    /// Polls `isReady` (a port that accepts, a line in a log) until it holds, the child ends, or `timeout`
    /// passes. Blocks the calling thread.
    public func waitUntilReady(within timeout: Duration, _ isReady: () -> Bool) -> Readiness {
        let deadline = ContinuousClock.now + timeout
        while !isReady() {
            if let end = poll() { return .ended(end) }
            guard ContinuousClock.now < deadline else { return .timedOut }
            usleep(5_000)
        }
        return .ready
    }

    /// The child's end if it has ended, collecting it the first time.
    public func poll() -> Termination? {
        lock.withLock {
            if let termination { return termination }
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, WNOHANG) } while result == -1 && errno == EINTR
            guard result == pid else { return nil }
            let low = status & 0x7f
            termination = low == 0 ? .exited((status >> 8) & 0xff) : .signalled(low)
            return termination
        }
    }

    deinit {
        // A child nobody waited for is killed and collected rather than left as a zombie.
        if lock.withLock({ termination }) == nil {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
    }
}

extension ChildProcess {
    /// What a finished command printed and how it ended.
    public struct Result: Sendable {
        /// Its standard output.
        public let output: Data
        /// Its standard error.
        public let error: Data
        /// How it ended.
        public let termination: Termination

        /// Standard output as UTF-8 text.
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// The command ran longer than it was allowed to and was killed.
    public struct TimedOut: Error, CustomStringConvertible {
        /// The command.
        public let executable: String
        /// How long it was given.
        public let timeout: Duration

        public var description: String { "\(executable) did not finish within \(timeout) and was killed" }
    }

    /// Runs a command to its end and returns what it printed. Output goes through files, not pipes: a
    /// daemon the command starts (tmux, for one) inherits the descriptors and would keep a pipe open.
    ///
    /// Blocks the calling thread for as long as the command runs.
    public static func run(
        _ executable: String, _ arguments: [String] = [], input: Data? = nil, environment: [String: String]? = nil,
        timeout: Duration = .seconds(120)
    ) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputPath = directory.appendingPathComponent("in").path
        let outputPath = directory.appendingPathComponent("out").path
        let errorPath = directory.appendingPathComponent("err").path
        if let input { try input.write(to: URL(fileURLWithPath: inputPath)) }
        let child = try ChildProcess(
            executable, arguments, environment: environment, input: input == nil ? .null : .file(inputPath),
            output: .file(outputPath), error: .file(errorPath))
        guard let termination = child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            child.wait()
            throw TimedOut(executable: executable, timeout: timeout)
        }
        return Result(
            output: (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data(),
            error: (try? Data(contentsOf: URL(fileURLWithPath: errorPath))) ?? Data(),
            termination: termination)
    }
}

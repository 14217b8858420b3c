import Foundation
import Hummingbird
import KioskCentral
import KioskCore
import KioskTesting
import Logging
import NIOCore
import ServiceLifecycle

/// A kiosk-central on loopback inside the test process, stoppable and restartable on the same port and file.
final class LiveCentral: @unchecked Sendable {
    // @unchecked: `task` and `group` are only touched by the test's task between awaits.
    let databasePath: String
    let settings: CentralSettings
    private(set) var port: Int
    private var task: Task<Void, any Error>?
    private var group: ServiceGroup?

    init(databasePath: String, settings: CentralSettings) {
        self.databasePath = databasePath
        self.settings = settings
        port = LoopbackPort.free()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on its port; fails, instead of waiting for ever, when it cannot bind within 10 s.
    func start() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            do {
                try await startOnce()
                return
            } catch where ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    private func startOnce() async throws {
        let store = try SQLiteCentralStore(path: databasePath)
        let (ready, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "central-test")
        logger.logLevel = .warning
        let app = Application(
            router: CentralAPI.router(store: store, settings: settings),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            // Ends the wait below when the server stops or never binds.
            defer { continuation.finish() }
            try await group.run()
        }
        for await _ in ready {
            self.group = group
            self.task = task
            return
        }
        try await task.value
        throw CancellationError()
    }

    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
        task = nil
        group = nil
    }
}

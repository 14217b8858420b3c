import Foundation
import Hummingbird
import KioskCentral
import KioskCore
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
        port = 0
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server; the first start picks a free port, later starts reuse it.
    func start() async throws {
        let store = try CentralStore(path: databasePath)
        let (ready, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "central-test")
        logger.logLevel = .warning
        let app = Application(
            router: CentralAPI.router(store: store, settings: settings),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        self.group = group
        task = Task { try await group.run() }
        for await bound in ready {
            port = bound
            break
        }
    }

    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
        task = nil
        group = nil
    }
}

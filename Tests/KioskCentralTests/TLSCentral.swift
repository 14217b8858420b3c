import AsyncHTTPClient
import Foundation
import Hummingbird
import KioskCentral
import KioskCore
import KioskIdentity
import KioskTesting
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import ServiceLifecycle
import Testing

/// A site made at test time: a temporary TLS folder with a new CA and a server certificate for 127.0.0.1.
struct TestAuthority {
    let files: SiteAuthority.Files
    let authority: SiteAuthority

    init(site: String = "Teststadt") throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-tls-\(UUID().uuidString)").path
        files = SiteAuthority.Files(directory: directory)
        authority = try SiteAuthority.create(files: files, siteName: site, serverNames: ["127.0.0.1", "localhost"], now: Date())
    }

    /// Enrols a terminal straight through the store, as `kiosk-central terminal approve` does after a request:
    /// its key and the issued certificate.
    func enrol(_ terminal: String, store: any CentralStore) async throws -> (key: TerminalKey, certificate: IssuedCertificate) {
        let key = TerminalKey()
        let csr = try key.csr(terminal: TerminalID(rawValue: terminal))
        let checked = try TerminalRequest.check(csrPEM: csr, terminal: TerminalID(rawValue: terminal))
        let stored = try await store.submitEnrolment(
            EnrolmentRecord(
                id: UUID(), terminal: TerminalID(rawValue: terminal), csr: csr, keyFingerprint: checked.keyFingerprint, state: .pending,
                requestedAt: Date()),
            maxPending: TerminalEnrolments.maxPending)
        let issued = try await TerminalEnrolments.approve(id: stored.id, authority: authority, store: store, by: "admin", at: Date())
        return (key, issued)
    }

    /// Client TLS settings that trust this site's CA and present `certificate` with `key` (none when nil).
    func clientTLS(certificatePEM: String? = nil, key: TerminalKey? = nil) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authority.certificatePEM.utf8)))
        if let certificatePEM, let key {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pem.utf8), format: .pem))
        }
        return tls
    }
}

/// kiosk-central serving HTTPS on a loopback port inside the test process, with a store of this run's backend.
final class TLSCentral: @unchecked Sendable {
    // @unchecked: `task` and `group` are only touched by the test's task between awaits.
    let site: TestAuthority
    let store: any CentralStore
    let port: Int
    /// The clients' connections to this server; closed before it stops.
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    private var task: Task<Void, any Error>?
    private var group: ServiceGroup?

    init(site: TestAuthority, store: any CentralStore) {
        self.site = site
        self.store = store
        port = LoopbackPort.free()
    }

    var baseURL: String { "https://127.0.0.1:\(port)" }

    /// Starts serving; fails instead of waiting for ever when the server cannot bind within 30 s (a loaded
    /// machine running the whole suite in parallel can take seconds to set up TLS).
    func start() async throws {
        let (ready, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "tls-central-test")
        logger.logLevel = .critical
        let app = Application(
            router: CentralAPI.router(store: store, settings: CentralFixtures.settings, authority: site.authority),
            server: try CentralTLS.server(files: site.files),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        let deadline = Task {
            try await Task.sleep(for: .seconds(30))
            continuation.finish()
        }
        defer { deadline.cancel() }
        for await _ in ready {
            self.group = group
            self.task = task
            return
        }
        task.cancel()
        try await task.value
        throw CancellationError()
    }

    func stop() async {
        // Closing the client's connections first spares the server's wait for their TLS close (5 s each).
        try? await client.shutdown()
        await group?.triggerGracefulShutdown()
        _ = try? await task?.value
        task = nil
        group = nil
    }

    /// One request; the status and, for a refusal, the error body.
    func send(
        _ method: HTTPMethod, _ path: String, body: ByteBuffer? = nil, tls: TLSConfiguration, headers: [(String, String)] = []
    ) async throws -> (status: Int, body: ByteBuffer, error: APIErrorBody?) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.tlsConfiguration = tls
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let error = try? JSONDecoder().decode(APIErrorBody.self, from: Data(bytes.readableBytesView))
        return (Int(response.status.code), bytes, error)
    }
}

import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import KioskCore
import KioskMetrics
import NIOCore
import Testing
@testable import KioskCentral

/// kiosk-central's `/metrics`, scraped over a real loopback connection after real requests moved the counters.
@Suite(.timeLimit(.minutes(3))) struct CentralMetricsTests {
    /// The value of the sample with this name and these labels in a Prometheus text exposition; nil when absent.
    static func sample(_ text: String, _ name: String, _ labels: [String: String] = [:]) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            let series = line[..<space]
            let seriesName = series.split(separator: "{").first.map(String.init) ?? ""
            guard seriesName == name else { continue }
            let rendered = series.drop { $0 != "{" }
            guard labels.allSatisfy({ rendered.contains("\($0.key)=\"\($0.value)\"") }) else { continue }
            return Double(line[line.index(after: space)...])
        }
        return nil
    }

    @Test func ingestCallsAndTerminalHealthMoveTheMetricsAndNoPersonalDataIsInThem() async throws {
        let store = try await StoreBackend.makeStore()
        try await store.putStaff(id: "anna", displayName: "Anna", role: .staff, passwordHash: Bcrypt.hash("richtig-geheim", cost: 4))
        try await store.putCounter(Counter(id: "s1", name: "Schalter 1", queues: [QueueID(rawValue: "a")]))
        let registry = MetricsRegistry()
        let now = CentralFixtures.monday.addingTimeInterval(3600)
        let app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, metrics: registry, now: { now }))
        try await app.test(.live) { client in
            func scrape() async throws -> String {
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                    return String(buffer: response.body)
                }
            }
            let before = try await scrape()
            #expect(Self.sample(before, MetricNames.centralEventsIngested, ["terminal": "t1"]) == nil)

            // Three events, then the same three again (applied once), then a health report with an outbox of 7.
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/v1/terminals/t1/events", method: .post, body: CentralFixtures.body(EventBatch(events: CentralFixtures.events("t1", 1...3)))
                ) { #expect($0.status == .ok) }
            }
            try await client.execute(
                uri: "/v1/terminals/t1/health", method: .post,
                body: CentralFixtures.body(
                    HealthReport(devices: [DeviceHealth(device: "printer", status: "media-empty", severity: .error)], outboxPending: 7))
            ) { #expect($0.status == .ok) }
            let token = try await client.execute(
                uri: "/v1/staff/login", method: .post, body: ByteBuffer(string: #"{"user":"anna","password":"richtig-geheim"}"#)
            ) { response in
                (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["token"] as? String
            }
            let bearer = try #require(token)
            try await client.execute(uri: "/v1/counters/s1/call-next", method: .post, headers: [.authorization: "Bearer \(bearer)"]) {
                #expect($0.status == .ok)
            }

            let after = try await scrape()
            #expect(Self.sample(after, MetricNames.centralIngestRequests, ["outcome": "ok"]) == 2)
            #expect(Self.sample(after, MetricNames.centralEventsIngested, ["terminal": "t1"]) == 3)
            #expect(Self.sample(after, MetricNames.centralCalls, ["action": "call-next"]) == 1)
            #expect(Self.sample(after, MetricNames.centralTerminalOutboxDepth, ["terminal": "t1"]) == 7)
            #expect(Self.sample(after, MetricNames.centralTerminalLastSyncAge, ["terminal": "t1"]).map { $0 >= 0 } == true)
            #expect(Self.sample(after, MetricNames.centralTerminalDeviceState, ["terminal": "t1", "device": "printer"]) == 2)
            // Ticket numbers and the staff member are not metric labels.
            #expect(!after.contains("anna"))
            #expect(!after.contains("A 001") && !after.contains("A001"))
        }
    }

    @Test func onlyLoopbackPeersGetTheMetrics() throws {
        #expect(MetricsRoute.isLoopback(try .init(ipAddress: "127.0.0.1", port: 5000)))
        #expect(MetricsRoute.isLoopback(try .init(ipAddress: "::1", port: 5000)))
        #expect(!MetricsRoute.isLoopback(try .init(ipAddress: "192.0.2.10", port: 5000)))
        #expect(!MetricsRoute.isLoopback(try .init(ipAddress: "2001:db8::1", port: 5000)))
        #expect(!MetricsRoute.isLoopback(nil))
    }
}

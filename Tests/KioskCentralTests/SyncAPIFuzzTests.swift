import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskTesting
import Testing
@testable import KioskCentral

/// Random and mutated request bodies against the real router of the terminal sync API: every answer is a 2xx or
/// a 4xx with the API's JSON error body, never a 5xx, and the server keeps answering. Seeded (the seed is in every
/// message); `KIOSK_FUZZ_ITERATIONS` makes the run longer (README, "Fuzzing").
@Suite struct SyncAPIFuzzTests {
    /// Valid bodies of each endpoint, the starting points of the mutations.
    static func validBodies(_ random: inout SeededRandomNumberGenerator, sequence: Int64) -> [(String, Data)] {
        let events = CentralFixtures.events("t1", sequence...(sequence + Int64.random(in: 0...3, using: &random)))
        let block = BlockRequest(requestID: UUID(), queue: QueueID(rawValue: "a"), day: CentralFixtures.day, count: Int.random(in: 1...50, using: &random))
        let health = HealthReport(devices: [DeviceHealth(device: "printer", status: "ok", severity: .ok)])
        return [
            ("events", try! EventCoding.canonicalEncoder.encode(EventBatch(events: events))),
            ("number-blocks", try! EventCoding.canonicalEncoder.encode(block)),
            ("health", try! EventCoding.canonicalEncoder.encode(health)),
        ]
    }

    /// Replacements that stress a JSON decoder: other types, huge and odd numbers, deep nesting, long strings.
    static let oddValues = [
        "null", "true", "[]", "{}", "\"\"", "-1", "0", "1e309", "-9223372036854775809", "18446744073709551616", "1.5",
        "\"\\u0000\"", "\"\\ud800\"", "\"2026-13-45T25:61:61Z\"", "\"9999-99-99\"", String(repeating: "[", count: 600),
        "\"" + String(repeating: "x", count: 70_000) + "\"", "\"t2\"", "\"../../etc\"", "\"ticket.issued\"",
    ]

    static func mutate(_ body: Data, _ random: inout SeededRandomNumberGenerator) -> Data {
        var bytes = [UInt8](body)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            case 1 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &random)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...20, using: &random)))
            case 2:
                // A value (after a colon) replaced by an odd one.
                let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
                guard let colon = colons.randomElement(using: &random) else { continue }
                var end = colon + 1
                var depth = 0
                var quoted = false
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "\"") && bytes[end - 1] != UInt8(ascii: "\\") { quoted.toggle() }
                    if !quoted {
                        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                        if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                            if depth == 0 { break }
                            depth -= 1
                        }
                        if byte == UInt8(ascii: ","), depth == 0 { break }
                    }
                    end += 1
                }
                bytes.replaceSubrange((colon + 1)..<end, with: Array(oddValues.randomElement(using: &random)!.utf8))
            case 3:
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
            case 4 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let chunk = bytes[start..<min(bytes.count, start + Int.random(in: 1...40, using: &random))]
                bytes.insert(contentsOf: chunk, at: Int.random(in: 0...bytes.count, using: &random))
            default:
                bytes.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
            }
        }
        return Data(bytes)
    }

    /// Found by seed 12 on PostgreSQL: a NUL in any string is refused as malformed on both stores, not a 503.
    @Test func anEscapedNULIsRefusedAndAnEscapedBackslashBeforeU0000IsNot() {
        #expect(CentralAPI.escapesNUL(Array(#"{"device":"\u0000"}"#.utf8)))
        #expect(CentralAPI.escapesNUL(Array(#"{"device":"ok\\\u0000"}"#.utf8)))
        #expect(!CentralAPI.escapesNUL(Array(#"{"device":"\\u0000"}"#.utf8)))
        #expect(!CentralAPI.escapesNUL(Array(#"{"device":"\u00"#.utf8)))
        #expect(!CentralAPI.escapesNUL(Array(#"{"device":"\u0041"}"#.utf8)))
    }

    @Test(.timeLimit(.minutes(5)), arguments: FuzzBudget.seeds([11, 12]))
    func mutatedBodiesGetA4xxOrASuccessNeverA5xx(seed: UInt64) async throws {
        let store = try await StoreBackend.makeStore()
        let app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { CentralFixtures.monday }))
        let outcomes = try await app.test(.router) { client -> [String: Int] in
            var random = SeededRandomNumberGenerator(seed: seed)
            var sequence: Int64 = 1
            var outcomes: [String: Int] = [:]
            for iteration in 0..<FuzzBudget.iterations(400) {
                let bodies = Self.validBodies(&random, sequence: sequence)
                let (endpoint, valid) = bodies.randomElement(using: &random)!
                let body: Data =
                    switch Int.random(in: 0..<8, using: &random) {
                    case 0: valid
                    case 1: Data((0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
                    default: Self.mutate(valid, &random)
                    }
                let terminal = Int.random(in: 0..<10, using: &random) == 0 ? ["t%00", "T1", String(repeating: "t", count: 300), "t1;drop"].randomElement(using: &random)! : "t1"
                let (status, answer) = try await client.execute(
                    uri: "/v1/terminals/\(terminal)/\(endpoint)", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(bytes: body)
                ) { response in (Int(response.status.code), Data(response.body.readableBytesView)) }
                outcomes["\(endpoint) \(status)", default: 0] += 1
                #expect(status < 500, "seed \(seed) iteration \(iteration): \(endpoint) answered \(status) to \(String(decoding: body.prefix(300), as: UTF8.self))")
                if (400..<500).contains(status), status != 404 {
                    let error = try? JSONDecoder().decode(APIErrorBody.self, from: answer)
                    #expect(error.map { !$0.code.isEmpty } == true, "seed \(seed) iteration \(iteration): no error body for \(status)")
                }
                if endpoint == "events", status == 200, terminal == "t1",
                    let result = try? JSONDecoder().decode(IngestResult.self, from: answer)
                {
                    sequence = result.appliedThrough + 1
                }
            }
            // Still serving after all that, and valid requests still work.
            let health = try await client.execute(uri: "/healthz", method: .get) { response in response.status }
            #expect(health == .ok)
            return outcomes
        }
        // The run must have exercised both sides: accepted requests and refusals.
        #expect(outcomes.keys.contains { $0.hasSuffix(" 200") }, "\(outcomes)")
        #expect(outcomes.keys.contains { $0.hasSuffix(" 400") }, "\(outcomes)")
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KioskCentral
import KioskCore
import KioskStore
import KioskSync
import KioskTesting
import Logging
import Testing
@testable import ZMSAdapter

/// A fake zmsapi on loopback serving the recorded scope list, by pages, with errors and slowly.
enum FakeZMS {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let day = BusinessDay(year: 2026, month: 11, day: 23)

    static func fixture() throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent("scope-141-2026-11-23.json")) }

    /// How the fake answers.
    enum Mode: Sendable { case normal, serverError, unauthorized, slow, malformed, metaError }

    /// Runs `body` with the base URL of a fake serving scope 141; `requests` records each query it was asked.
    static func run(
        _ mode: Mode = .normal, requests: RequestLog = RequestLog(), _ body: @Sendable (String) async throws -> Void
    ) async throws {
        let processes = try (JSONSerialization.jsonObject(with: fixture()) as! [String: Any])["data"] as! [[String: Any]]
        let encoded = try processes.map { try JSONSerialization.data(withJSONObject: $0) }
        let router = Router()
        router.get("/api/scope/:scope/process/:date/") { request, context -> Response in
            requests.append(request.uri.query ?? "")
            guard request.headers[HTTPField.Name("X-Authkey")!] == "workstation-key" else { return Response(status: .unauthorized) }
            guard context.parameters.get("scope") == "141", context.parameters.get("date") == day.iso else { return Response(status: .notFound) }
            switch mode {
            case .serverError: return Response(status: .internalServerError)
            case .unauthorized: return Response(status: .forbidden)
            case .slow: try await Task.sleep(for: .seconds(5))
            case .malformed: return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "<html>Wartung</html>")))
            case .metaError: return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"meta":{"error":true},"data":null}"#)))
            case .normal: break
            }
            let limit = request.uri.queryParameters.get("limit", as: Int.self)
            let offset = request.uri.queryParameters.get("offset", as: Int.self) ?? 0
            let page = limit.map { Array(encoded.dropFirst(offset).prefix($0)) } ?? encoded
            let data = "[" + page.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ",") + "]"
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"meta":{"error":false},"data":"# + data + "}")))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)/api")
        }
    }
}

/// Queries the fake was asked, in order.
final class RequestLog: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [String] = []
    func append(_ entry: String) { lock.withLock { entries.append(entry) } }
    var all: [String] { lock.withLock { entries } }
}

@Suite(.timeLimit(.minutes(2))) struct ZMSAdapterTests {
    let mapping = ZMSMapping(services: ["120335": "one", "121151": "two"], slotMinutes: 10)

    func client(_ base: String, pageSize: Int? = nil, timeout: Duration = .seconds(10)) -> ZMSClient {
        ZMSClient(baseURL: base, scope: 141, authKey: "workstation-key", pageSize: pageSize, timeout: timeout)
    }

    @Test func theFixturesValidateAgainstTheZMSEntitySchemas() throws {
        let schemas = try JSONSerialization.jsonObject(
            with: Data(contentsOf: FakeZMS.fixtures.appendingPathComponent("schema-constraints.json"))) as! [String: Any]
        let envelope = try JSONSerialization.jsonObject(with: FakeZMS.fixture()) as! [String: Any]
        let processes = try #require(envelope["data"] as? [Any])
        #expect(processes.count == 4)
        for (index, process) in processes.enumerated() {
            let problems = SchemaCheck(schemas: schemas).problems(process, against: schemas["process"]!, at: "data[\(index)]")
            #expect(problems.isEmpty, "\(problems)")
        }
        // The check finds what it should: a process id of three digits, a missing slotCount, an unknown status.
        let broken: [String: Any] = [
            "id": "123", "status": "gebucht", "appointments": [["date": 1, "scope": ["provider": [:], "shortName": "x"]]],
        ]
        let problems = SchemaCheck(schemas: schemas).problems(broken, against: schemas["process"]!, at: "broken")
        #expect(problems.count == 3, "\(problems)")
    }

    @Test func aScopesDayBecomesImportRowsWithCheckInCodes() async throws {
        try await FakeZMS.run { base in
            let rows = try await client(base).appointments(on: FakeZMS.day, mapping: mapping)
            #expect(rows.map(\.id.rawValue) == ["zms-100123", "zms-100124", "zms-100126"], "the reserved one is left out")
            let first = rows[0]
            #expect(first.processNumber == "100123" && first.authKey == "a1b2")
            #expect(first.service == ServiceID(rawValue: "one"))
            #expect(first.start == SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 10), on: FakeZMS.day))
            #expect(first.durationMinutes == 15, "slot length from the availability")
            #expect(first.name == "Mustermann")
            #expect(rows[1].action == .cancel)
            #expect(rows[2].durationMinutes == 20, "two slots of the default 10 minutes, numbers as strings")
            #expect(rows[2].service == ServiceID(rawValue: "two"))
        }
    }

    @Test func pagesAreFollowedUntilAShortOne() async throws {
        let log = RequestLog()
        try await FakeZMS.run(requests: log) { base in
            let rows = try await client(base, pageSize: 2).appointments(on: FakeZMS.day, mapping: mapping)
            #expect(rows.count == 3)
        }
        #expect(log.all.count == 3, "pages of 2, 2 and 0: \(log.all)")
        #expect(log.all.last?.contains("offset=4") == true)
    }

    @Test func errorsAndTimeOutsAreTypedAndSayWhatToDo() async throws {
        for (mode, kind) in [
            (FakeZMS.Mode.serverError, ZMSError.Kind.unreachable), (.unauthorized, .unauthorized), (.malformed, .malformed),
            (.metaError, .malformed),
        ] {
            try await FakeZMS.run(mode) { base in
                await #expect(throws: ZMSError.self) { try await client(base).appointments(on: FakeZMS.day, mapping: mapping) }
                do {
                    _ = try await client(base).appointments(on: FakeZMS.day, mapping: mapping)
                } catch let error as ZMSError {
                    #expect(error.kind == kind)
                    #expect(!error.message[.german].isEmpty && !error.message[.english].isEmpty)
                }
            }
        }
        try await FakeZMS.run(.normal) { base in
            do {
                _ = try await ZMSClient(baseURL: base, scope: 999, authKey: "workstation-key").appointments(on: FakeZMS.day, mapping: mapping)
                Issue.record("an unknown scope answered")
            } catch let error as ZMSError {
                #expect(error.kind == .unknownScope)
            }
        }
        try await FakeZMS.run(.slow) { base in
            let clock = ContinuousClock()
            let start = clock.now
            do {
                _ = try await client(base, timeout: .milliseconds(500)).appointments(on: FakeZMS.day, mapping: mapping)
                Issue.record("a slow ZMS answered within the time-out")
            } catch let error as ZMSError {
                #expect(error.kind == .unreachable)
            }
            #expect(clock.now - start < .seconds(4))
        }
    }

    /// Done when: a ZMS confirmation's link checks the citizen in at a terminal.
    @Test func aZMSConfirmationLinkChecksInAtTheTerminal() async throws {
        let store = try SQLiteCentralStore(path: TestSite.temporaryDatabase("zms-central"))
        let monday = TestSite.monday  // 09:00
        let settings = CentralSettings(catalogYAML: TestSite.yaml, catalog: TestSite.catalog, openCounters: 1)
        try await FakeZMS.run { base in
            let rows = try await client(base).appointments(on: FakeZMS.day, mapping: mapping)
            let report = try await AppointmentImporter.run(
                try await ZMSImport.withoutUnknownCancellations(rows, store: store), store: store, catalog: TestSite.catalog, dryRun: false)
            #expect(report.applied)
            #expect(report.created.map(\.rawValue) == ["zms-100123", "zms-100126"], "the deletion of a never imported process is dropped")
        }
        let central = Application(
            router: CentralAPI.router(store: store, settings: settings, now: { monday }),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await central.test(.live) { client in
            var logger = Logger(label: "zms-test")
            logger.logLevel = .critical
            let terminal = try KioskStore(path: TestSite.temporaryDatabase("zms-terminal"), terminal: TerminalID(rawValue: "t1"), logger: logger)
            let sync = TerminalSync(
                store: terminal, transport: HTTPSyncTransport(baseURL: "http://127.0.0.1:\(client.port!)", timeout: .seconds(5)),
                catalog: TestSite.catalog, blockSize: 10, offlineReserve: 0, interval: .seconds(60), logger: logger, onCatalog: { _ in })
            try await sync.pullSnapshot()
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
            let rules = try PayloadRules.parse(
                yaml: String(contentsOf: repository.appendingPathComponent("Kiosk/example/codes.yaml"), encoding: .utf8), source: "codes.yaml")
            let link = "https://service.example.de/terminvereinbarung/termin/bestaetigung?process=100123&authKey=a1b2"
            guard case .success(.appointment(let code)) = rules.classify(ScannedCode(symbology: .qrCode, data: Array(link.utf8))) else {
                Issue.record("the confirmation link was not read")
                return
            }
            let result = try terminal.checkIn(
                code: code, catalog: TestSite.catalog, rules: .standard, at: monday, grantor: BlockGrantor(blockSize: 10))
            guard case .checkedIn(let ticket, let appointment, .onTime) = result else {
                Issue.record("not checked in: \(result)")
                return
            }
            #expect(appointment.id.rawValue == "zms-100123")
            #expect(ticket.queue == QueueID(rawValue: "a"))
        }
        #expect(try await store.appointmentName(AppointmentID(rawValue: "zms-100123")) == "Mustermann")
    }
}

/// The subset of JSON Schema the fixtures' constraints use: type (no booleans), required, properties, items, enum,
/// oneOf, pattern, minimum and local `$ref`s by name.
struct SchemaCheck {
    let schemas: [String: Any]

    func problems(_ value: Any, against schema: Any, at path: String) -> [String] {
        guard var rules = schema as? [String: Any] else { return ["\(path): bad schema"] }
        if let reference = rules["$ref"] as? String {
            guard let target = schemas[reference] as? [String: Any] else { return ["\(path): unknown $ref \(reference)"] }
            rules = target
        }
        if let choices = rules["oneOf"] as? [Any] {
            let matching = choices.filter { problems(value, against: $0, at: path).isEmpty }.count
            return matching == 1 ? [] : ["\(path): matches \(matching) of oneOf"]
        }
        var found: [String] = []
        if let type = rules["type"] {
            let types = (type as? [String]) ?? [type as! String]
            guard types.contains(where: { Self.isType(value, $0) }) else { return ["\(path): not \(types)"] }
        }
        if let allowed = rules["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            found.append("\(path): not one of the allowed values")
        }
        // JSON Schema patterns search; the ones used here are anchored.
        if let pattern = rules["pattern"] as? String, let text = value as? String, let regex = try? Regex(pattern), text.firstMatch(of: regex) == nil {
            found.append("\(path): does not match \(pattern)")
        }
        if let minimum = (rules["minimum"] as? NSNumber)?.doubleValue, let number = (value as? NSNumber)?.doubleValue, number < minimum {
            found.append("\(path): below \(minimum)")
        }
        if let object = value as? [String: Any] {
            for name in rules["required"] as? [String] ?? [] where object[name] == nil { found.append("\(path): \(name) missing") }
            for (name, rule) in rules["properties"] as? [String: Any] ?? [:] {
                if let member = object[name] { found += problems(member, against: rule, at: "\(path).\(name)") }
            }
        }
        if let array = value as? [Any], let items = rules["items"] {
            for (index, item) in array.enumerated() { found += problems(item, against: items, at: "\(path)[\(index)]") }
        }
        return found
    }

    static func isType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        // The constraints never ask for booleans; JSON numbers come as NSNumber.
        case "number": return value is NSNumber
        default: return false
        }
    }
}

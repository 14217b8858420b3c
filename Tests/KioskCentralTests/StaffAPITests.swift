import Foundation
import GRDB
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import KioskCore
import KioskTesting
import QRCode
import Testing
@testable import KioskCentral

@Suite struct StaffAPITests {
    let store: any CentralStore
    let app: Application<RouterResponder<CentralRequestContext>>

    init() async throws {
        store = try await StoreBackend.makeStore()
        // Cost 4 keeps the tests fast; accounts made with kiosk-central use 12.
        try await store.putStaff(id: "anna", displayName: "Anna", role: .staff, passwordHash: Bcrypt.hash("richtig-geheim", cost: 4))
        try await store.putStaff(id: "tom", displayName: "Tom", role: .technician, passwordHash: Bcrypt.hash("technik-geheim", cost: 4))
        try await store.putCounter(Counter(id: "s1", name: "Schalter 1", queues: [QueueID(rawValue: "a")]))
        try await store.putCounter(Counter(id: "s2", name: "Schalter 2", queues: [QueueID(rawValue: "a"), QueueID(rawValue: "b")]))
        app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { CentralFixtures.monday.addingTimeInterval(3600) }))
    }

    func login(_ client: some TestClientProtocol, _ user: String, _ password: String) async throws -> (status: HTTPResponse.Status, token: String?) {
        try await client.execute(
            uri: "/v1/staff/login", method: .post, body: ByteBuffer(string: #"{"user":"\#(user)","password":"\#(password)"}"#)
        ) { response in
            let token = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["token"] as? String
            #expect(response.status != .ok || response.headers[.setCookie]?.contains("HttpOnly") == true)
            return (response.status, token)
        }
    }

    @Test func wrongPasswordUnknownUserAndMissingLoginAreRefused() async throws {
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...1), at: CentralFixtures.monday)
        try await app.test(.router) { client in
            #expect(try await login(client, "anna", "falsch").status == .unauthorized)
            #expect(try await login(client, "niemand", "richtig-geheim").status == .unauthorized)
            try await client.execute(uri: "/v1/counters/s1/call-next", method: .post) { response in
                #expect(response.status == .unauthorized)
                let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(response.body.readableBytesView))
                #expect(error.code == "login-required")
            }
            let technician = try #require(try await login(client, "tom", "technik-geheim").token)
            try await client.execute(uri: "/v1/counters/s1/call-next", method: .post, headers: [.authorization: "Bearer \(technician)"]) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try await store.integrity().tickets == 1)
        #expect(try await store.recentCalls(limit: 5).isEmpty, "nobody was called")
    }

    @Test func callNextServesInArrivalOrderAndAnnounces() async throws {
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...3), at: CentralFixtures.monday)
        try await app.test(.router) { client in
            let token = try #require(try await login(client, "anna", "richtig-geheim").token)
            var called: [String] = []
            for _ in 0..<4 {
                try await client.execute(uri: "/v1/counters/s1/call-next", method: .post, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .ok)
                    let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                    called.append(((object?["ticket"] as? [String: Any])?["number"] as? String) ?? "none")
                }
            }
            #expect(called == ["A 001", "A 002", "A 003", "none"])
            try await client.execute(uri: "/v1/calls?after=0", method: .get) { response in
                let calls = try JSONDecoder().decode([CallAnnouncement].self, from: Data(response.body.readableBytesView))
                #expect(calls.map(\.spoken) == ["A 1", "A 2", "A 3"])
                #expect(calls.allSatisfy { $0.counterName == "Schalter 1" })
            }
        }
        #expect(try await store.auditLog(limit: 10).filter { $0.action == "call-next" }.count == 3)
    }

    @Test func aTicketsFollowPageShowsItsPlaceThenItsCounterAndNothingElse() async throws {
        let events = CentralFixtures.events("t1", 1...3)
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: events, at: CentralFixtures.monday)
        guard case .ticketIssued(let third) = events[2].payload else { throw CentralStoreError(operation: "fixture", code: "not a ticket") }
        let path = "/q/\(third.id.uuidString.lowercased())"
        func page(_ uri: String) async throws -> (status: HTTPResponse.Status, text: String) {
            try await app.test(.router) { client in
                try await client.execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
            }
        }
        var shown = try await page(path)
        #expect(shown.status == .ok)
        #expect(shown.text.contains("A 003") && shown.text.contains("<strong id=\"ahead\">2</strong> warten vor Ihnen"))
        for _ in 0..<2 {
            _ = try await store.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: CentralFixtures.day, at: CentralFixtures.monday.addingTimeInterval(600))
        }
        shown = try await page(path + "?lang=en")
        #expect(shown.text.contains("You are next."))
        _ = try await store.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: CentralFixtures.day, at: CentralFixtures.monday.addingTimeInterval(700))
        shown = try await page(path)
        #expect(shown.text.contains("Bitte gehen Sie zu <strong id=\"counter\">Schalter 1</strong>"))
        #expect(!shown.text.contains("anna"), "no staff or personal names on a public page")
        #expect(try await page("/q/\(UUID().uuidString)").status == .notFound)
        #expect(try await page("/q/not-a-ticket").status == .notFound)
        let overview = try await page("/q")
        #expect(overview.status == .ok && overview.text.contains("A 003 → Schalter 1"))
    }

    @Test func theCallDisplayCarriesAReadableQRCodeToTheFollowPage() throws {
        let url = "http://rathaus.example:8480/q"
        let page = ConsolePages.displayPage(calls: [], language: "de", siteName: "Musterstadt", followURL: url)
        let code = try QRCode(text: url)
        #expect(page.contains("data-follow=\"\(url)\""))
        #expect(page.contains(code.svg()), "the page shows the code of exactly this link")
        #expect(page.contains("Warteschlange auf dem Handy verfolgen"))
        // The symbol itself, drawn four pixels per module with its quiet zone, reads back as the link.
        let scale = 4
        let side = (code.size + 2 * QRCode.quietZone) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<code.size {
            for x in 0..<code.size where code[x: x, y: y] {
                for dy in 0..<scale {
                    for dx in 0..<scale {
                        pixels[((y + QRCode.quietZone) * scale + dy) * side + (x + QRCode.quietZone) * scale + dx] = 0
                    }
                }
            }
        }
        #expect(String(decoding: try BarcodeScanner.readQRCode(grey: pixels, width: side, height: side), as: UTF8.self) == url)
        #expect(!ConsolePages.displayPage(calls: [], language: "de", siteName: "Musterstadt").contains("<svg"), "no public address, no code")
    }

    @Test func twoClerksPressingNextTogetherNeverGetTheSameCitizen() async throws {
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...200), at: CentralFixtures.monday)
        let store = self.store
        let called = try await withThrowingTaskGroup(of: [String].self) { group in
            for clerk in ["anna", "tom"] {
                group.addTask {
                    var mine: [String] = []
                    while let ticket = try await store.callNext(
                        counter: clerk == "anna" ? "s1" : "s2", staff: clerk, rule: QueueOrder(), day: CentralFixtures.day,
                        at: CentralFixtures.monday.addingTimeInterval(3600))
                    {
                        mine.append(ticket.number)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(called.count == 200)
        #expect(Set(called).count == 200)
    }

    @Test func noShowRequeuesOnceThenMissedAndForwardParkResume() async throws {
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...2), at: CentralFixtures.monday)
        let now = CentralFixtures.monday.addingTimeInterval(3600)
        func next() async throws -> CalledTicket? {
            try await store.callNext(counter: "s2", staff: "anna", rule: QueueOrder(), day: CentralFixtures.day, at: now)
        }
        func act(_ action: CounterAction, _ ticket: CalledTicket, to: String? = nil) async throws -> CalledTicket {
            try await store.act(
                action, ticket: ticket.id, counter: "s2", staff: "anna", forwardTo: to.map(ServiceID.init(rawValue:)),
                catalog: CentralFixtures.catalog, at: now)
        }
        let first = try #require(try await next())
        #expect(try await act(.noShow, first).state == .waiting, "first no-show: back into the queue")
        let second = try #require(try await next())
        #expect(second.number == "A 002", "the requeued ticket went to the end")
        _ = try await act(.finish, second)
        let again = try #require(try await next())
        #expect(again.number == "A 001")
        #expect(try await act(.noShow, again).state == .missed, "second no-show: missed")
        #expect(try await next() == nil)

        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 3...3), at: CentralFixtures.monday)
        let third = try #require(try await next())
        let forwarded = try await act(.forward, third, to: "two")
        #expect(forwarded.queue.rawValue == "b" && forwarded.state == .waiting)
        let fromB = try #require(try await next())
        #expect(fromB.id == third.id, "s2 serves queue b too")
        #expect(try await act(.park, fromB).state == .parked)
        #expect(try await next() == nil, "parked tickets are not called")
        #expect(try await act(.resume, fromB).state == .waiting)
        #expect(try await next()?.id == third.id)
        await #expect(throws: StaffRefusal.self) { try await act(.resume, third) }
        let actions = try await store.auditLog(limit: 50).map(\.action)
        #expect(actions.contains("no-show") && actions.contains("forward") && actions.contains("park") && actions.contains("resume"))
    }
}

@Suite struct StatisticsAPITests {
    @Test func dayFiguresFromCallsNoShowsAndFinishesAsJSONAndCSV() async throws {
        let store = try await StoreBackend.makeStore()
        try await store.putStaff(id: "anna", displayName: "Anna", role: .staff, passwordHash: Bcrypt.hash("richtig-geheim", cost: 4))
        try await store.putCounter(Counter(id: "s1", name: "Schalter 1", queues: [QueueID(rawValue: "a")]))
        // Tickets issued at 09:00:01..09:00:04; called at 09:10, 09:20, 09:30; one no-show, two finished after 5 min.
        _ = try await store.ingest(terminal: TerminalID(rawValue: "t1"), events: CentralFixtures.events("t1", 1...4), at: CentralFixtures.monday)
        let base = CentralFixtures.monday
        func call(_ minutes: Double) async throws -> CalledTicket {
            try #require(try await store.callNext(counter: "s1", staff: "anna", rule: QueueOrder(), day: CentralFixtures.day, at: base.addingTimeInterval(minutes * 60)))
        }
        func act(_ action: CounterAction, _ ticket: CalledTicket, _ minutes: Double) async throws {
            _ = try await store.act(action, ticket: ticket.id, counter: "s1", staff: "anna", forwardTo: nil, catalog: CentralFixtures.catalog, at: base.addingTimeInterval(minutes * 60))
        }
        try await act(.finish, try await call(10), 15)
        try await act(.noShow, try await call(20), 21)
        try await act(.finish, try await call(30), 35)
        let statistics = try #require(try await store.statistics(day: CentralFixtures.day, catalog: CentralFixtures.catalog).first)
        #expect(statistics.tickets == 4 && statistics.walkIns == 4 && statistics.noShows == 1)
        #expect(statistics.waitP50?.rounded() == 20)  // waits ≈ 10, 20, 30 minutes → median 20
        #expect(statistics.serviceP50?.rounded() == 5)

        let app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { base.addingTimeInterval(3600) }))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/statistics?day=2026-11-23&format=csv", method: .get) { response in
                #expect(response.status == .unauthorized, "statistics need a login")
            }
            let token = try await client.execute(
                uri: "/v1/staff/login", method: .post, body: ByteBuffer(string: #"{"user":"anna","password":"richtig-geheim"}"#)
            ) { response in
                (try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])?["token"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/statistics?day=2026-11-23&format=csv", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                let lines = String(buffer: response.body).split(separator: "\r\n")
                #expect(lines.first.map(String.init) == ServiceStatistics.csvHeader)
                #expect(lines.dropFirst().first.map(String.init) == "2026-11-23;one;4;4;0;1;0;20;30;5")
            }
        }
    }
}

@Suite struct CallOrderTests {
    /// Random waiting tickets in two queues, some of them appointments (due or not): calling one by one gives
    /// exactly the order the pure `QueueOrder` rule specifies.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func sqlSelectionFollowsQueueOrder(seed: UInt64) async throws {
        var random = SeededRandomNumberGenerator(seed: seed)
        // Rows are written directly (appointments have no terminal event yet), so this runs on SQLite only.
        let store = try SQLiteCentralStore(path: CentralFixtures.temporaryDatabase())
        try await store.putCounter(Counter(id: "s", name: "S", queues: [QueueID(rawValue: "a"), QueueID(rawValue: "b")]))
        let now = CentralFixtures.monday.addingTimeInterval(7200)
        var entries: [WaitingEntry] = []
        var ids: [TicketNumber: String] = [:]
        var rows: [(id: String, queue: String, number: TicketNumber, queued: Date, appointment: Date?)] = []
        for index in 1...120 {
            let queue = Bool.random(using: &random) ? "a" : "b"
            let number = TicketNumber(prefix: queue.uppercased(), value: index)
            let queued = CentralFixtures.monday.addingTimeInterval(Double(Int.random(in: 0...7000, using: &random)))
            let appointment: Date? = Int.random(in: 0..<4, using: &random) == 0
                ? now.addingTimeInterval(Double(Int.random(in: -1800...1800, using: &random))) : nil
            let id = UUID().uuidString
            ids[number] = id
            entries.append(WaitingEntry(number: number, arrivedAt: queued, appointmentAt: appointment))
            rows.append((id, queue, number, queued, appointment))
        }
        try await store.pool.write { [rows] db in
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT INTO ticket(id, terminal, queue, service, day, prefix, number, issued_at_ms, origin, queued_at_ms, appointment_at_ms)
                        VALUES (?, 't1', ?, 'one', ?, ?, ?, ?, 'walk-in', ?, ?)
                        """,
                    arguments: [
                        row.id, row.queue, CentralFixtures.day.iso, row.number.prefix, row.number.value, row.queued.millisecondsSince1970,
                        row.queued.millisecondsSince1970, row.appointment?.millisecondsSince1970,
                    ])
            }
        }
        let expected = QueueOrder().sorted(entries, now: now).map { ids[$0.number]! }
        var called: [String] = []
        while let ticket = try await store.callNext(counter: "s", staff: "anna", rule: QueueOrder(), day: CentralFixtures.day, at: now) {
            called.append(ticket.id.uuidString)
        }
        #expect(called == expected)
    }
}

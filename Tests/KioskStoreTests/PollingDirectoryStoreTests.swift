import Foundation
import GRDB
import KioskCore
import Logging
import Synchronization
import Testing
@testable import KioskStore

/// The polling directory in the terminal's database: replaced whole, read back equal, never half-written.
@Suite struct PollingDirectoryStoreTests {
    let directory = TemporaryDirectory()

    static let election = PollingDirectory.Election(
        name: LocalizedText(german: "Testwahl", english: "Test election"), day: BusinessDay(year: 2026, month: 9, day: 20),
        hours: TimeSpan("08:00-18:00")!)

    static func sample(_ name: String) -> PollingDirectory {
        PollingDirectory(
            election: election,
            places: [
                .init(district: "0101", name: name, street: "Weg 1", town: "12345 Stadt", room: "Aula", isStepFree: true),
                .init(district: "0102", name: "Halle", street: "Gasse 2", town: "12345 Stadt", isStepFree: false),
            ],
            streets: [
                .init(district: "0101", street: "Am Weg", rule: HouseNumberRule.parse("14, ung. 19-25").rule),
                .init(district: "0102", street: "Am Weg", rule: HouseNumberRule.parse("1-12, 16").rule),
                .init(district: "0102", street: "Gasse", rule: HouseNumberRule.parse("alle").rule),
            ])
    }

    func open() throws -> KioskStore {
        try KioskStore(path: directory.path("kiosk.sqlite"), terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger)
    }

    @Test func storesAndReadsBackTheSameDirectory() throws {
        let store = try open()
        #expect(try store.pollingDirectory() == nil)
        let sample = Self.sample("Schule")
        try store.replacePollingDirectory(sample, at: StoreFixtures.monday)
        #expect(try store.pollingDirectory() == sample)
        // And after reopening, as kioskd does on start.
        let reopened = try open()
        let read = try #require(try reopened.pollingDirectory())
        #expect(read == sample)
        #expect(read.pollingPlace(district: "101")?.room == "Aula")
        if case .found(_, let places) = read.lookup(street: "am weg", houseNumber: "21") {
            #expect(places.map(\.district) == ["0101"])
        } else {
            Issue.record("Am Weg 21 lies in 0101")
        }
    }

    @Test func aFailedImportLeavesThePreviousDirectory() throws {
        let store = try open()
        try store.replacePollingDirectory(Self.sample("Alt"), at: StoreFixtures.monday)
        // A street entry naming a district without a place: the foreign key refuses it mid-transaction,
        // after the old rows were already deleted in it.
        var broken = Self.sample("Neu")
        broken = PollingDirectory(
            election: broken.election, places: Array(broken.places.values),
            streets: broken.streets + [.init(district: "9999", street: "Nirgends", rule: HouseNumberRule(parts: [.all]))])
        #expect(throws: StoreError.self) { try store.replacePollingDirectory(broken, at: StoreFixtures.monday) }
        let kept = try #require(try store.pollingDirectory())
        #expect(kept.places["0101"]?.name == "Alt")
        #expect(kept.streets.count == 3)
        // A good import afterwards replaces everything, nothing of the old one lingers.
        let smaller = PollingDirectory(election: Self.election, places: [.init(district: "7", name: "Neu", street: "S 1", town: "T", isStepFree: false)], streets: [])
        try store.replacePollingDirectory(smaller, at: StoreFixtures.monday)
        #expect(try store.pollingDirectory() == smaller)
    }

    @Test func unreadableStoredRuleIsReportedNotGuessed() throws {
        let store = try open()
        try store.replacePollingDirectory(Self.sample("Schule"), at: StoreFixtures.monday)
        try store.pool.write { db in try db.execute(sql: "UPDATE street_rule SET rule = 'Hinterhaus' WHERE position = 0") }
        #expect(throws: StoreError.self) { try store.pollingDirectory() }
    }
}

/// Collects every log record of a test, to search it for personal data.
final class CapturedLogs: Sendable {
    let lines = Mutex<[String]>([])

    /// A logger whose records (message and metadata, at trace level) land in `lines`.
    func logger(_ label: String) -> Logger {
        var logger = Logger(label: label) { _ in Handler(logs: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            logs.lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
        }
    }
}

/// The voter number read from a Wahlbenachrichtigung serves the lookup and goes nowhere else.
@Suite struct VoterNumberPrivacyTests {
    let directory = TemporaryDirectory()

    @Test func importLookupAndClassifyNeverLogOrStoreTheVoterNumber() throws {
        let voterNumber = "73914628"
        let logs = CapturedLogs()
        let path = directory.path("kiosk.sqlite")
        let store = try KioskStore(path: path, terminal: TerminalID(rawValue: "t1"), logger: logs.logger("store"))
        try store.replacePollingDirectory(PollingDirectoryStoreTests.sample("Schule"), at: StoreFixtures.monday)

        let rules = try PayloadRules.parse(
            yaml: """
                electionNotices:
                  - name: wahlschein
                    link: { host: wahlschein.example.de, path: /antrag, district: wbz, voter: wvz }
                    district: { stripZeros: true, width: 4 }
                """, source: "codes.yaml")
        let code = ScannedCode(symbology: .qrCode, data: Array("https://wahlschein.example.de/antrag?wbz=101&wvz=\(voterNumber)".utf8))
        guard case .success(.electionNotice(let notice)) = rules.classify(code) else {
            Issue.record("the notice was not read")
            return
        }
        #expect(notice.voterNumber == voterNumber, "the test must carry the number through the round")
        // What a flow logs about a scan: the values' descriptions, as the redaction gives them.
        let flowLogger = logs.logger("flow")
        flowLogger.info("Code scanned", metadata: ["kiosk.scan.code": "\(code)", "kiosk.scan.payload": "\(ScannedPayload.electionNotice(notice))"])
        let stored = try #require(try store.pollingDirectory())
        let place = try #require(stored.pollingPlace(district: notice.district))
        flowLogger.info("Polling place found", metadata: ["kiosk.election.district": "\(place.district)"])
        // A malformed scan with the number in it: the rejection's description is logged too.
        let broken = ScannedCode(symbology: .qrCode, data: Array("https://wahlschein.example.de/antrag?wbz=1x&wvz=\(voterNumber)".utf8))
        if case .failure(let rejection) = rules.classify(broken) {
            flowLogger.info("Code refused", metadata: ["kiosk.scan.rejection": "\(rejection)"])
        } else {
            Issue.record("a district with a letter must be refused")
        }
        // A second import writes again (and logs again).
        try store.replacePollingDirectory(stored, at: StoreFixtures.monday)

        let lines = logs.lines.withLock { $0 }
        #expect(lines.count >= 4, "\(lines)")
        #expect(lines.allSatisfy { !$0.contains(voterNumber) }, "\(lines)")
        // The database and its WAL, byte for byte.
        var bytes = Data()
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        #expect(bytes.range(of: Data(voterNumber.utf8)) == nil)
        #expect(bytes.range(of: Data("Schule".utf8)) != nil, "the search must be able to find what was stored")
    }
}

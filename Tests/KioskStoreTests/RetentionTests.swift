import Foundation
import KioskCore
import KioskSealing
@testable import KioskStore
import Testing

/// Retention: personal data leaves the database file and its WAL once central acknowledged it and the retention
/// time has passed; nothing unacknowledged or recent is touched.
@Suite struct RetentionTests {
    let directory = TemporaryDirectory()
    let monday = StoreFixtures.monday  // 09:00 Berlin, 23 Nov 2026

    /// Values that occur nowhere else in the database, so finding them in the raw bytes means they are there.
    static let appointmentID = "TERMIN-QX7731"
    static let processNumber = "PROZ-88412957"
    static let authKey = "AUTHKEY-zq81v0"
    static let bookingReference = "BUCHUNG-KW55J3"
    static let secrets = [appointmentID, processNumber, authKey, bookingReference]

    func appointment(_ id: String, at minutes: Double, number: String, key: String, reference: String) -> Appointment {
        Appointment(
            id: AppointmentID(rawValue: id), service: StoreFixtures.one, start: monday.addingTimeInterval(minutes * 60),
            durationMinutes: 15, processNumber: number, authKey: key, bookingReference: reference, state: .booked)
    }

    /// A store with the known appointment in its snapshot, checked in (check-in row and outbox event written) and
    /// a sealed signature kept for that event.
    func storeWithPersonalData() throws -> (KioskStore, String) {
        let path = directory.path("kiosk.sqlite")
        let store = try KioskStore(path: path, terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger)
        let snapshot = TerminalSnapshot(
            catalogYAML: "", queues: [],
            appointments: [
                appointment(Self.appointmentID, at: 10, number: Self.processNumber, key: Self.authKey, reference: Self.bookingReference)
            ])
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: "\"1\"", at: monday)
        let result = try store.checkIn(
            code: .process(number: Self.processNumber, authKey: Self.authKey), catalog: StoreFixtures.catalog, rules: .standard,
            at: monday, grantor: BlockGrantor(blockSize: 10))
        guard case .checkedIn = result else {
            Issue.record("not checked in: \(result)")
            return (store, path)
        }
        let central = SealingPrivateKey()
        let sequence = try store.backlog().lastSequence
        try store.keepSignature(
            CapturedSignature(
                strokes: [[PenSample(x: 1, y: 2, pressure: 3, time: 0)]],
                layout: SignaturePadLayout(tabletMaxX: 100, tabletMaxY: 100, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200),
                device: "emulated"),
            id: UUID(), outboxSequence: sequence, sealedTo: central.publicKey, at: monday)
        return (store, path)
    }

    /// The database file and its WAL as they are on disk.
    func rawBytes(_ path: String) throws -> Data {
        var bytes = Data()
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        return bytes
    }

    func present(_ secrets: [String], in bytes: Data) -> [String] {
        secrets.filter { bytes.range(of: Data($0.utf8)) != nil }
    }

    @Test func acknowledgedDataPastTheRetentionTimeIsGoneFromTheFileAndTheWAL() throws {
        let (store, path) = try storeWithPersonalData()
        // The search finds the values while they are stored: otherwise the final check would prove nothing.
        #expect(present(Self.secrets, in: try rawBytes(path)) == Self.secrets)
        #expect(try store.keptSignatureCount() == 1)

        // Central acknowledges everything an hour later; the retention run a day and a bit after that.
        let acknowledged = monday.addingTimeInterval(3600)
        try store.markSent(upTo: try store.backlog().lastSequence, at: acknowledged)
        let later = acknowledged.addingTimeInterval(86_400 + 60)
        let report = try store.deletePersonalData(acknowledgedBefore: later.addingTimeInterval(-86_400))

        #expect(report.checkIns == 1)
        #expect(report.outboxEvents == 2, "the block grant and the check-in event")
        #expect(report.snapshotAppointments == 1)
        #expect(report.walTruncated)
        #expect(try store.keptSignatureCount() == 0)
        #expect(present(Self.secrets, in: try rawBytes(path)) == [], "bytes left in the database file or WAL")
        // The ticket itself (no personal data) and the sequence counter stay.
        #expect(try store.tickets(day: BusinessDay(year: 2026, month: 11, day: 23)).count == 1)
        #expect(try store.backlog().lastSequence == 2)
    }

    @Test func unacknowledgedDataStaysHoweverOld() throws {
        let (store, path) = try storeWithPersonalData()
        let report = try store.deletePersonalData(acknowledgedBefore: monday.addingTimeInterval(30 * 86_400))
        #expect(report.checkIns == 0 && report.outboxEvents == 0 && report.signatures == 0)
        #expect(try store.keptSignatureCount() == 1)
        #expect(try store.nextBatch(limit: 10).count == 2, "central has not got them yet")
        // Only the past appointment leaves the snapshot (central keeps it); the check-in row and event stay.
        #expect(report.snapshotAppointments == 1)
        #expect(present([Self.appointmentID], in: try rawBytes(path)) == [Self.appointmentID])
    }

    @Test func acknowledgedDataWithinTheRetentionTimeStays() throws {
        let (store, _) = try storeWithPersonalData()
        let acknowledged = monday.addingTimeInterval(3600)
        try store.markSent(upTo: try store.backlog().lastSequence, at: acknowledged)
        let report = try store.deletePersonalData(acknowledgedBefore: acknowledged.addingTimeInterval(-1))
        #expect(report.checkIns == 0 && report.outboxEvents == 0)
        #expect(try store.allOutboxEntries().count == 2)
    }

    @Test func aPartlyAcknowledgedOutboxKeepsTheUnsentCheckIn() throws {
        let (store, _) = try storeWithPersonalData()
        // Only the block grant (sequence 1) is acknowledged; the check-in event (2) is not.
        try store.markSent(upTo: 1, at: monday)
        let report = try store.deletePersonalData(acknowledgedBefore: monday.addingTimeInterval(10 * 86_400))
        #expect(report.outboxEvents == 1)
        #expect(report.checkIns == 0)
        #expect(try store.keptSignatureCount() == 1)
        #expect(try store.nextBatch(limit: 10).map(\.sequence) == [2])
    }
}

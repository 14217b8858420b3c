import Foundation
import KioskCore
import Testing

@testable import KioskStore

/// Signatures at rest: sealed before they reach the file, readable only with the key, gone once central has the
/// event that refers to them.
@Suite struct SealedSignatureTests {
    let directory = TemporaryDirectory()

    /// A signature whose samples have distinctive values, so their plain form can be searched for in the file.
    static let signature = CapturedSignature(
        strokes: [
            (0..<40).map { PenSample(x: 1234 + $0 * 37, y: 2345 + $0 * 11, pressure: 321 + $0, time: $0 * 5) },
            (0..<25).map { PenSample(x: 4321 + $0 * 13, y: 3456 - $0 * 17, pressure: 555, time: 400 + $0 * 5) },
        ],
        layout: SignaturePadLayout(tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200),
        device: "wacom-stu-430")

    func store() throws -> (KioskStore, String) {
        let path = directory.path("kiosk.sqlite")
        return (try KioskStore(path: path, terminal: TerminalID(rawValue: "t1"), logger: StoreFixtures.logger), path)
    }

    func issue(_ store: KioskStore, count: Int) throws {
        for index in 0..<count {
            _ = try store.issueWalkInTicket(
                catalog: StoreFixtures.catalog, service: StoreFixtures.two,
                at: StoreFixtures.monday.addingTimeInterval(Double(index)), openCounters: 1, grantor: BlockGrantor(blockSize: 100))
        }
    }

    @Test func theSignatureNeverAppearsUnencryptedInTheDatabaseOrItsWAL() throws {
        let (store, path) = try store()
        let key = try #require(SignatureKey(bytes: Array(repeating: 7, count: 32)))
        let id = UUID()
        try store.keepSignature(Self.signature, id: id, outboxSequence: 3, key: key, at: StoreFixtures.monday)
        #expect(try store.signature(id: id, key: key) == Self.signature)

        var bytes = Data()
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        let container = SignatureContainer.encode(Self.signature)
        #expect(bytes.range(of: container) == nil)
        #expect(bytes.range(of: Data("[1234,2345,321,0]".utf8)) == nil, "a sample in its container form")
        #expect(bytes.range(of: Data(SignatureContainer.format.utf8)) == nil)
        #expect(bytes.range(of: Data("strokes".utf8)) == nil)
        // The search can find what is there: the row id is stored in the clear.
        #expect(bytes.range(of: Data(id.uuidString.utf8)) != nil, "the search must be able to find what was stored")
    }

    @Test func anotherKeyCannotOpenIt() throws {
        let (store, _) = try store()
        let id = UUID()
        try store.keepSignature(
            Self.signature, id: id, outboxSequence: 1, key: try #require(SignatureKey(bytes: Array(repeating: 1, count: 32))),
            at: StoreFixtures.monday)
        #expect(throws: StoreError.self) {
            try store.signature(id: id, key: SignatureKey(bytes: Array(repeating: 2, count: 32))!)
        }
    }

    @Test func deletedWhenCentralAcknowledgesItsEventAndNotBefore() throws {
        let (store, _) = try store()
        try issue(store, count: 3)  // events 1...4 (a block grant and three tickets)
        let key = try #require(SignatureKey(bytes: Array(repeating: 9, count: 32)))
        let early = UUID()
        let late = UUID()
        try store.keepSignature(Self.signature, id: early, outboxSequence: 2, key: key, at: StoreFixtures.monday)
        try store.keepSignature(Self.signature, id: late, outboxSequence: 4, key: key, at: StoreFixtures.monday)
        try store.markSent(upTo: 1, at: StoreFixtures.monday)
        #expect(try store.keptSignatureCount() == 2)
        try store.markSent(upTo: 3, at: StoreFixtures.monday)
        #expect(try store.signature(id: early, key: key) == nil)
        #expect(try store.signature(id: late, key: key) == Self.signature)
        try store.markSent(upTo: 4, at: StoreFixtures.monday)
        #expect(try store.keptSignatureCount() == 0)
    }

    @Test func theKeyFileIsCreatedPrivateAndRefusedWhenOthersMayReadIt() throws {
        let path = directory.path("signature.key")
        let created = try SignatureKey.loadOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfItem(atPath: path).count == 32)
        // The same key comes back: a signature sealed with the first opens with the second.
        let (store, _) = try store()
        let id = UUID()
        try store.keepSignature(Self.signature, id: id, outboxSequence: 1, key: created, at: StoreFixtures.monday)
        #expect(try store.signature(id: id, key: SignatureKey.loadOrCreate(path: path)) == Self.signature)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: StoreError.self) { try SignatureKey.loadOrCreate(path: path) }
    }
}

extension FileManager {
    fileprivate func contentsOfItem(atPath path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}

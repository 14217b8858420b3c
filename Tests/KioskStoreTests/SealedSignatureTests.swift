import Foundation
import Synchronization
import KioskCore
import KioskSealing
import Testing

@testable import KioskStore

/// Signatures at rest: sealed to central's key before they reach the file, readable only with central's private
/// key, gone once central has the event that refers to them.
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

    /// Opens what the store keeps under `id` as central would.
    static func opened(_ store: KioskStore, id: UUID, with key: SealingPrivateKey) throws -> CapturedSignature? {
        guard let sealed = try store.sealedBytes(id: id) else { return nil }
        return try SignatureContainer.decode(key.open(sealed, id: id))
    }

    @Test func theSignatureNeverAppearsUnencryptedInTheDatabaseOrItsWAL() throws {
        let (store, path) = try store()
        let central = SealingPrivateKey()
        let id = UUID()
        try store.keepSignature(Self.signature, id: id, outboxSequence: 3, sealedTo: central.publicKey, at: StoreFixtures.monday)
        #expect(try Self.opened(store, id: id, with: central) == Self.signature)

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

    @Test func anotherKeyCannotOpenItAndAlteredOrMovedBytesDoNotOpen() throws {
        let (store, _) = try store()
        let central = SealingPrivateKey()
        let id = UUID()
        try store.keepSignature(Self.signature, id: id, outboxSequence: 1, sealedTo: central.publicKey, at: StoreFixtures.monday)
        let sealed = try #require(try store.sealedBytes(id: id))
        #expect(throws: SealingError.wrongKey) { try SealingPrivateKey().open(sealed, id: id) }
        var altered = sealed
        altered[altered.count - 20] ^= 1
        #expect(throws: SealingError.damaged) { try central.open(altered, id: id) }
        #expect(throws: SealingError.damaged, "the row id is authenticated with it") { try central.open(sealed, id: UUID()) }
        #expect(throws: SealingError.damaged) { try central.open(Data("RKS1".utf8), id: id) }
        // Two seals of the same data differ (a fresh ephemeral key each time) and both open.
        let twice = try central.publicKey.seal(Data("x".utf8), id: id)
        #expect(twice != (try central.publicKey.seal(Data("x".utf8), id: id)))
        #expect(try central.open(twice, id: id) == Data("x".utf8))
    }

    @Test func deletedWhenCentralAcknowledgesItsEventAndNotBefore() throws {
        let (store, _) = try store()
        try issue(store, count: 3)  // events 1...4 (a block grant and three tickets)
        let central = SealingPrivateKey()
        let early = UUID()
        let late = UUID()
        try store.keepSignature(Self.signature, id: early, outboxSequence: 2, sealedTo: central.publicKey, at: StoreFixtures.monday)
        try store.keepSignature(Self.signature, id: late, outboxSequence: 4, sealedTo: central.publicKey, at: StoreFixtures.monday)
        try store.markSent(upTo: 1, at: StoreFixtures.monday)
        #expect(try store.keptSignatureCount() == 2)
        try store.markSent(upTo: 3, at: StoreFixtures.monday)
        #expect(try Self.opened(store, id: early, with: central) == nil)
        #expect(try Self.opened(store, id: late, with: central) == Self.signature)
        try store.markSent(upTo: 4, at: StoreFixtures.monday)
        #expect(try store.keptSignatureCount() == 0)
    }

    @Test func centralsKeyFileIsCreatedPrivateAndRefusedWhenOthersMayReadIt() throws {
        let path = directory.path("sealing.key")
        #expect(throws: SealingError.self) { try SealingPrivateKey.load(path: path) }
        let created = try SealingPrivateKey.loadOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try FileManager.default.contentsOfItem(atPath: path).count == 32)
        // The same key comes back: what was sealed to the first opens with the second.
        let (store, _) = try store()
        let id = UUID()
        try store.keepSignature(Self.signature, id: id, outboxSequence: 1, sealedTo: created.publicKey, at: StoreFixtures.monday)
        #expect(try Self.opened(store, id: id, with: SealingPrivateKey.loadOrCreate(path: path)) == Self.signature)
        #expect(try SealingPrivateKey.load(path: path).publicKey == created.publicKey)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: SealingError.self) { try SealingPrivateKey.loadOrCreate(path: path) }
    }

    /// Starts racing to create the key all end with the one key that was linked into place, and no partial file
    /// is left beside it.
    @Test func concurrentFirstStartsAgreeOnOneKey() throws {
        let path = directory.path("sealing.key")
        let keys = Mutex<[SealingPublicKey]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            if let key = try? SealingPrivateKey.loadOrCreate(path: path) { keys.withLock { $0.append(key.publicKey) } }
        }
        let created = keys.withLock { $0 }
        #expect(created.count == 8)
        #expect(Set(created.map(\.base64)).count == 1)
        #expect(try SealingPrivateKey.load(path: path).publicKey == created.first)
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("sealing.key.new-") }.isEmpty)
    }

    @Test func thePublicKeyTravelsAsBase64AndBadOnesAreRefused() throws {
        let key = SealingPrivateKey().publicKey
        #expect(try SealingPublicKey(base64: key.base64) == key)
        #expect(key.base64.count == 44)
        #expect(throws: SealingError.self) { try SealingPublicKey(base64: "not a key") }
        #expect(throws: SealingError.self) { try SealingPublicKey(rawBytes: Data(count: 31)) }
    }
}

extension FileManager {
    fileprivate func contentsOfItem(atPath path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCentral
import KioskCore
import KioskSealing
import KioskStore
import Logging
import Testing

/// A SEPA mandate from a terminal opened at central: the key reaches the terminal in the snapshot, the terminal
/// seals to it, central stores what arrives and opens it with its private key; on this run's backend (SQLite, or
/// PostgreSQL under scripts/test.sh's second run).
extension PaymentCentralTests {
    @Suite(.timeLimit(.minutes(2))) struct MandateOpeningTests {
        let terminalID = TerminalID(rawValue: "t-mandate")
        let central = SealingPrivateKey()
        static let iban = try! IBAN("DE89370400440532013000")
        static let signature = CapturedSignature(
            strokes: [
                (0..<30).map { PenSample(x: 1000 + $0 * 41, y: 2000 + $0 * 7, pressure: 300 + $0, time: $0 * 5) },
                (0..<12).map { PenSample(x: 5000 - $0 * 23, y: 3000, pressure: 512, time: 300 + $0 * 5) },
            ],
            layout: SignaturePadLayout(tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200),
            device: "wacom-stu-430")

        /// The terminal's side: takes central's snapshot, confirms a SEPA payment sealed to the key in it, and returns
        /// the batch its pump would send.
        func paymentFromATerminal(settings: CentralSettings, store: any CentralStore) async throws -> (PaymentConfirmation, EventBatch) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-mandate-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let terminal = try KioskStore(path: directory.appendingPathComponent("kiosk.sqlite").path, terminal: terminalID, logger: Logger(label: "test"))
            let app = Application(router: CentralAPI.router(store: store, settings: settings, now: { CentralFixtures.monday }))
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/terminals/\(terminalID.rawValue)/snapshot", method: .get) { response in
                    #expect(response.status == .ok)
                    try terminal.saveSnapshot(body: Data(response.body.readableBytesView), etag: response.headers[.eTag], at: CentralFixtures.monday)
                }
            }
            let key = try #require(try terminal.centralSealingKey(), "the snapshot carries central's public key")
            #expect(key == central.publicKey)
            let id = UUID()
            let payment = PaymentConfirmation(
                id: id, service: ServiceID(rawValue: "meldebescheinigung"),
                items: [PaidFee(id: "meldebescheinigung", name: "Meldebescheinigung", amount: Money(cents: 1000))],
                method: .sepaDirectDebit, kassenzeichen: PaymentConfirmation.kassenzeichen(id: id, day: BusinessDay(year: 2026, month: 11, day: 23)),
                mandateReference: PaymentConfirmation.mandateReference(id: id), maskedIBAN: Self.iban.masked, signature: UUID(), sealedIBAN: UUID())
            let mandate = MandateData(signature: Self.signature, iban: Self.iban, central: key)
            guard case .confirmed(let event) = try terminal.confirmPayment(payment, mandate: mandate, at: CentralFixtures.monday) else {
                throw Failure()
            }
            let events = try terminal.nextBatch(limit: 10).map { try KioskEvent(jsonData: $0.body) }
            #expect(events.map(\.sequence) == [event.sequence])
            return (payment, EventBatch(events: events, attachments: try terminal.sealedAttachments(from: 1, through: event.sequence)))
        }

        struct Failure: Error {}

        @Test func centralOpensTheSignatureAndIBANOfATerminalsPaymentAndAnotherKeyCannot() async throws {
            let store = try await StoreBackend.makeStore()
            var settings = CentralFixtures.settings
            settings.sealingKey = central.publicKey
            let (payment, batch) = try await paymentFromATerminal(settings: settings, store: store)
            let result = try await store.ingest(terminal: terminalID, events: batch.events, attachments: batch.attachments, at: CentralFixtures.monday)
            #expect(result.appliedThrough == batch.events.last?.sequence)

            let opened = try await MandateOpening.open(payment: payment.id, store: store, key: central)
            #expect(opened.signature.strokes == Self.signature.strokes, "the strokes central reads are the captured ones")
            #expect(opened.signature == Self.signature)
            #expect(opened.iban == Self.iban)

            // Another key (another site's, or a lost and replaced one): a clear refusal, never the content.
            do {
                _ = try await MandateOpening.open(payment: payment.id, store: store, key: SealingPrivateKey())
                Issue.record("another key must not open the mandate")
            } catch {
                #expect(error.sealing == .wrongKey)
                #expect(error.message[.german].contains("anderen Schlüssel"))
                #expect(error.message[.english].contains("another key"))
                #expect(!error.description.contains("3704"))
            }
            // A payment without a mandate (or an unknown one) says so.
            do {
                _ = try await MandateOpening.open(payment: UUID(), store: store, key: central)
                Issue.record("an unknown payment has no mandate")
            } catch {
                #expect(error.sealing == nil)
                #expect(error.message[.english].contains("No SEPA mandate"))
            }
        }

        @Test func aCentralWithoutASealingKeySendsNoneAndTheTerminalHasNoKey() async throws {
            let store = try await StoreBackend.makeStore()
            let app = Application(router: CentralAPI.router(store: store, settings: CentralFixtures.settings, now: { CentralFixtures.monday }))
            try await app.test(.router) { client in
                try await client.execute(uri: "/v1/terminals/t1/snapshot", method: .get) { response in
                    let snapshot = try JSONDecoder().decode(TerminalSnapshot.self, from: Data(response.body.readableBytesView))
                    #expect(snapshot.sealingKey == nil)
                }
            }
        }
    }
}

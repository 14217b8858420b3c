public import Hummingbird
public import KioskCore
public import Foundation
import Logging
public import KioskIdentity
public import KioskMetrics
public import KioskSealing

/// What the API needs besides the store.
public struct CentralSettings: Sendable {
    /// The site's catalog as YAML, served in snapshots.
    public var catalogYAML: String
    /// The parsed catalog (queues, time zone).
    public var catalog: ServiceCatalog
    /// Counters assumed open per queue until staff sign in at counters.
    public var openCounters: Int
    /// The address citizens' phones reach this service at; the call display's QR code links to its `/q` page.
    public var publicURL: String?
    /// The site key for signed check-in codes; its public half goes into every snapshot.
    public var checkInSigner: CheckInSigner?
    /// Central's public sealing key, handed to terminals in the snapshot; without one they take no SEPA mandates.
    public var sealingKey: SealingPublicKey?

    /// Creates settings.
    public init(
        catalogYAML: String, catalog: ServiceCatalog, openCounters: Int, publicURL: String? = nil, checkInSigner: CheckInSigner? = nil,
        sealingKey: SealingPublicKey? = nil
    ) {
        self.catalogYAML = catalogYAML
        self.catalog = catalog
        self.openCounters = openCounters
        self.publicURL = publicURL
        self.checkInSigner = checkInSigner
        self.sealingKey = sealingKey
    }
}

/// The routes of kiosk-central: health and the terminal sync API (`Kiosk/openapi.yaml`).
public enum CentralAPI {
    /// Builds the router.
    ///
    /// With an `authority` (the site CA), terminal routes require the terminal's client certificate
    /// (``TerminalIdentityMiddleware``) and terminals can enrol; without one they are open, as on plain HTTP.
    public static func router(
        store: any CentralStore, settings: CentralSettings,
        announcer: Announcer = Announcer(cache: FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-central-speech")),
        authority: SiteAuthority? = nil,
        metrics: MetricsRegistry? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) -> Router<CentralRequestContext> {
        let router = Router(context: CentralRequestContext.self)
        let calendar = settings.catalog.site.calendar
        let counting = metrics.map { CentralMetrics(factory: $0.factory) } ?? CentralMetrics()
        if let metrics {
            MetricsRoute.add(to: router, registry: metrics, store: store, now: now)
        }
        router.get("/healthz") { _, _ -> Response in
            await store.isHealthy() ? Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n")))
                : Response(status: .serviceUnavailable, body: ResponseBody(byteBuffer: ByteBuffer(string: "database unreachable\n")))
        }
        let terminals = router.group("\(SyncAPI.prefix)/terminals/:terminal")
        if let authority {
            terminals.add(middleware: TerminalIdentityMiddleware(authority: authority, store: store, now: now))
        }
        terminals.post("events") { request, context -> Response in
            let terminal = try terminalID(context)
            let batch = try await decode(EventBatch.self, from: request)
            guard batch.events.count <= SyncAPI.maxBatchEvents else { throw APIError.tooManyEvents }
            do {
                let result = try await store.ingest(terminal: terminal, events: batch.events, attachments: batch.attachments, at: now())
                counting.ingested(terminal: terminal.rawValue, outcome: "ok", applied: result.applied)
                context.logger.info(
                    "Events ingested",
                    metadata: [
                        "kiosk.terminal": "\(terminal)", "kiosk.sync.applied": "\(result.applied)", "kiosk.sync.through": "\(result.appliedThrough)",
                        "kiosk.sync.attachments": "\(batch.attachments.count)",
                    ])
                return try JSONResponse.make(result)
            } catch let refusal as IngestRefusal {
                counting.ingested(terminal: terminal.rawValue, outcome: "refused", applied: 0)
                switch refusal {
                case .foreignEvent: throw APIError.foreignEvent
                case .unordered: throw APIError.unordered
                case .reusedID: throw APIError.reusedID
                case .strayAttachment: throw APIError.strayAttachment
                }
            } catch {
                counting.ingested(terminal: terminal.rawValue, outcome: "error", applied: 0)
                context.logger.error("Ingest failed", metadata: ["kiosk.error": "\(error)"])
                throw APIError.unavailable
            }
        }
        terminals.post("number-blocks") { request, context -> Response in
            let terminal = try terminalID(context)
            let blockRequest = try await decode(BlockRequest.self, from: request)
            guard (1...1000).contains(blockRequest.count) else { throw APIError.badBlockRequest }
            do {
                let block = try await store.grantBlock(terminal: terminal, request: blockRequest, at: now())
                return try JSONResponse.make(block)
            } catch {
                context.logger.error("Block grant failed", metadata: ["kiosk.error": "\(error)"])
                throw APIError.unavailable
            }
        }
        terminals.post("health") { request, context -> Response in
            let terminal = try terminalID(context)
            let report = try await decode(HealthReport.self, from: request)
            guard report.devices.count <= 32, report.devices.allSatisfy({ $0.device.count <= 40 && $0.status.count <= 80 }) else {
                throw APIError.malformedJSON
            }
            do {
                try await store.recordHealth(terminal: terminal, report: report, at: now())
            } catch {
                throw APIError.unavailable
            }
            counting.terminal(terminal.rawValue, lastSyncAgeSeconds: nil, outboxDepth: report.outboxPending)
            return try JSONResponse.make(report)
        }
        terminals.get("snapshot") { request, context -> Response in
            _ = try terminalID(context)
            let today = calendar.businessDay(of: now())
            let waiting = (try? await store.waitingCounts(day: today)) ?? [:]
            let appointments: [Appointment]
            do {
                appointments = try await store.appointments(site: settings.catalog.site.id, day: today)
            } catch {
                // A snapshot without today's appointments would make terminals answer "not found" to everyone.
                context.logger.error("Reading appointments failed", metadata: ["kiosk.error": "\(error)"])
                throw APIError.unavailable
            }
            let snapshot = TerminalSnapshot(
                catalogYAML: settings.catalogYAML,
                queues: settings.catalog.queues.map {
                    QueueState(queue: $0.id, waiting: waiting[$0.id] ?? 0, openCounters: settings.openCounters)
                },
                appointments: appointments, checkInKey: settings.checkInSigner?.publicKeyBase64, sealingKey: settings.sealingKey?.base64)
            let body = try EventCoding.canonicalEncoder.encode(snapshot)
            let etag = "\"\(fnv1a(body))\""
            if request.headers[.ifNoneMatch] == etag {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return try JSONResponse.make(snapshot, headers: [.eTag: etag])
        }
        terminals.get("collections/:applicationNumber") { _, context -> Response in
            _ = try terminalID(context)
            let number = try context.parameters.require("applicationNumber")
            guard ApplicationNumber.isValid(number) else { throw APIError.badApplicationNumber }
            // One lookup by key whatever the answer, and no log line with the number: an unknown number and a
            // ready one differ only in the answer's status.
            let record: CollectionRecord?
            do {
                record = try await store.collection(applicationNumber: number)
            } catch {
                context.logger.error("Collection lookup failed", metadata: ["kiosk.error": "\(error)"])
                throw APIError.unavailable
            }
            var response = try JSONResponse.make(CollectionAnswer(kind: record?.kind, state: record?.state))
            response.headers[.cacheControl] = "no-store"
            return response
        }
        ImportAPI.add(to: router, store: store, settings: settings, now: now)
        StaffAPI.add(to: router, store: store, settings: settings, metrics: counting, now: now)
        ConsolePages.add(to: router, store: store, settings: settings, announcer: announcer, metrics: counting, now: now)
        FollowPages.add(to: router, store: store, settings: settings, now: now)
        EnrolmentAPI.add(to: router, store: store, authority: authority, now: now)
        TerminalsPage.add(to: router, store: store, authority: authority, now: now)
        return router
    }

    static func terminalID(_ context: CentralRequestContext) throws -> TerminalID {
        let text = try context.parameters.require("terminal")
        guard isValidTerminalID(text) else { throw APIError.badTerminal }
        return TerminalID(rawValue: text)
    }

    /// Terminal ids as configuration accepts them: 1 to 64 of a-z, 0-9, - and _.
    static func isValidTerminalID(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: SyncAPI.maxBodyBytes)
        } catch {
            throw APIError.tooLarge
        }
        // PostgreSQL's text cannot hold NUL, and no field of the API needs it: refused here for both stores alike,
        // rather than as a storage failure (503) on one of them.
        let body = Data(buffer.readableBytesView)
        guard !escapesNUL(body) else { throw APIError.malformedJSON }
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw APIError.malformedJSON
        }
    }

    /// Whether a JSON text contains the escape `\u0000` (a raw NUL byte is invalid JSON and the decoder refuses it);
    /// an escaped backslash followed by `u0000` is ordinary text.
    static func escapesNUL(_ bytes: some RandomAccessCollection<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\\") {
                let escape = bytes[bytes.index(after: index)..<(bytes.index(index, offsetBy: 6, limitedBy: bytes.endIndex) ?? bytes.endIndex)]
                if escape.elementsEqual("u0000".utf8) { return true }
                index = bytes.index(index, offsetBy: 2, limitedBy: bytes.endIndex) ?? bytes.endIndex
            } else {
                index = bytes.index(after: index)
            }
        }
        return false
    }

    /// A stable 64-bit FNV-1a hash: the same snapshot gives the same ETag on every instance.
    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}

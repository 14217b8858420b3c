public import Foundation

/// The messages terminals and the central service exchange (`/v1/...`, see `Kiosk/openapi.yaml`).
public enum SyncAPI {
    /// Path prefix of this protocol version.
    public static let prefix = "/v1"
    /// Most events in one batch; a terminal with more sends several batches.
    public static let maxBatchEvents = 500
    /// Largest request body the central service reads.
    public static let maxBodyBytes = 1 << 20
}

/// Events of one terminal in sequence order, with the sealed attachments some of them refer to.
public struct EventBatch: Codable, Sendable, Equatable {
    /// The events, ascending sequence.
    public var events: [KioskEvent]
    /// Sealed data belonging to events of this batch (a SEPA mandate's signature and IBAN).
    public var attachments: [SealedAttachment]

    /// Creates a batch.
    public init(events: [KioskEvent], attachments: [SealedAttachment] = []) {
        self.events = events
        self.attachments = attachments
    }

    enum CodingKeys: String, CodingKey { case events, attachments }

    /// Decodes; a batch from a terminal that sends no attachments has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = try container.decode([KioskEvent].self, forKey: .events)
        attachments = try container.decodeIfPresent([SealedAttachment].self, forKey: .attachments) ?? []
    }

    /// Encodes; without attachments the body is what it was before they existed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(events, forKey: .events)
        if !attachments.isEmpty { try container.encode(attachments, forKey: .attachments) }
    }
}

/// Personal data that travels beside an event, sealed on the terminal to central's public key (HPKE, the
/// attachment id as associated data; docs/signature-container.md) and sent inside the mutually authenticated TLS
/// connection; central stores the sealed bytes and only its private key opens them.
public struct SealedAttachment: Codable, Sendable, Equatable {
    /// What it is.
    public enum Kind: String, Codable, Sendable {
        /// A signature's biometric container (`SignatureContainer`).
        case signature
        /// A SEPA mandate's IBAN.
        case iban
    }

    /// The id the event's payload names.
    public var id: UUID
    /// The sequence of the event it belongs to.
    public var sequence: Int64
    /// What it is.
    public var kind: Kind
    /// The sealed form: "RKS1", key id, encapsulated key, ciphertext and tag (base64 in JSON).
    public var sealed: Data

    /// Creates an attachment.
    public init(id: UUID, sequence: Int64, kind: Kind, sealed: Data) {
        self.id = id
        self.sequence = sequence
        self.kind = kind
        self.sealed = sealed
    }
}

/// What the central service did with a batch.
public struct IngestResult: Codable, Sendable, Equatable {
    /// The highest sequence of this terminal applied so far (after this batch); the terminal marks everything
    /// up to it as sent and resends from the next one.
    public var appliedThrough: Int64
    /// Events applied by this request.
    public var applied: Int
    /// Events already applied earlier (a resend): acknowledged, not applied again.
    public var duplicates: Int

    /// Creates a result.
    public init(appliedThrough: Int64, applied: Int, duplicates: Int) {
        self.appliedThrough = appliedThrough
        self.applied = applied
        self.duplicates = duplicates
    }
}

/// A terminal's request for ticket numbers; the request id makes a retried request return the same block.
public struct BlockRequest: Codable, Sendable, Equatable {
    /// Chosen by the terminal per request and reused on retry.
    public var requestID: UUID
    /// The queue.
    public var queue: QueueID
    /// The day the numbers are for.
    public var day: BusinessDay
    /// How many numbers.
    public var count: Int

    /// Creates a request.
    public init(requestID: UUID, queue: QueueID, day: BusinessDay, count: Int) {
        self.requestID = requestID
        self.queue = queue
        self.day = day
        self.count = count
    }
}

/// One queue as the central service sees it.
public struct QueueState: Codable, Sendable, Equatable {
    /// The queue.
    public var queue: QueueID
    /// Tickets issued today and not yet called.
    public var waiting: Int
    /// Counters open for the queue.
    public var openCounters: Int

    /// Creates a state.
    public init(queue: QueueID, waiting: Int, openCounters: Int) {
        self.queue = queue
        self.waiting = waiting
        self.openCounters = openCounters
    }
}

/// Reference data for a terminal; the ETag of the response lets a terminal skip an unchanged one.
public struct TerminalSnapshot: Codable, Sendable, Equatable {
    /// The site's service catalog as YAML, parsed by the terminal with the same parser as a local file.
    public var catalogYAML: String
    /// Today's queues.
    public var queues: [QueueState]
    /// The site's appointments of today (site-local day), any state, with just what check-in needs.
    public var appointments: [Appointment]
    /// The site's public key for signed check-in codes (raw Ed25519, base64); nil when the site signs none.
    public var checkInKey: String?
    /// Central's public sealing key (X25519, raw 32 bytes in base64): terminals seal a SEPA mandate's signature
    /// and IBAN to it. Nil from a central without one; a terminal then offers no SEPA mandate.
    public var sealingKey: String?

    /// Creates a snapshot.
    public init(
        catalogYAML: String, queues: [QueueState], appointments: [Appointment] = [], checkInKey: String? = nil,
        sealingKey: String? = nil
    ) {
        self.catalogYAML = catalogYAML
        self.queues = queues
        self.appointments = appointments
        self.checkInKey = checkInKey
        self.sealingKey = sealingKey
    }

    enum CodingKeys: String, CodingKey { case catalogYAML, queues, appointments, checkInKey, sealingKey }

    /// Decodes; a snapshot stored before appointments (or the sealing key) existed has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            catalogYAML: try container.decode(String.self, forKey: .catalogYAML),
            queues: try container.decode([QueueState].self, forKey: .queues),
            appointments: try container.decodeIfPresent([Appointment].self, forKey: .appointments) ?? [],
            checkInKey: try container.decodeIfPresent(String.self, forKey: .checkInKey),
            sealingKey: try container.decodeIfPresent(String.self, forKey: .sealingKey))
    }
}

/// The body of every error response: a stable code and the message in German and English.
public struct APIErrorBody: Codable, Sendable, Equatable {
    /// Stable machine-readable code, e.g. "malformed-json".
    public var code: String
    /// German message.
    public var de: String
    /// English message.
    public var en: String

    /// Creates an error body.
    public init(code: String, message: Message) {
        self.code = code
        de = message[.german]
        en = message[.english]
    }
}

/// How bad a device state is.
public enum HealthSeverity: String, Codable, Sendable, Equatable, CaseIterable {
    /// Working.
    case ok
    /// Working, but needs attention soon (paper low, sync behind).
    case warning
    /// Not working (paper out, unplugged).
    case error
}

/// One device's state as a terminal reports it; a stable code, never personal data.
public struct DeviceHealth: Codable, Sendable, Equatable {
    /// The device, e.g. "printer", "sync".
    public var device: String
    /// A stable status code, e.g. "ok", "media-empty", "behind".
    public var status: String
    /// How bad it is.
    public var severity: HealthSeverity

    /// Creates a device state.
    public init(device: String, status: String, severity: HealthSeverity) {
        self.device = device
        self.status = status
        self.severity = severity
    }
}

/// A terminal's health report.
public struct HealthReport: Codable, Sendable, Equatable {
    /// Every device's state.
    public var devices: [DeviceHealth]
    /// Events in the terminal's outbox not yet acknowledged when it reported; nil from terminals before this field.
    public var outboxPending: Int?
    /// Creates a report.
    public init(devices: [DeviceHealth], outboxPending: Int? = nil) {
        self.devices = devices
        self.outboxPending = outboxPending
    }
}

/// One entry of the call feed.
public struct CallAnnouncement: Sendable, Equatable, Codable {
    /// Increasing id; a display asks for calls after the last id it has.
    public var id: Int64
    /// When it was called.
    public var time: Timestamp
    /// Printed number, "A 017".
    public var number: String
    /// Spoken number, "A 17".
    public var spoken: String
    /// Counter id.
    public var counter: String
    /// Counter name, "Schalter 3".
    public var counterName: String

    /// Creates an announcement.
    public init(id: Int64, time: Timestamp, number: String, spoken: String, counter: String, counterName: String) {
        self.id = id
        self.time = time
        self.number = number
        self.spoken = spoken
        self.counter = counter
        self.counterName = counterName
    }
}


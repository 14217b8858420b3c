public import Foundation

/// Something a citizen or the terminal did, as it is kept in the outbox and sent to the central service.
///
/// The JSON form is versioned (`"schema": 1`) and canonical: keys sorted, times in ISO 8601 UTC with
/// milliseconds, so the same event always encodes to the same bytes. Payloads never carry personal data
/// beyond what the central service needs for the action.
public struct KioskEvent: Hashable, Sendable {
    /// The encoding version written into every event.
    public static let schemaVersion = 1

    /// Unique id; the central service applies an event once per id.
    public var id: UUID
    /// The terminal that recorded it.
    public var terminal: TerminalID
    /// Gap-free, strictly increasing per terminal, starting at 1.
    public var sequence: Int64
    /// When it happened, to the millisecond.
    public var time: Date
    /// What happened.
    public var payload: EventPayload

    /// Creates an event; the time is truncated to whole milliseconds so that it survives a JSON round trip.
    public init(id: UUID, terminal: TerminalID, sequence: Int64, time: Date, payload: EventPayload) {
        self.id = id
        self.terminal = terminal
        self.sequence = sequence
        self.time = time.wholeMilliseconds
        self.payload = payload
    }

    /// The event type, e.g. "ticket.issued".
    public var type: String { payload.type }
}

/// The kinds of event and their data.
public enum EventPayload: Hashable, Sendable {
    /// A ticket was committed.
    case ticketIssued(Ticket)
    /// A ticket's printout completed.
    case ticketPrinted(ticket: UUID, printer: String)
    /// A ticket could not be printed; it was shown on screen instead.
    case ticketPrintFailed(ticket: UUID, printer: String, reason: String)
    /// A number block was granted to this terminal.
    case numberBlockGranted(NumberBlock)
    /// A citizen checked in for an appointment and got this ticket.
    case appointmentCheckedIn(AppointmentCheckIn)
    /// A citizen confirmed a fee and its method (and, for a SEPA mandate, signed).
    case paymentConfirmed(PaymentConfirmation)

    /// The wire name of the type.
    public var type: String {
        switch self {
        case .ticketIssued: "ticket.issued"
        case .ticketPrinted: "ticket.printed"
        case .ticketPrintFailed: "ticket.print-failed"
        case .numberBlockGranted: "numbers.block-granted"
        case .appointmentCheckedIn: "appointment.checked-in"
        case .paymentConfirmed: "payment.confirmed"
        }
    }
}

/// Why bytes could not be read as an event.
public struct EventDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, without echoing the input.
    public var reason: String
    public var description: String { "event cannot be decoded: \(reason)" }
}

extension KioskEvent: Codable {
    public init(from decoder: any Decoder) throws {
        self = try EventEnvelope(from: decoder).event
    }

    public func encode(to encoder: any Encoder) throws {
        try EventEnvelope(self).encode(to: encoder)
    }
}

/// An instant on the wire: ISO 8601 UTC with milliseconds, whatever date strategy the surrounding coder has.
public struct Timestamp: Codable, Hashable, Sendable {
    /// The instant.
    public var date: Date

    /// Wraps an instant (rounded to milliseconds when encoded).
    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = EventCoding.date(timestamp: text) else {
            throw EventDecodingError(reason: "time is not ISO 8601 UTC with milliseconds")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(EventCoding.timestamp(date))
    }
}

extension KioskEvent {
    /// The canonical JSON bytes.
    public func jsonData() -> Data {
        // Encoding plain values with sorted keys cannot fail; a failure here is a programming error.
        try! EventCoding.encoder.encode(EventEnvelope(self))
    }

    /// Decodes canonical JSON; rejects unknown schema versions and unknown types.
    public init(jsonData data: Data) throws(EventDecodingError) {
        let envelope: EventEnvelope
        do {
            envelope = try EventCoding.decoder.decode(EventEnvelope.self, from: data)
        } catch let error as EventDecodingError {
            throw error
        } catch {
            throw EventDecodingError(reason: "malformed JSON or missing fields")
        }
        self = envelope.event
    }
}

/// Canonical JSON coding shared by events and the sync protocol.
public enum EventCoding {
    /// An encoder producing the canonical form (sorted keys).
    public static var canonicalEncoder: JSONEncoder { encoder }

    /// The canonical encoder: sorted keys; every time inside events is a `Timestamp` string.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()

    static let secondsStyle = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// "2026-11-23T08:15:30.123Z"; milliseconds are computed as integers because a binary floating-point
    /// fraction formatted by a date formatter can come out one millisecond short.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let seconds = milliseconds.floorDivided(by: 1000)
        let fraction = milliseconds - seconds * 1000
        let base = Date(timeIntervalSince1970: Double(seconds)).formatted(secondsStyle)
        let digits = String(fraction)
        return base.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses exactly the form `timestamp` writes.
    static func date(timestamp text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z"),
            let fraction = Int64(String(decoding: bytes[20..<23], as: UTF8.self)),
            let base = try? secondsStyle.parse(String(decoding: bytes[0..<19], as: UTF8.self) + "Z")
        else { return nil }
        return Date(millisecondsSince1970: Int64(base.timeIntervalSince1970.rounded()) * 1000 + fraction)
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

extension Date {
    /// Whole milliseconds since 1970: how every time is stored and sent.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The instant of a stored millisecond count.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The instant rounded to whole milliseconds: the precision every stored and sent time has.
    public var wholeMilliseconds: Date { Date(millisecondsSince1970: millisecondsSince1970) }
}

/// The wire shape: a flat envelope with the type beside a payload object.
struct EventEnvelope: Codable {
    var schema: Int
    var id: UUID
    var terminal: TerminalID
    var sequence: Int64
    var time: Timestamp
    var type: String
    var payload: PayloadBox

    init(_ event: KioskEvent) {
        schema = KioskEvent.schemaVersion
        id = event.id
        terminal = event.terminal
        sequence = event.sequence
        time = Timestamp(event.time)
        type = event.type
        payload = PayloadBox(event.payload)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(Int.self, forKey: .schema)
        guard schema == KioskEvent.schemaVersion else {
            throw EventDecodingError(reason: "unsupported schema version \(schema)")
        }
        id = try container.decode(UUID.self, forKey: .id)
        terminal = try container.decode(TerminalID.self, forKey: .terminal)
        sequence = try container.decode(Int64.self, forKey: .sequence)
        guard sequence >= 1 else { throw EventDecodingError(reason: "sequence must be at least 1") }
        time = try container.decode(Timestamp.self, forKey: .time)
        type = try container.decode(String.self, forKey: .type)
        let payloadDecoder = try container.superDecoder(forKey: .payload)
        payload = try PayloadBox(type: type, from: payloadDecoder)
    }

    var event: KioskEvent {
        KioskEvent(id: id, terminal: terminal, sequence: sequence, time: time.date, payload: payload.value)
    }
}

struct PayloadBox: Codable {
    var value: EventPayload

    init(_ value: EventPayload) { self.value = value }

    private struct PrintResult: Codable {
        var ticket: UUID
        var printer: String
        var reason: String?
    }

    init(type: String, from decoder: any Decoder) throws {
        switch type {
        case "ticket.issued":
            value = .ticketIssued(try Ticket(from: decoder))
        case "ticket.printed":
            let result = try PrintResult(from: decoder)
            value = .ticketPrinted(ticket: result.ticket, printer: result.printer)
        case "ticket.print-failed":
            let result = try PrintResult(from: decoder)
            value = .ticketPrintFailed(ticket: result.ticket, printer: result.printer, reason: result.reason ?? "")
        case "numbers.block-granted":
            value = .numberBlockGranted(try NumberBlock(from: decoder))
        case "appointment.checked-in":
            value = .appointmentCheckedIn(try AppointmentCheckIn(from: decoder))
        case "payment.confirmed":
            value = .paymentConfirmed(try PaymentConfirmation(from: decoder))
        default:
            throw EventDecodingError(reason: "unknown event type")
        }
    }

    init(from decoder: any Decoder) throws {
        preconditionFailure("decoded through init(type:from:) because the type sits beside the payload")
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .ticketIssued(let ticket): try ticket.encode(to: encoder)
        case let .ticketPrinted(ticket, printer): try PrintResult(ticket: ticket, printer: printer).encode(to: encoder)
        case let .ticketPrintFailed(ticket, printer, reason):
            try PrintResult(ticket: ticket, printer: printer, reason: reason).encode(to: encoder)
        case .numberBlockGranted(let block): try block.encode(to: encoder)
        case .appointmentCheckedIn(let checkIn): try checkIn.encode(to: encoder)
        case .paymentConfirmed(let confirmation): try confirmation.encode(to: encoder)
        }
    }
}

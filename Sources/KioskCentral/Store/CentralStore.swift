public import Foundation
public import KioskCore
public import KioskIdentity
import Crypto

/// The central service's storage: applied events per terminal, the ticket projection, granted number blocks,
/// staff, counters, calls, health.
///
/// Central keeps no state outside its database, so several instances can serve one database. Two
/// implementations run the same test suite: ``SQLiteCentralStore`` (one file, no set-up) and
/// ``PostgresCentralStore`` (many terminals and sites, several instances).
public protocol CentralStore: Sendable {
    /// Whether the database answers.
    func isHealthy() async -> Bool

    /// Housekeeping the backend needs now and then while idle (SQLite copies its WAL back).
    func checkpoint() async throws

    /// Applies a terminal's events in order, each exactly once, in one transaction.
    ///
    /// Already applied sequences are counted as duplicates; a gap stops the batch (the terminal resends from
    /// `appliedThrough + 1`), so events are never applied out of order.
    /// Attachments (a mandate's sealed signature and IBAN) are stored with their event, in the same transaction,
    /// once: a resent attachment is acknowledged and not stored twice.
    func ingest(terminal: TerminalID, events: [KioskEvent], attachments: [SealedAttachment], at now: Date) async throws -> IngestResult

    /// The sealed attachments stored for a terminal's events, by event sequence (for checks and the export).
    func sealedAttachments(terminal: TerminalID) async throws -> [SealedAttachment]

    /// The sealed attachments of one payment (by its key), empty for an unknown payment or one without a mandate.
    func sealedAttachments(payment: UUID) async throws -> [SealedAttachment]

    /// How many payments central has from its terminals (for checks).
    func paymentCount() async throws -> Int

    /// Grants the next block of a queue's numbers for a day; the same request id always gets the same block.
    func grantBlock(terminal: TerminalID, request: BlockRequest, at now: Date) async throws -> NumberBlock

    /// Waiting tickets per queue on a day.
    func waitingCounts(day: BusinessDay) async throws -> [QueueID: Int]

    /// The highest sequence applied for a terminal.
    func appliedThrough(_ terminal: TerminalID) async throws -> Int64

    /// Counts for checks.
    func integrity() async throws -> StoreIntegrity

    /// Creates or replaces a staff account; `passwordHash` is a bcrypt hash.
    func putStaff(id: String, displayName: String, role: StaffRole, passwordHash: String) async throws

    /// The stored hash and role of a staff account.
    func staffCredentials(id: String) async throws -> (hash: String, role: StaffRole)?

    /// Stores a session under the digest of its token (``StaffToken``), never the token itself.
    func storeSession(digest: String, staff: String, at now: Date, lifetime: TimeInterval) async throws

    /// The staff member and role of a valid session, found by the digest of its token.
    func session(digest: String, at now: Date) async throws -> (staff: String, role: StaffRole)?

    /// Creates or replaces a counter.
    func putCounter(_ counter: Counter) async throws

    /// All counters.
    func counters() async throws -> [Counter]

    /// Calls the next ticket for a counter by the queue rule, so that two clerks pressing "next" at the same
    /// moment, on one instance or two, never get the same citizen. Nil when nobody waits.
    func callNext(counter: String, staff: String, rule: QueueOrder, day: BusinessDay, at now: Date) async throws -> CalledTicket?

    /// Applies a clerk's action to a ticket, following `TicketLifecycle`.
    func act(
        _ action: CounterAction, ticket: UUID, counter: String, staff: String, forwardTo: ServiceID?,
        catalog: ServiceCatalog, at now: Date
    ) async throws -> CalledTicket

    /// Calls after `id`, oldest first, at most `limit`.
    func calls(after id: Int64, limit: Int) async throws -> [CallAnnouncement]

    /// The id of the newest call, 0 if none.
    func newestCallID() async throws -> Int64

    /// Audit entries, newest first.
    func auditLog(limit: Int) async throws -> [AuditEntry]

    /// The ticket a counter has called most recently and not yet finished, if any.
    func currentTicket(counter: String) async throws -> CalledTicket?

    /// Parked tickets of a day.
    func parkedTickets(day: BusinessDay) async throws -> [CalledTicket]

    /// Stores a terminal's report, replacing what it said before about the same devices.
    func recordHealth(terminal: TerminalID, report: HealthReport, at now: Date) async throws

    /// Every reported device state, worst first.
    func deviceHealth() async throws -> [TerminalDeviceHealth]

    /// When each terminal last sent anything (events or health).
    func terminalsLastSeen() async throws -> [(terminal: String, lastSeen: Date?)]

    /// Per-ticket times of a day, for ``statistics(day:catalog:)``.
    func ticketTimes(day: BusinessDay) async throws -> [TicketTimes]

    /// Tickets per terminal on a day.
    func ticketsPerTerminal(day: BusinessDay) async throws -> [(terminal: String, tickets: Int)]

    /// Where a ticket stands, for the citizen following the queue on a phone; nil for an unknown id.
    func followStatus(ticket: UUID) async throws -> FollowStatus?

    /// Wakes whenever a call was stored, by this instance or another one on the same database, so that
    /// call displays update at once. May also wake without a new call.
    func callSignals() -> AsyncStream<Void>

    // MARK: Terminal identity

    /// Stores a pending enrolment. A resubmission (same terminal, same key, still pending) returns the stored
    /// one instead of a second; ``IdentityRefusal/tooManyPending`` when `maxPending` requests already wait.
    func submitEnrolment(_ enrolment: EnrolmentRecord, maxPending: Int) async throws -> EnrolmentRecord

    /// One enrolment with its certificate once approved.
    func enrolment(id: UUID) async throws -> EnrolmentRecord?

    /// Enrolments in a state (all when nil), newest first, at most `limit`.
    func enrolments(state: EnrolmentState?, limit: Int) async throws -> [EnrolmentRecord]

    /// Marks a pending enrolment approved and registers its certificate, in one transaction and audited;
    /// ``IdentityRefusal`` when it is unknown or was decided meanwhile (then nothing is registered).
    func approveEnrolment(id: UUID, certificate: IssuedCertificate, by staff: String, at now: Date) async throws

    /// Marks a pending enrolment rejected, audited.
    func rejectEnrolment(id: UUID, by staff: String, at now: Date) async throws

    /// The issued certificate with this SHA-256 (of its DER encoding), revoked or not.
    func terminalCertificate(sha256: String) async throws -> TerminalCertificateRecord?

    /// Every issued certificate, by terminal, newest first.
    func terminalCertificates() async throws -> [TerminalCertificateRecord]

    /// Revokes a terminal's valid certificates (only the one with `serial` when given), audited; how many.
    func revokeCertificates(terminal: TerminalID, serial: String?, by staff: String, at now: Date) async throws -> Int

    // MARK: Appointments

    /// Creates or replaces an appointment of `site` on its site-local `day`. A checked-in appointment stays
    /// checked in; otherwise the given state is stored (so a cancelled one can be booked again).
    func putAppointment(_ appointment: Appointment, site: String, day: BusinessDay) async throws

    /// Cancels a booked appointment; the stored appointment afterwards (still `.checkedIn` when the citizen had
    /// already checked in), nil when unknown.
    func cancelAppointment(_ id: AppointmentID) async throws -> Appointment?

    /// One appointment.
    func appointment(_ id: AppointmentID) async throws -> Appointment?

    /// A site's appointments of a day, any state, by start: what terminals get in their snapshot.
    func appointments(site: String, day: BusinessDay) async throws -> [Appointment]

    /// Check-ins that did not simply queue a ticket, oldest first (see ``AppointmentConflict``).
    func appointmentConflicts() async throws -> [AppointmentConflict]

    // MARK: Appointment import

    /// Applies import rows for `site` in one transaction, all or nothing: when any row is refused (see
    /// `AppointmentImportPlan`) or `dryRun` is set, nothing is written and the report says what would happen.
    func importAppointments(
        _ rows: [AppointmentImportRow], site: String, calendar: SiteCalendar, dryRun: Bool
    ) async throws -> AppointmentImportReport

    /// The name kept for the counter, nil when none was imported or it was purged.
    func appointmentName(_ id: AppointmentID) async throws -> String?

    /// Removes the names of appointments on days before `day`; how many were removed.
    func purgeAppointmentNames(before day: BusinessDay) async throws -> Int

    /// Creates or replaces a system client (a booking system or import job) by the digest of its token.
    func putSystemClient(name: String, tokenDigest: String, at now: Date) async throws

    /// The system client whose token has this digest, nil when none.
    func systemClient(tokenDigest: String) async throws -> String?

    // MARK: Collection status (Lieferstatus)

    /// Records an application's document kind and state; `readySince` is set when it becomes ready and kept
    /// while it stays ready.
    func setCollection(applicationNumber: String, kind: DocumentKind, state: CollectionState, at now: Date) async throws

    /// One application's record, nil when unknown.
    func collection(applicationNumber: String) async throws -> CollectionRecord?
}

extension CentralStore {
    /// Checks what every backend refuses the same way before touching the database.
    /// Applies events without attachments.
    public func ingest(terminal: TerminalID, events: [KioskEvent], at now: Date) async throws -> IngestResult {
        try await ingest(terminal: terminal, events: events, attachments: [], at: now)
    }

    func validate(terminal: TerminalID, events: [KioskEvent]) throws(IngestRefusal) {
        guard events.allSatisfy({ $0.terminal == terminal }) else { throw IngestRefusal.foreignEvent }
        guard zip(events, events.dropFirst()).allSatisfy({ $0.sequence < $1.sequence }) else { throw IngestRefusal.unordered }
    }

    /// Starts a session for a staff member and returns its token; only the token's digest is stored.
    public func createSession(staff: String, at now: Date, lifetime: TimeInterval) async throws -> String {
        let token = StaffToken.generate()
        try await storeSession(digest: StaffToken.digest(token), staff: staff, at: now, lifetime: lifetime)
        return token
    }

    /// The staff member and role of a valid session token.
    public func session(token: String, at now: Date) async throws -> (staff: String, role: StaffRole)? {
        try await session(digest: StaffToken.digest(token), at: now)
    }

    /// The most recent calls, newest first.
    public func recentCalls(limit: Int) async throws -> [CallAnnouncement] {
        let newest = try await newestCallID()
        return try await calls(after: max(0, newest - Int64(limit)), limit: limit).reversed()
    }

    /// Calls after `id`, oldest first, at most 50.
    public func calls(after id: Int64) async throws -> [CallAnnouncement] {
        try await calls(after: id, limit: 50)
    }

    /// Figures per service for a day, in catalog order (services without tickets included with zeros).
    public func statistics(day: BusinessDay, catalog: ServiceCatalog) async throws -> [ServiceStatistics] {
        let byService = Dictionary(grouping: try await ticketTimes(day: day), by: \.service)
        let services = catalog.services.map(\.id) + byService.keys.filter { catalog.service($0) == nil }.sorted { $0.rawValue < $1.rawValue }
        return services.map { service in
            let tickets = byService[service] ?? []
            return ServiceStatistics(
                service: service, tickets: tickets.count,
                walkIns: tickets.filter { $0.origin == .walkIn }.count,
                appointments: tickets.filter { $0.origin == .appointment }.count,
                noShows: tickets.filter { $0.noShows > 0 }.count,
                missed: tickets.filter { $0.state == .missed }.count,
                waits: tickets.compactMap(\.waitMinutes), serviceTimes: tickets.compactMap(\.serviceMinutes))
        }
    }
}

/// The choice `QueueOrder` makes among per-queue candidates, shared by both backends' call-next: each queue
/// offers its earliest due appointment and, while none is due anywhere, its earliest arrival.
struct NextCandidate {
    private var due: (appointment: Int64, queued: Int64, id: String)?
    private var first: (queued: Int64, number: Int, id: String)?

    /// Whether earliest arrivals still matter: once an appointment is due, they do not.
    var wantsArrivals: Bool { due == nil }

    /// The ticket to call, if any was offered.
    var id: String? { due?.id ?? first?.id }

    mutating func offerDue(appointment: Int64, queued: Int64, id: String) {
        if due.map({ ($0.appointment, $0.queued) > (appointment, queued) }) ?? true { due = (appointment, queued, id) }
    }

    mutating func offerArrival(queued: Int64, number: Int, id: String) {
        if first.map({ ($0.queued, $0.number) > (queued, number) }) ?? true { first = (queued, number, id) }
    }
}

/// Opaque staff session tokens: 256 random bits, stored only as their SHA-256 digest, so that a copy of the
/// database (a backup, a support dump) holds no usable session.
public enum StaffToken {
    /// A new random token, hex.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let text = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    /// The digest a store keeps, hex.
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}

/// Where one ticket stands: its number and position, never anything about the person.
public struct FollowStatus: Sendable, Equatable {
    /// Printed number, e.g. "A 017".
    public var number: String
    /// Its queue.
    public var queue: QueueID
    /// Its state.
    public var state: TicketState
    /// Tickets waiting before it in its queue (0 when it is not waiting).
    public var ahead: Int
    /// The counter's display name once it is called.
    public var counterName: String?
}

/// Counts for integrity checks.
public struct StoreIntegrity: Sendable, Equatable {
    /// Applied events.
    public var events: Int
    /// Tickets in the projection.
    public var tickets: Int
    /// Distinct (queue, day, number).
    public var distinctNumbers: Int
    /// Numbers seen twice (overlapping blocks).
    public var conflicts: Int

    /// Creates the counts.
    public init(events: Int, tickets: Int, distinctNumbers: Int, conflicts: Int) {
        self.events = events
        self.tickets = tickets
        self.distinctNumbers = distinctNumbers
        self.conflicts = conflicts
    }
}

/// One staff action as the audit log keeps it: ticket numbers, never citizen data.
public struct AuditEntry: Sendable, Equatable {
    /// Who.
    public var staff: String
    /// What, e.g. "call-next".
    public var action: String
    /// At which counter.
    public var counter: String?
    /// Which ticket (id).
    public var ticket: String?
}

/// The times of one ticket that the day's statistics need.
public struct TicketTimes: Sendable {
    /// Its service (after any forward).
    public var service: ServiceID
    /// Walk-in or appointment.
    public var origin: TicketOrigin
    /// Its state now.
    public var state: TicketState
    /// How often it was marked no-show.
    public var noShows: Int
    /// Issued, first called, last called, finished (ms since 1970).
    public var issuedAt: Int64, firstCalledAt: Int64?, calledAt: Int64?, finishedAt: Int64?

    /// Minutes from issue to first call.
    var waitMinutes: Double? { firstCalledAt.map { Double($0 - issuedAt) / 60_000 } }

    /// Minutes from the last call to finish.
    var serviceMinutes: Double? {
        guard let finishedAt, let calledAt else { return nil }
        return Double(finishedAt - calledAt) / 60_000
    }
}

/// A failure of the central database, mapped to HTTP statuses in one place (`CentralAPI`).
public struct CentralStoreError: Error, Sendable, CustomStringConvertible {
    /// What failed, without row contents.
    public var operation: String
    /// The backend's code, e.g. "SQLite 5" or "PostgreSQL 40001".
    public var code: String

    public var description: String { "central store: \(operation) failed (\(code))" }
}

/// Why a batch was refused as a whole.
public enum IngestRefusal: Error, Equatable, Sendable {
    /// An event names another terminal than the one sending.
    case foreignEvent
    /// Events are not in ascending sequence order.
    case unordered
    /// An event id was already used for a different terminal or sequence.
    case reusedID
    /// An attachment belongs to no event of the batch that names it.
    case strayAttachment
}

/// A counter (Schalter) and the queues it serves.
public struct Counter: Sendable, Equatable, Codable {
    /// Id, e.g. "s3".
    public var id: String
    /// Name on the call display, e.g. "Schalter 3".
    public var name: String
    /// Queues it calls from.
    public var queues: [QueueID]

    /// Creates a counter.
    public init(id: String, name: String, queues: [QueueID]) {
        self.id = id
        self.name = name
        self.queues = queues
    }
}

/// A ticket as the counter sees it (no personal data: number and service).
public struct CalledTicket: Sendable, Equatable, Codable {
    /// Ticket id.
    public var id: UUID
    /// Printed number, e.g. "A 017".
    public var number: String
    /// The service.
    public var service: ServiceID
    /// The queue.
    public var queue: QueueID
    /// The state after the action.
    public var state: TicketState
}


/// Why a staff operation was refused.
public enum StaffRefusal: Error, Equatable, Sendable {
    /// Unknown user or wrong password (deliberately the same answer).
    case badCredentials
    /// No valid session.
    case notLoggedIn
    /// The role may not do this.
    case forbidden
    /// No such counter.
    case unknownCounter
    /// No such ticket.
    case unknownTicket
    /// No such service (forward target).
    case unknownService
    /// The lifecycle does not allow the action now.
    case notAllowed(Message)
}

/// A device state as the central service last heard it.
public struct TerminalDeviceHealth: Sendable, Equatable {
    /// The terminal.
    public var terminal: String
    /// The device.
    public var device: String
    /// The status code.
    public var status: String
    /// Its severity.
    public var severity: HealthSeverity
    /// When it was reported.
    public var reportedAt: Date
}

public import Foundation
public import KioskCore
import GRDB
import Crypto

/// The outcome of scanning an appointment confirmation at the terminal.
public enum CheckInResult: Sendable, Equatable {
    /// Checked in: the ticket to print or show, the appointment (now `.checkedIn`) and the decision. A repeated
    /// scan of the same code answers with the first ticket and `.alreadyCheckedIn`.
    case checkedIn(Ticket, Appointment, CheckInDecision)
    /// Not checked in, for a reason the citizen is told.
    case refused(CheckInRefusal)
}

/// Why a check-in gave no ticket.
public enum CheckInRefusal: Sendable, Equatable {
    /// The rules refused it (too early, too late, another day, cancelled, checked in at another terminal).
    case decision(CheckInDecision)
    /// No appointment of the last snapshot matches the code.
    case notFound
    /// The appointment's service is not in the catalog in force (stale snapshot or catalog): nothing to issue.
    case unknownService
    /// A signed check-in code whose signature, site or key does not check out (forged, altered, another site's).
    case invalidCode

    /// What the citizen is told.
    public var message: Message {
        switch self {
        case .decision(let decision): decision.message
        case .notFound:
            Message(
                key: "checkin.refusal.notFound",
                de: "Zu diesem Code ist heute kein Termin bekannt. Bitte am Empfang melden.",
                en: "No appointment is known for this code today. Please go to the reception desk.")
        case .unknownService:
            Message(
                key: "checkin.refusal.unknownService",
                de: "Für diesen Termin kann hier keine Wartenummer ausgegeben werden. Bitte am Empfang melden.",
                en: "No ticket can be issued here for this appointment. Please go to the reception desk.")
        case .invalidCode:
            Message(
                key: "checkin.refusal.invalidCode",
                de: "Dieser Termincode ist nicht gültig. Bitte am Empfang melden.",
                en: "This appointment code is not valid. Please go to the reception desk.")
        }
    }
}

extension KioskStore {
    /// The appointments of `day` from the last stored snapshot, by start, with local check-ins applied; works
    /// offline because the snapshot is kept in the database.
    public func appointments(on day: BusinessDay, calendar: SiteCalendar) throws(StoreError) -> [Appointment] {
        try storeOperation("read appointments") {
            try pool.read { db in
                let checkedIn = Set(try String.fetchAll(db, sql: "SELECT appointment FROM appointment_check_in"))
                return try snapshotAppointments.appointments(db)
                    .filter { calendar.businessDay(of: $0.start) == day }
                    .map { appointment in
                        var appointment = appointment
                        if checkedIn.contains(appointment.id.rawValue) { appointment.state = .checkedIn }
                        return appointment
                    }
                    .sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
            }
        }
    }

    /// Checks a citizen in for the appointment a scanned code names, in one transaction.
    ///
    /// Finds the appointment in the last snapshot, applies `rules`, issues a ticket of the service's queue
    /// (origin `.appointment`; numbers as for walk-ins, granting a block when `grantor` allows), records the
    /// check-in and writes `appointment.checked-in` to the outbox. The check-in row is keyed by the appointment,
    /// so scanning the same code again, also from a concurrent task, returns the first ticket with
    /// `.alreadyCheckedIn` and never issues a second one.
    public func checkIn(
        code: AppointmentCode, catalog: ServiceCatalog, rules: CheckInRules, at now: Date, openCounters: Int = 1,
        grantor: BlockGrantor?, ticketID: UUID = UUID(), eventID: UUID = UUID()
    ) throws(StoreError) -> CheckInResult {
        let calendar = catalog.site.calendar
        let terminal = self.terminal
        return try storeOperation("check in") {
            try pool.write { db -> CheckInResult in
                // A signed code is checked offline against the site key of the last snapshot before anything else.
                if case .signed(let signed) = code {
                    guard signed.site == catalog.site.id, let key = try Self.snapshotCheckInKey(db), Self.verify(signed, publicKey: key) else {
                        return .refused(.invalidCode)
                    }
                }
                // Every appointment is compared, not only up to the first match, so the time taken says nothing
                // about where a matching one is.
                let matching = try snapshotAppointments.appointments(db).filter { $0.matches(code) }
                guard var appointment = matching.first else { return .refused(.notFound) }
                if let row = try Row.fetchOne(
                    db, sql: "SELECT ticket.* FROM appointment_check_in JOIN ticket ON ticket.id = appointment_check_in.ticket WHERE appointment = ?",
                    arguments: [appointment.id.rawValue])
                {
                    appointment.state = .checkedIn
                    return .checkedIn(Self.ticket(row, terminal: terminal), appointment, .alreadyCheckedIn)
                }
                let decision = rules.decide(appointment: appointment, at: now, calendar: calendar)
                guard decision.acceptsCheckIn else { return .refused(.decision(decision)) }
                let issuer = TicketIssuer(calendar: calendar)
                let checkedInAppointment = appointment
                let result = try Self.issue(
                    db, catalog: catalog, service: appointment.service, terminal: terminal, now: now, calendar: calendar,
                    openCounters: openCounters, grantor: grantor, ticketID: ticketID, eventID: eventID, issuedToday: 0,
                    decide: { issuer.decideAppointment($0, ticketID: $1) },
                    payload: { ticket in
                        .appointmentCheckedIn(
                            AppointmentCheckIn(appointment: checkedInAppointment.id, ticket: ticket, appointmentAt: checkedInAppointment.start))
                    })
                switch result {
                case .issued(let ticket, _):
                    try db.execute(
                        sql: """
                            INSERT INTO appointment_check_in(appointment, ticket, appointment_at_ms, decision, checked_in_ms)
                            VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            appointment.id.rawValue, ticket.id.uuidString, appointment.start.millisecondsSince1970, decision.code,
                            now.millisecondsSince1970,
                        ])
                    appointment.state = .checkedIn
                    return .checkedIn(ticket, appointment, decision)
                case .unknownService, .refused:
                    return .refused(.unknownService)
                }
            }
        }
    }

    /// The appointments of the stored snapshot; none when there is no snapshot or it cannot be read (then every
    /// code is "not found" and the citizen goes to the desk, rather than the terminal failing).
    static func snapshotAppointments(_ db: Database) throws -> [Appointment] {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM reference_snapshot WHERE key = 'terminal'") else { return [] }
        return (try? JSONDecoder().decode(TerminalSnapshot.self, from: body))?.appointments ?? []
    }
}

extension KioskStore {
    /// The site's public key for signed check-in codes from the stored snapshot, nil when it has none.
    static func snapshotCheckInKey(_ db: Database) throws -> String? {
        guard let body = try Data.fetchOne(db, sql: "SELECT body FROM reference_snapshot WHERE key = 'terminal'") else { return nil }
        return (try? JSONDecoder().decode(TerminalSnapshot.self, from: body))?.checkInKey
    }

    /// Whether `code` carries a valid Ed25519 signature by the key (raw 32 bytes, base64).
    static func verify(_ code: SignedCheckInCode, publicKey: String) -> Bool {
        guard let raw = Data(base64Encoded: publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(Data(code.signature), for: Data(code.signedBytes))
    }
}

/// The appointments of the stored snapshot, decoded once per stored snapshot: the check-in reads them on every
/// scan, and a day's list decodes in milliseconds. A new snapshot has a new fetch time (and ETag), so the cache
/// never serves an older one.
final class SnapshotAppointmentsCache: @unchecked Sendable {
    // @unchecked: `entry` is only read and written under `lock`.
    private let lock = NSLock()
    private var entry: (fetched: Int64, etag: String?, appointments: [Appointment])?

    func appointments(_ db: Database) throws -> [Appointment] {
        guard let row = try Row.fetchOne(db, sql: "SELECT etag, fetched_ms FROM reference_snapshot WHERE key = 'terminal'") else {
            return []
        }
        let fetched: Int64 = row["fetched_ms"]
        let etag: String? = row["etag"]
        if let cached = lock.withLock({ entry }), cached.fetched == fetched, cached.etag == etag { return cached.appointments }
        let decoded = try KioskStore.snapshotAppointments(db)
        lock.withLock { entry = (fetched, etag, decoded) }
        return decoded
    }

    /// Forgets the decoded list: the stored snapshot was rewritten in place (retention), same ETag and time.
    func invalidate() {
        lock.withLock { entry = nil }
    }
}

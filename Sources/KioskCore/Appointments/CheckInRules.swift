public import Foundation

/// When a citizen may check in for an appointment, per site (`site.checkIn` in the service catalog).
///
/// Times are real minutes relative to the appointment's start instant, so a DST switch between now and the
/// start neither widens nor narrows the window.
public struct CheckInRules: Hashable, Sendable {
    /// How long before the start check-in opens (default 30).
    public var earliestMinutesBefore: Int
    /// Until how long after the start a check-in counts as on time (default 10).
    public var onTimeMinutesAfter: Int
    /// Until how long after the start a late check-in is still accepted (default 30); after that the citizen is
    /// sent to the reception desk.
    public var lateMinutesAfter: Int

    /// Creates rules; `lateMinutesAfter` below `onTimeMinutesAfter` means no late window.
    public init(earliestMinutesBefore: Int = 30, onTimeMinutesAfter: Int = 10, lateMinutesAfter: Int = 30) {
        self.earliestMinutesBefore = earliestMinutesBefore
        self.onTimeMinutesAfter = onTimeMinutesAfter
        self.lateMinutesAfter = max(lateMinutesAfter, onTimeMinutesAfter)
    }

    /// The defaults: from 30 minutes before, on time until 10 after, late until 30 after.
    public static let standard = CheckInRules()

    /// Decides a check-in for `appointment` at `now`, on the site's calendar.
    public func decide(appointment: Appointment, at now: Date, calendar: SiteCalendar) -> CheckInDecision {
        switch appointment.state {
        case .cancelled: return .cancelled
        case .checkedIn: return .alreadyCheckedIn
        case .booked: break
        }
        let day = calendar.businessDay(of: appointment.start)
        guard day == calendar.businessDay(of: now) else { return .wrongDay(day) }
        let offset = now.timeIntervalSince(appointment.start)
        if offset < -Double(earliestMinutesBefore * 60) {
            let opens = appointment.start.addingTimeInterval(-Double(earliestMinutesBefore * 60))
            return .tooEarly(checkInFrom: opens, localTime: calendar.timeOfDay(of: opens))
        }
        if offset <= Double(onTimeMinutesAfter * 60) { return .onTime }
        if offset <= Double(lateMinutesAfter * 60) { return .lateAccepted(minutesLate: Int(offset / 60)) }
        return .tooLate
    }
}

/// The outcome of `CheckInRules.decide`, with what the citizen is told.
public enum CheckInDecision: Hashable, Sendable {
    /// Too early: check-in opens at `checkInFrom` (`localTime` on the site's clock).
    case tooEarly(checkInFrom: Date, localTime: TimeOfDay)
    /// On time (or early within the window): checked in.
    case onTime
    /// Late but still accepted.
    case lateAccepted(minutesLate: Int)
    /// Too late for the terminal: the reception desk decides.
    case tooLate
    /// The appointment is on another day (`BusinessDay`).
    case wrongDay(BusinessDay)
    /// The appointment was cancelled.
    case cancelled
    /// Already checked in (here: the ticket is shown again; elsewhere: at another terminal).
    case alreadyCheckedIn

    /// Whether the citizen gets a ticket for this decision.
    public var acceptsCheckIn: Bool {
        switch self {
        case .onTime, .lateAccepted: true
        default: false
        }
    }

    /// A stable code for logs and the UI, e.g. "too-early".
    public var code: String {
        switch self {
        case .tooEarly: "too-early"
        case .onTime: "on-time"
        case .lateAccepted: "late-accepted"
        case .tooLate: "too-late"
        case .wrongDay: "wrong-day"
        case .cancelled: "cancelled"
        case .alreadyCheckedIn: "already-checked-in"
        }
    }

    /// What happened and what to do, in German and English.
    public var message: Message {
        switch self {
        case .tooEarly(_, let time):
            Message(
                key: "checkin.decision.tooEarly",
                de: "Sie sind zu früh. Bitte ab \(time) Uhr erneut scannen.",
                en: "You are early. Please scan again from \(time).",
                values: ["time": "\(time)"])
        case .onTime:
            Message(
                key: "checkin.decision.onTime",
                de: "Sie sind angemeldet. Bitte im Wartebereich Platz nehmen; Ihre Nummer wird aufgerufen.",
                en: "You are checked in. Please take a seat in the waiting area; your number will be called.")
        case .lateAccepted(let minutes):
            Message(
                key: "checkin.decision.lateAccepted",
                de: "Sie sind \(minutes) Minuten zu spät, aber angemeldet. Es kann etwas länger dauern; bitte im Wartebereich Platz nehmen.",
                en: "You are \(minutes) minutes late but checked in. It may take a little longer; please take a seat in the waiting area.",
                values: ["minutes": "\(minutes)"])
        case .tooLate:
            Message(
                key: "checkin.decision.tooLate",
                de: "Ihr Termin ist schon zu lange vorbei, um sich hier anzumelden. Bitte am Empfang melden.",
                en: "Your appointment is too far past to check in here. Please go to the reception desk.")
        case .wrongDay(let day):
            // Day.month.year is how German, Turkish and Ukrainian write a date; English and Arabic get the ISO form,
            // which reads the same in either script.
            Message(
                key: "checkin.decision.wrongDay",
                de: "Ihr Termin ist am \(Self.german(day)), nicht heute. Bitte an diesem Tag wiederkommen oder am Empfang melden.",
                en: "Your appointment is on \(day.iso), not today. Please come back on that day or go to the reception desk.",
                localizedValues: ["date": LocalizedText(german: Self.german(day), english: day.iso, others: [.arabic: day.iso])])
        case .cancelled:
            Message(
                key: "checkin.decision.cancelled",
                de: "Dieser Termin wurde abgesagt. Bitte am Empfang melden oder einen neuen Termin buchen.",
                en: "This appointment was cancelled. Please go to the reception desk or book a new appointment.")
        case .alreadyCheckedIn:
            Message(
                key: "checkin.decision.alreadyCheckedIn",
                de: "Sie sind für diesen Termin bereits angemeldet. Bitte im Wartebereich Platz nehmen.",
                en: "You are already checked in for this appointment. Please take a seat in the waiting area.")
        }
    }

    /// "24.11.2026": how a date reads in German.
    static func german(_ day: BusinessDay) -> String {
        "\(day.day < 10 ? "0" : "")\(day.day).\(day.month < 10 ? "0" : "")\(day.month).\(day.year)"
    }
}

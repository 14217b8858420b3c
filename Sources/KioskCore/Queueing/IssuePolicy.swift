public import Foundation

/// Why a walk-in ticket cannot be issued, with what the citizen can do instead.
public enum IssueRefusal: Hashable, Sendable {
    /// The service is offered with an appointment only.
    case appointmentOnly
    /// Today's walk-in tickets for the service are used up.
    case capacityReached(capacity: Int)
    /// Closed today (weekend, holiday, no hours).
    case closedToday(nextOpen: String?)
    /// Not yet open today.
    case notYetOpen(opensAt: TimeOfDay)
    /// Too close to closing time (or already closed for today).
    case closingSoon(closesAt: TimeOfDay)
    /// Between two opening spans (lunch break).
    case breakTime(reopensAt: TimeOfDay)

    /// The message for the screen: why, and what to do.
    public var message: Message {
        switch self {
        case .appointmentOnly:
            Message(
                key: "refused.appointmentOnly",
                de: "Diese Dienstleistung gibt es nur mit Termin. Bitte buchen Sie online oder telefonisch einen Termin.",
                en: "This service needs an appointment. Please book one online or by phone.")
        case .capacityReached(let capacity):
            Message(
                key: "refused.capacityReached",
                de: "Für heute sind alle \(capacity) Wartenummern vergeben. Bitte kommen Sie an einem anderen Tag oder buchen Sie einen Termin.",
                en: "All \(capacity) tickets for today have been issued. Please come back another day or book an appointment.",
                values: ["capacity": "\(capacity)"])
        case .closedToday(nil):
            Message(key: "refused.closedToday", de: "Heute ist das Bürgerbüro geschlossen.", en: "The office is closed today.")
        case .closedToday(let nextOpen?):
            Message(
                key: "refused.closedTodayReopens",
                de: "Heute ist das Bürgerbüro geschlossen. Wieder geöffnet: \(nextOpen).",
                en: "The office is closed today. Open again: \(nextOpen).",
                values: ["date": nextOpen])
        case .notYetOpen(let opensAt):
            Message(
                key: "refused.notYetOpen",
                de: "Wartenummern gibt es heute ab \(opensAt) Uhr. Bitte warten Sie bis dahin.",
                en: "Tickets are issued from \(opensAt) today. Please wait until then.",
                values: ["time": "\(opensAt)"])
        case .closingSoon(let closesAt):
            Message(
                key: "refused.closingSoon",
                de: "Heute werden keine Wartenummern mehr ausgegeben (Schluss um \(closesAt) Uhr). Bitte kommen Sie am nächsten Öffnungstag wieder oder buchen Sie einen Termin.",
                en: "No more tickets today (closing at \(closesAt)). Please come back on the next opening day or book an appointment.",
                values: ["time": "\(closesAt)"])
        case .breakTime(let reopensAt):
            Message(
                key: "refused.breakTime",
                de: "Mittagspause. Wartenummern gibt es wieder ab \(reopensAt) Uhr.",
                en: "Lunch break. Tickets are issued again from \(reopensAt).",
                values: ["time": "\(reopensAt)"])
        }
    }
}

/// Decides whether a walk-in ticket for a service may be issued now.
public struct IssuePolicy: Sendable {
    /// The site's calendar.
    public var calendar: SiteCalendar

    /// Creates a policy for a site calendar.
    public init(calendar: SiteCalendar) { self.calendar = calendar }

    /// Nil when a ticket may be issued; otherwise the reason it may not.
    ///
    /// - Parameters:
    ///   - issuedToday: walk-in tickets already issued for this service today, across all terminals known.
    public func refusal(for service: Service, site: Site, issuedToday: Int, at now: Date) -> IssueRefusal? {
        guard service.access.allowsWalkIn else { return .appointmentOnly }
        let hours = service.openingHours ?? site.openingHours
        let day = calendar.businessDay(of: now)
        let time = calendar.timeOfDay(of: now)
        let spans = hours.spans(on: day, weekday: calendar.weekday(of: day))
        guard let first = spans.first, let last = spans.last else {
            return .closedToday(nextOpen: nextOpenDay(after: day, hours: hours)?.iso)
        }
        if time < first.start { return .notYetOpen(opensAt: first.start) }
        let cutoff = { (span: TimeSpan) in TimeOfDay(hour: 0, minute: span.end.minutes - hours.lastTicketMinutesBeforeClose) }
        if !spans.contains(where: { $0.start <= time && time < cutoff($0) }) {
            if let next = spans.first(where: { $0.start > time }) { return .breakTime(reopensAt: next.start) }
            return .closingSoon(closesAt: last.end)
        }
        if let capacity = service.dailyCapacity, issuedToday >= capacity {
            return .capacityReached(capacity: capacity)
        }
        return nil
    }

    /// The next date within two weeks on which the hours have any span.
    func nextOpenDay(after day: BusinessDay, hours: OpeningHours) -> BusinessDay? {
        var candidate = day
        for _ in 0..<14 {
            candidate = calendar.day(after: candidate)
            if !hours.spans(on: candidate, weekday: calendar.weekday(of: candidate)).isEmpty { return candidate }
        }
        return nil
    }
}

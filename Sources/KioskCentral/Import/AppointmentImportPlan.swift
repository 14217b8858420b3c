import Foundation
public import KioskCore

/// How both backends decide what one import row does, given what central holds under its id.
///
/// Decided rules: a row for an appointment of another site is refused; a cancellation of an unknown id is
/// refused (the booking system and central disagree, and somebody should look); a cancellation of an
/// appointment the citizen has already checked in for leaves it checked in (the citizen is in the building,
/// staff decide) and counts as unchanged; an update keeps a check-in.
enum AppointmentImportPlan {
    /// What central holds for one id.
    struct Stored: Sendable {
        var appointment: Appointment
        var site: String
        var name: String?
    }

    /// What one row does.
    enum Outcome: Sendable, Equatable {
        case create(Appointment, name: String?)
        case update(Appointment, name: String?)
        case cancel
        case unchanged
        case rejected(AppointmentImportProblem)
    }

    /// The outcome of `row` against `stored` for `site`.
    static func classify(_ row: AppointmentImportRow, stored: Stored?, site: String) -> Outcome {
        if let stored, stored.site != site { return .rejected(.otherSite) }
        switch row.action {
        case .cancel:
            guard let stored else { return .rejected(.unknownAppointment) }
            return stored.appointment.state == .booked ? .cancel : .unchanged
        case .upsert:
            guard var appointment = row.appointment else { return .rejected(.missing("start")) }
            let name = row.name.flatMap { $0.isEmpty ? nil : $0 }
            guard let stored else { return .create(appointment, name: name) }
            if stored.appointment.state == .checkedIn { appointment.state = .checkedIn }
            return appointment == stored.appointment && name == stored.name ? .unchanged : .update(appointment, name: name)
        }
    }

    /// The report for `rows` and their outcomes; `applied` only when nothing was rejected and it was no dry run.
    static func report(_ rows: [AppointmentImportRow], _ outcomes: [Outcome], dryRun: Bool) -> AppointmentImportReport {
        var report = AppointmentImportReport(applied: false)
        for (index, (row, outcome)) in zip(rows, outcomes).enumerated() {
            switch outcome {
            case .create: report.created.append(row.id)
            case .update: report.updated.append(row.id)
            case .cancel: report.cancelled.append(row.id)
            case .unchanged: report.unchanged.append(row.id)
            case .rejected(let problem): report.rejected.append(AppointmentImportRejection(row: index, id: row.id.rawValue, problem: problem))
            }
        }
        report.applied = !dryRun && report.rejected.isEmpty
        return report
    }

    /// The day an appointment belongs to at the site.
    static func day(_ appointment: Appointment, calendar: SiteCalendar) -> BusinessDay {
        calendar.businessDay(of: appointment.start)
    }
}

/// When the names kept for the counter go: after the appointment's day plus `retentionDays` whole days.
public enum AppointmentNameRetention {
    /// Names of appointments on days before the returned day are removed on `today`.
    public static func firstKeptDay(today: BusinessDay, retentionDays: Int, calendar: SiteCalendar) -> BusinessDay {
        // Noon avoids landing on the wrong day across a DST switch.
        let noon = calendar.startOfDay(today).addingTimeInterval(12 * 3600)
        return calendar.businessDay(of: noon.addingTimeInterval(-Double(max(0, retentionDays)) * 86_400))
    }
}

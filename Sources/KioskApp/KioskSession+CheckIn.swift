import Foundation
public import KioskCore
import KioskMetrics
import KioskStore
import KioskUI
import Logging

extension KioskSession {
    /// Checks an appointment in from the last snapshot (works offline): store commits ticket, check-in and
    /// outbox event in one transaction, then the ticket prints. A second scan of the same code shows the first
    /// ticket again and prints nothing.
    func checkIn(_ code: AppointmentCode) async {
        let at = now()
        let result: CheckInResult
        do {
            result = try store.checkIn(
                code: code, catalog: settings.catalog, rules: settings.catalog.site.checkInRules, at: at,
                openCounters: settings.configuration.openCounters, grantor: grantor)
        } catch {
            logger.error("Check-in failed", metadata: ["kiosk.error": "\(error)"])
            state = .checkInRefused(error.message)
            return
        }
        switch result {
        case .refused(let refusal):
            logger.info("Check-in refused", metadata: ["kiosk.checkin.reason": "\(refusal.logCode)"])
            state = .checkInRefused(refusal.message)
        case let .checkedIn(ticket, appointment, decision):
            let again = decision == .alreadyCheckedIn
            logger.info(
                again ? "Check-in repeated" : "Checked in",
                metadata: ["kiosk.ticket.number": "\(ticket.number)", "kiosk.checkin.decision": "\(decision.code)"])
            var shown = CheckedIn(
                ticket: ticket, appointmentStart: appointment.start, again: again,
                note: decision == .onTime || again ? nil : decision.message, preview: [], failure: nil)
            if again {
                state = .checkedIn(shown)
                return
            }
            needsCheckpoint = true
            metrics.ticketIssued(kind: "appointment")
            do {
                shown.preview = try await printer.printTicket(printout(for: ticket)).preview
                metrics.printed(document: "ticket", outcome: "printed")
                try? store.recordPrint(ticket: ticket.id, printer: printer.identifier, failure: nil, at: now())
            } catch {
                metrics.printed(document: "ticket", outcome: error.reason)
                logger.warning("Ticket not printed", metadata: ["kiosk.ticket.number": "\(ticket.number)", "kiosk.print.reason": "\(error.reason)"])
                shown.failure = error.message
                shown.preview = followCode(ticket) ?? error.preview
                _ = try? store.recordPrint(ticket: ticket.id, printer: printer.identifier, failure: error.reason, at: now())
            }
            state = .checkedIn(shown)
            afterCommit()
        }
    }

    func checkInScreen() -> Screen {
        let walkIn = Option(key: "W", label: text("checkin.walkIn"))
        switch state {
        case .checkedIn(let shown):
            let serviceName = settings.catalog.service(shown.ticket.service)?.name[language] ?? shown.ticket.service.rawValue
            let status =
                if let failure = shown.failure { Notice(kind: .error, text: text("ticket.notPrinted") + " " + text(failure)) }
                else if shown.again { Notice(kind: .info, text: text("checkin.again")) }
                else { Notice(kind: .info, text: text("checkin.done") + " " + text("ticket.printed")) }
            var body = [text("checkin.appointment", ["time": "\(calendar.timeOfDay(of: shown.appointmentStart))", "service": serviceName])]
            if let note = shown.note { body.append(text(note)) }
            body.append(text("ticket.instructions"))
            return Screen(
                id: shown.failure == nil ? "checkin.done" : "checkin.not-printed", title: text("ticket.title"),
                subtitle: settings.catalog.site.name[language], notice: status, highlight: shown.ticket.number.display,
                body: body, aside: shown.preview.isEmpty ? nil : shown.preview, footer: footer)
        case .checkInRefused(let message):
            return Screen(
                id: "checkin.refused", title: text("checkin.refusedTitle"), subtitle: settings.catalog.site.name[language],
                notice: Notice(kind: .warning, text: text(message)), options: [walkIn], footer: footer)
        default:
            let body = settings.payloadRules == nil ? [text("checkin.unavailable")] : [text("checkin.prompt")]
            return Screen(id: "checkin.prompt", title: text("checkin.title"), subtitle: settings.catalog.site.name[language], body: body, footer: footer)
        }
    }
}

extension CheckInRefusal {
    /// A stable code for the log line; never the code that was scanned.
    var logCode: String {
        switch self {
        case .decision(let decision): decision.code
        case .notFound: "not-found"
        case .unknownService: "unknown-service"
        case .invalidCode: "invalid-code"
        }
    }
}

public import Foundation

extension TicketIssuer {
    /// Decides the ticket for an accepted appointment check-in: a number from the service's queue, origin
    /// `.appointment`.
    ///
    /// Quota, opening hours and "appointment only" do not apply: the booking already settled them, and the
    /// check-in rules (`CheckInRules`) decided the time. `context.issuedToday` is not read.
    public func decideAppointment(_ context: IssueContext, ticketID: UUID) -> IssueDecision {
        guard let service = context.catalog.service(context.service), let queue = context.catalog.queue(service.queue) else {
            return .unknownService
        }
        return number(for: service, in: queue, context, ticketID: ticketID, origin: .appointment)
    }
}

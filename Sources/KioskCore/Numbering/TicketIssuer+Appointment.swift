public import Foundation

extension TicketIssuer {
    /// Decides the ticket for an accepted appointment check-in: a number from the service's queue, origin
    /// `.appointment`.
    ///
    /// Quota, opening hours and "appointment only" do not apply: the booking already settled them, and the
    /// check-in rules (`CheckInRules`) decided the time. `context.issuedToday` is not read.
    public func decideAppointment(_ context: IssueContext, ticketID: UUID) -> IssueDecision {
        let catalog = context.catalog
        guard let service = catalog.service(context.service), let queue = catalog.queue(service.queue) else {
            return .unknownService
        }
        let day = calendar.businessDay(of: context.now)
        switch NumberDispenser.next(prefix: queue.prefix, queue: queue.id, day: day, leases: context.leases) {
        case .needsBlock:
            return .needsBlock(queue: queue.id, day: day)
        case let .issue(number, updatedLease):
            let estimate = estimator.estimate(
                ahead: context.waitingInQueue, openCounters: context.openCounters,
                recent: context.recentDurations, typical: Double(service.typicalMinutes))
            let ticket = Ticket(
                id: ticketID, number: number, queue: queue.id, service: service.id, day: day,
                issuedAt: context.now, origin: .appointment, terminal: context.terminal, estimate: estimate,
                ahead: context.waitingInQueue)
            return .issue(ticket, updatedLease: updatedLease)
        }
    }
}

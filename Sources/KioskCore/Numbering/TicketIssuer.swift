public import Foundation

/// What the terminal knows at the moment a citizen asks for a walk-in ticket.
public struct IssueContext: Sendable {
    /// The catalog in force.
    public var catalog: ServiceCatalog
    /// The service chosen.
    public var service: ServiceID
    /// This terminal.
    public var terminal: TerminalID
    /// Now.
    public var now: Date
    /// Walk-in tickets already issued today for the service.
    public var issuedToday: Int
    /// Tickets waiting in the service's queue.
    public var waitingInQueue: Int
    /// Counters currently open for the queue.
    public var openCounters: Int
    /// Recent service durations of the queue in minutes, newest first.
    public var recentDurations: [Double]
    /// The terminal's number leases.
    public var leases: [NumberLease]

    /// Creates a context.
    public init(
        catalog: ServiceCatalog, service: ServiceID, terminal: TerminalID, now: Date, issuedToday: Int,
        waitingInQueue: Int, openCounters: Int, recentDurations: [Double], leases: [NumberLease]
    ) {
        self.catalog = catalog
        self.service = service
        self.terminal = terminal
        self.now = now
        self.issuedToday = issuedToday
        self.waitingInQueue = waitingInQueue
        self.openCounters = openCounters
        self.recentDurations = recentDurations
        self.leases = leases
    }
}

/// The decision for one walk-in request; the store persists it in one transaction.
public enum IssueDecision: Hashable, Sendable {
    /// Issue this ticket and store the lease's new position.
    case issue(Ticket, updatedLease: NumberLease)
    /// The terminal holds no numbers for this queue today: get a block, then decide again.
    case needsBlock(queue: QueueID, day: BusinessDay)
    /// Refused, with the reason for the citizen.
    case refuse(IssueRefusal)
    /// The service id is not in the catalog (a stale screen): nothing to issue.
    case unknownService
}

/// Pure decision for issuing a walk-in ticket: quota and hours first, then a number from a lease.
public struct TicketIssuer: Sendable {
    /// The site's calendar.
    public var calendar: SiteCalendar
    /// The wait estimator.
    public var estimator = WaitEstimator()

    /// Creates an issuer for a site calendar.
    public init(calendar: SiteCalendar) { self.calendar = calendar }

    /// Decides; `ticketID` is supplied by the caller so that the decision stays deterministic in tests.
    public func decide(_ context: IssueContext, ticketID: UUID) -> IssueDecision {
        let catalog = context.catalog
        guard let service = catalog.service(context.service), let queue = catalog.queue(service.queue) else {
            return .unknownService
        }
        let policy = IssuePolicy(calendar: calendar)
        if let refusal = policy.refusal(
            for: service, site: catalog.site, issuedToday: context.issuedToday, at: context.now)
        {
            return .refuse(refusal)
        }
        return number(for: service, in: queue, context, ticketID: ticketID, origin: .walkIn)
    }

    /// The next number of `queue` from the terminal's leases (or the need for a block), with its wait estimate.
    func number(for service: Service, in queue: Queue, _ context: IssueContext, ticketID: UUID, origin: TicketOrigin) -> IssueDecision {
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
                issuedAt: context.now, origin: origin, terminal: context.terminal, estimate: estimate,
                ahead: context.waitingInQueue)
            return .issue(ticket, updatedLease: updatedLease)
        }
    }
}

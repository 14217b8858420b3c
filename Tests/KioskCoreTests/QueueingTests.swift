import Foundation
import KioskTesting
import Testing
@testable import KioskCore

@Suite struct WaitEstimateTests {
    let estimator = WaitEstimator()

    /// Worked case 1: six ahead, two counters, durations 10, 12, 8 and a typical 10:
    /// D̄ = (30 + 3·10) / (3 + 3) = 10; W = 6 · 10 / 2 = 30 minutes.
    @Test func workedCaseSixAheadTwoCounters() {
        #expect(estimator.meanServiceMinutes(recent: [10, 12, 8], typical: 10) == 10)
        #expect(estimator.waitMinutes(ahead: 6, openCounters: 2, recent: [10, 12, 8], typical: 10) == 30)
        #expect(estimator.estimate(ahead: 6, openCounters: 2, recent: [10, 12, 8], typical: 10) == .minutes(30))
    }

    /// Worked case 2: no measurements yet: D̄ = D₀ = 15; four ahead, three counters: W = 20 minutes.
    @Test func workedCaseWithoutMeasurementsUsesTheCatalogValue() {
        #expect(estimator.waitMinutes(ahead: 4, openCounters: 3, recent: [], typical: 15) == 20)
    }

    /// Worked case 3: a forgotten "finish" of 300 minutes is clamped to 120:
    /// D̄ = (120 + 5 + 3·5) / (2 + 3) = 28; one ahead, one counter: W = 28 → shown as 30.
    @Test func workedCaseOutlierIsClamped() {
        #expect(estimator.meanServiceMinutes(recent: [300, 5], typical: 5) == 28)
        #expect(estimator.estimate(ahead: 1, openCounters: 1, recent: [300, 5], typical: 5) == .minutes(30))
    }

    @Test func noOpenCounterMeansUnknownAndNobodyAheadMeansShort() {
        #expect(estimator.estimate(ahead: 5, openCounters: 0, recent: [], typical: 10) == .unknown)
        #expect(estimator.estimate(ahead: 0, openCounters: 2, recent: [], typical: 10) == .underFiveMinutes)
        #expect(WaitEstimate.minutes(25).text(in: .german) == "ca. 25 Min.")
        #expect(WaitEstimate.unknown.text(in: .english).contains("cannot be estimated"))
    }
}

@Suite struct QueueOrderTests {
    @Test func dueAppointmentsFirstThenFirstComeFirstServed() {
        let now = Fixtures.utc("2026-11-23T09:00:00Z")
        let walkInEarly = WaitingEntry(number: TicketNumber(prefix: "A", value: 1), arrivedAt: now.addingTimeInterval(-1800))
        let walkInLate = WaitingEntry(number: TicketNumber(prefix: "A", value: 2), arrivedAt: now.addingTimeInterval(-600))
        let dueAppointment = WaitingEntry(
            number: TicketNumber(prefix: "T", value: 1), arrivedAt: now.addingTimeInterval(-60),
            appointmentAt: now.addingTimeInterval(120))
        let earlyAppointment = WaitingEntry(
            number: TicketNumber(prefix: "T", value: 2), arrivedAt: now.addingTimeInterval(-3600),
            appointmentAt: now.addingTimeInterval(3600))
        let order = QueueOrder().sorted([walkInLate, earlyAppointment, walkInEarly, dueAppointment], now: now)
        #expect(order.map(\.number.display) == ["T 001", "T 002", "A 001", "A 002"])
    }
}

@Suite struct IssuePolicyTests {
    let policy = IssuePolicy(calendar: .berlin)
    let catalog = Fixtures.catalog
    var melde: Service { catalog.service(ServiceID(rawValue: "meldebescheinigung"))! }

    @Test func issuesDuringOpeningHours() {
        #expect(policy.refusal(for: melde, site: catalog.site, issuedToday: 0, at: Fixtures.berlin(2026, 11, 23, 9, 0)) == nil)
    }

    @Test(arguments: [
        // Monday before opening, in the lunch break, in the cut-off before closing, after closing
        ((7, 59), IssueRefusal.notYetOpen(opensAt: TimeOfDay(hour: 8, minute: 0))),
        ((11, 50), .breakTime(reopensAt: TimeOfDay(hour: 13, minute: 0))),
        ((12, 30), .breakTime(reopensAt: TimeOfDay(hour: 13, minute: 0))),
        ((17, 45), .closingSoon(closesAt: TimeOfDay(hour: 18, minute: 0))),
        ((19, 0), .closingSoon(closesAt: TimeOfDay(hour: 18, minute: 0))),
    ] as [((Int, Int), IssueRefusal)])
    func refusesOutsideHours(time: (Int, Int), expected: IssueRefusal) {
        let now = Fixtures.berlin(2026, 11, 23, time.0, time.1)
        #expect(policy.refusal(for: melde, site: catalog.site, issuedToday: 0, at: now) == expected)
    }

    @Test func refusesOnWeekendsAndHolidaysNamingTheNextOpenDay() {
        let saturday = Fixtures.berlin(2026, 11, 28, 10, 0)
        #expect(policy.refusal(for: melde, site: catalog.site, issuedToday: 0, at: saturday) == .closedToday(nextOpen: "2026-11-30"))
        let christmasEve = Fixtures.berlin(2026, 12, 24, 10, 0)
        #expect(policy.refusal(for: melde, site: catalog.site, issuedToday: 0, at: christmasEve) == .closedToday(nextOpen: "2026-12-25"))
    }

    @Test func refusesWhenTheDailyCapacityIsUsed() {
        let now = Fixtures.berlin(2026, 11, 23, 9, 0)
        #expect(policy.refusal(for: melde, site: catalog.site, issuedToday: 2, at: now) == nil)
        let refusal = policy.refusal(for: melde, site: catalog.site, issuedToday: 3, at: now)
        #expect(refusal == .capacityReached(capacity: 3))
        #expect(refusal?.message[.german].contains("Termin") == true, "says what to do instead")
        #expect(refusal?.message[.english].contains("appointment") == true)
    }

    @Test func appointmentOnlyServicesIssueNoWalkInTickets() {
        let express = catalog.service(ServiceID(rawValue: "reisepass-express"))!
        #expect(policy.refusal(for: express, site: catalog.site, issuedToday: 0, at: Fixtures.berlin(2026, 11, 23, 9, 0)) == .appointmentOnly)
    }

    @Test func issuerCombinesPolicyLeaseAndEstimate() throws {
        let issuer = TicketIssuer(calendar: .berlin)
        let now = Fixtures.berlin(2026, 11, 23, 9, 0)
        let day = BusinessDay(year: 2026, month: 11, day: 23)
        var context = IssueContext(
            catalog: catalog, service: ServiceID(rawValue: "personalausweis"), terminal: TerminalID(rawValue: "t1"),
            now: now, issuedToday: 0, waitingInQueue: 4, openCounters: 2, recentDurations: [], leases: [])
        let id = UUID()
        #expect(issuer.decide(context, ticketID: id) == .needsBlock(queue: QueueID(rawValue: "documents"), day: day))
        context.leases = [NumberLease(block: NumberBlock(queue: QueueID(rawValue: "documents"), day: day, first: 1, last: 10))]
        guard case let .issue(ticket, lease) = issuer.decide(context, ticketID: id) else {
            Issue.record("expected a ticket")
            return
        }
        #expect(ticket.number.display == "B 001")
        #expect(ticket.estimate == .minutes(30))  // 4 · 15 / 2
        #expect(lease.next == 2)
        context.service = ServiceID(rawValue: "gibt-es-nicht")
        #expect(issuer.decide(context, ticketID: id) == .unknownService)
    }
}

@Suite struct QueueDrainModelTests {
    /// Worked case: two counters, 10 minutes each → one start every 5 minutes. Tickets at 0, 1, 2, 20 min start
    /// at 0, 5, 10, 20; at minute 6 the tickets started at 10 and 20 are still to come, but the one at 20 is
    /// not issued yet, so one waits.
    @Test func workedCase() {
        let base = Fixtures.utc("2026-11-23T08:00:00Z")
        let issued = [0, 1, 2, 20].map { base.addingTimeInterval(Double($0) * 60) }
        #expect(QueueDrainModel.waiting(issuedAt: issued, now: base.addingTimeInterval(6 * 60), openCounters: 2, meanServiceMinutes: 10) == 1)
        #expect(QueueDrainModel.waiting(issuedAt: issued, now: base.addingTimeInterval(2 * 60 + 1), openCounters: 2, meanServiceMinutes: 10) == 2)
        #expect(QueueDrainModel.waiting(issuedAt: issued, now: base.addingTimeInterval(2 * 60 + 1), openCounters: 0, meanServiceMinutes: 10) == 3)
    }

    /// The incremental form a store keeps per ticket gives the same counts as the batch form.
    @Test(arguments: [3, 99, 2024])
    func incrementalEqualsBatch(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        let base = Fixtures.utc("2026-11-23T08:00:00Z")
        var issued: [Date] = []
        var starts: [Date] = []
        var time = base
        for _ in 0..<300 {
            time = time.addingTimeInterval(Double(Int.random(in: 0...600, using: &random)))
            let counters = 3
            let interval = QueueDrainModel.startInterval(openCounters: counters, meanServiceMinutes: 12)
            let waitingIncremental = starts.filter { $0 > time }.count
            #expect(waitingIncremental == QueueDrainModel.waiting(issuedAt: issued, now: time, openCounters: counters, meanServiceMinutes: 12))
            starts.append(QueueDrainModel.start(issuedAt: time, previousStart: starts.last, interval: interval))
            issued.append(time)
        }
    }
}

@Suite struct StatisticsTests {
    /// Worked case: waits 2, 4, 6, 8, 10, 12, 14, 16, 18, 60 minutes: p50 is the 5th value (10), p90 the 9th (18).
    @Test func nearestRankPercentiles() {
        let waits: [Double] = [60, 2, 4, 6, 8, 10, 12, 14, 16, 18]
        #expect(percentile(50, of: waits) == 10)
        #expect(percentile(90, of: waits) == 18)
        #expect(percentile(100, of: waits) == 60)
        #expect(percentile(0, of: waits) == 2)
        #expect(percentile(50, of: []) == nil)
    }

    @Test func csvRowsAreStable() {
        let statistics = ServiceStatistics(
            service: ServiceID(rawValue: "meldebescheinigung"), tickets: 3, walkIns: 2, appointments: 1, noShows: 1, missed: 0,
            waits: [5, 12.4, 30], serviceTimes: [7])
        #expect(statistics.csvRow(day: BusinessDay(year: 2026, month: 11, day: 23)) == "2026-11-23;meldebescheinigung;3;2;1;1;0;12;30;7")
        #expect(ServiceStatistics.csvHeader.split(separator: ";").count == 10)
    }
}

import Foundation
import KioskTesting
import Testing
@testable import KioskCore

@Suite struct NumberingTests {
    let day = BusinessDay(year: 2026, month: 11, day: 23)
    let general = QueueID(rawValue: "general")

    @Test func numbersArePrintedWithThreeDigitsAndSpokenWithout() {
        #expect(TicketNumber(prefix: "A", value: 7).display == "A 007")
        #expect(TicketNumber(prefix: "A", value: 17).spoken == "A 17")
        #expect(TicketNumber(prefix: "B", value: 1234).display == "B 1234")
    }

    @Test func dispenserIssuesFromTheLeaseAndAsksForABlockWhenUsedUp() {
        var leases = [NumberLease(block: NumberBlock(queue: general, day: day, first: 11, last: 12))]
        var issued: [Int] = []
        for _ in 0..<3 {
            switch NumberDispenser.next(prefix: "A", queue: general, day: day, leases: leases) {
            case let .issue(number, lease):
                issued.append(number.value)
                leases = [lease]
            case .needsBlock:
                issued.append(-1)
            }
        }
        #expect(issued == [11, 12, -1])
    }

    @Test func aNewDayNeedsANewBlockSoNumbersRestart() {
        let yesterday = NumberLease(block: NumberBlock(queue: general, day: BusinessDay(year: 2026, month: 11, day: 22), first: 1, last: 50))
        #expect(NumberDispenser.next(prefix: "A", queue: general, day: day, leases: [yesterday]) == .needsBlock)
        let grantor = BlockGrantor(blockSize: 10)
        #expect(grantor.grant(queue: general, day: day, highestGranted: 0).first == 1)
    }

    /// Several terminals draw from one grantor in a random interleaving, with restarts that lose the
    /// unused rest of a lease: every issued number is unique.
    @Test(arguments: [1, 7, 42, 1234])
    func terminalsSharingAGrantorNeverIssueTheSameNumber(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        let grantor = BlockGrantor(blockSize: 5)
        var highestGranted = 0
        var leases: [[NumberLease]] = Array(repeating: [], count: 3)
        var issued: [Int] = []
        for _ in 0..<600 {
            let terminal = Int.random(in: 0..<3, using: &random)
            if Int.random(in: 0..<50, using: &random) == 0 {
                leases[terminal] = leases[terminal].filter { _ in Bool.random(using: &random) }  // restart
            }
            switch NumberDispenser.next(prefix: "A", queue: general, day: day, leases: leases[terminal]) {
            case let .issue(number, lease):
                issued.append(number.value)
                leases[terminal] = leases[terminal].map { $0.block == lease.block ? lease : $0 }
            case .needsBlock:
                let block = grantor.grant(queue: general, day: day, highestGranted: highestGranted)
                highestGranted = block.last
                leases[terminal].append(NumberLease(block: block))
            }
        }
        #expect(issued.count > 400)
        #expect(Set(issued).count == issued.count)
    }

    @Test func businessDayRollsOverAtLocalMidnightInWinterAndSummer() {
        let calendar = SiteCalendar.berlin
        // Winter (CET, UTC+1): local midnight is 23:00 UTC.
        #expect(calendar.businessDay(of: Fixtures.utc("2026-01-15T22:59:59Z")).iso == "2026-01-15")
        #expect(calendar.businessDay(of: Fixtures.utc("2026-01-15T23:00:00Z")).iso == "2026-01-16")
        // Summer (CEST, UTC+2): local midnight is 22:00 UTC.
        #expect(calendar.businessDay(of: Fixtures.utc("2026-07-15T21:59:59Z")).iso == "2026-07-15")
        #expect(calendar.businessDay(of: Fixtures.utc("2026-07-15T22:00:00Z")).iso == "2026-07-16")
    }

    @Test func dstChangeDaysAre23And25HoursLongAndStillOneBusinessDay() {
        let calendar = SiteCalendar.berlin
        let spring = BusinessDay(year: 2026, month: 3, day: 29)  // clocks go 02:00 -> 03:00
        let autumn = BusinessDay(year: 2026, month: 10, day: 25)  // clocks go 03:00 -> 02:00
        let springLength = calendar.startOfDay(calendar.day(after: spring)).timeIntervalSince(calendar.startOfDay(spring))
        let autumnLength = calendar.startOfDay(calendar.day(after: autumn)).timeIntervalSince(calendar.startOfDay(autumn))
        #expect(springLength == 23 * 3600)
        #expect(autumnLength == 25 * 3600)
        // Every instant of those days, hour by hour, belongs to that day.
        for hour in 0..<23 {
            #expect(calendar.businessDay(of: calendar.startOfDay(spring).addingTimeInterval(Double(hour) * 3600 + 1)) == spring)
        }
        for hour in 0..<25 {
            #expect(calendar.businessDay(of: calendar.startOfDay(autumn).addingTimeInterval(Double(hour) * 3600 + 1)) == autumn)
        }
        #expect(calendar.weekday(of: spring) == .sunday)
        #expect(calendar.timeOfDay(of: Fixtures.utc("2026-03-29T01:30:00Z")) == TimeOfDay(hour: 3, minute: 30))
    }

    @Test func businessDayParsingRejectsImpossibleDates() {
        #expect(BusinessDay(iso: "2026-02-29") == nil)
        #expect(BusinessDay(iso: "2028-02-29") != nil)
        #expect(BusinessDay(iso: "2026-13-01") == nil)
        #expect(BusinessDay(iso: "26-1-1") == nil)
        #expect(TimeOfDay("24:00")?.minutes == 1440)
        #expect(TimeOfDay("24:30") == nil)
        #expect(TimeOfDay("7:5") == nil)
    }
}

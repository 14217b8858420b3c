import Testing
@testable import KioskCore

@Suite struct LifecycleTests {
    @Test func noShowRequeuesOnceThenMisses() throws {
        #expect(try TicketLifecycle.next(.noShow, from: .called, noShows: 0).get() == .waiting)
        #expect(try TicketLifecycle.next(.noShow, from: .called, noShows: 1).get() == .missed)
    }

    @Test func everyAllowedTransition() throws {
        #expect(try TicketLifecycle.next(.recall, from: .called, noShows: 0).get() == .called)
        #expect(try TicketLifecycle.next(.finish, from: .called, noShows: 0).get() == .finished)
        #expect(try TicketLifecycle.next(.forward, from: .called, noShows: 0).get() == .waiting)
        #expect(try TicketLifecycle.next(.park, from: .waiting, noShows: 0).get() == .parked)
        #expect(try TicketLifecycle.next(.resume, from: .parked, noShows: 0).get() == .waiting)
    }

    @Test(arguments: [
        (CounterAction.finish, TicketState.waiting), (.recall, .finished), (.noShow, .parked), (.resume, .called),
        (.forward, .missed), (.park, .finished),
    ])
    func forbiddenTransitionsSayWhy(action: CounterAction, state: TicketState) {
        guard case .failure(let refusal) = TicketLifecycle.next(action, from: state, noShows: 0) else {
            Issue.record("\(action) from \(state) was allowed")
            return
        }
        #expect(refusal.message[.german].contains("Nicht möglich"))
        #expect(refusal.message[.english].contains(state.rawValue))
    }

    @Test func techniciansDoNotCall() {
        #expect(!StaffRole.technician.mayCall)
        #expect(StaffRole.staff.mayCall && StaffRole.admin.mayCall)
    }
}

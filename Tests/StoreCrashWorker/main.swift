// Issues tickets as fast as it can and reports each one only after its transaction returned, so that the
// crash tests can check that everything reported survives a SIGKILL at any moment.
// Usage: store-crash-worker DATABASE TERMINAL
import Foundation
import KioskCore
import KioskStore
import Logging

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: store-crash-worker DATABASE TERMINAL\n".utf8))
    exit(64)
}
/// Writes a line with one unbuffered write(2): once it returns, the parent can read it even after a SIGKILL.
func report(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let catalog = try! ServiceCatalog.parse(
    yaml: """
        site: { id: crash, name: Crash, openingHours: { mon: ["00:00-24:00"] } }
        queues:
          - { id: a, prefix: A, name: A }
          - { id: b, prefix: B, name: B }
        services:
          - { id: one, queue: a, name: One }
          - { id: two, queue: b, name: Two }
          - { id: three, queue: a, name: Three }
        """)
// A fixed Monday, so that the run does not depend on the wall clock's opening hours.
let monday = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
let services = catalog.services.map(\.id)

do {
    let store = try KioskStore(path: arguments[1], terminal: TerminalID(rawValue: arguments[2]), logger: Logger(label: "crash"))
    var step = 0
    while true {
        step += 1
        let now = monday.addingTimeInterval(Double(step) / 1000)
        let service = services[step % services.count]
        guard case let .issued(ticket, event) = try store.issueWalkInTicket(
            catalog: catalog, service: service, at: now, openCounters: 2, grantor: BlockGrantor(blockSize: 3))
        else { fatalError("refused on an always-open site") }
        report("ticket \(ticket.id.uuidString) \(ticket.queue) \(ticket.number.value) \(event.sequence)")
        if step % 3 == 0 {
            let printed = try store.recordPrint(ticket: ticket.id, printer: "crash", failure: nil, at: now)
            report("event \(printed.sequence)")
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(error.exitCode)
}

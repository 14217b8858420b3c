import Foundation
import Testing
@testable import KioskCore

@Suite struct EventTests {
    static let ticket = Ticket(
        id: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!,
        number: TicketNumber(prefix: "A", value: 17), queue: QueueID(rawValue: "general"),
        service: ServiceID(rawValue: "meldebescheinigung"), day: BusinessDay(year: 2026, month: 11, day: 23),
        issuedAt: Fixtures.utc("2026-11-23T08:15:30Z"), origin: .walkIn, terminal: TerminalID(rawValue: "t1"),
        estimate: .minutes(15), ahead: 3)

    /// The wire form is a contract with the central service: this golden string may only change with a new schema.
    @Test func encodingIsCanonicalAndStable() throws {
        let event = KioskEvent(
            id: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, terminal: TerminalID(rawValue: "t1"),
            sequence: 42, time: Fixtures.utc("2026-11-23T08:15:30Z").addingTimeInterval(0.1234),
            payload: .ticketIssued(Self.ticket))
        let json = String(decoding: event.jsonData(), as: UTF8.self)
        #expect(json == """
            {"id":"00000000-0000-4000-8000-000000000001","payload":{"ahead":3,"day":"2026-11-23","estimate":15,\
            "id":"6F9619FF-8B86-D011-B42D-00C04FC964FF","issuedAt":"2026-11-23T08:15:30.000Z",\
            "number":{"prefix":"A","value":17},"origin":"walk-in","queue":"general","service":"meldebescheinigung",\
            "terminal":"t1"},"schema":1,"sequence":42,"terminal":"t1","time":"2026-11-23T08:15:30.123Z",\
            "type":"ticket.issued"}
            """)
    }

    @Test(arguments: [
        EventPayload.ticketIssued(EventTests.ticket),
        .ticketPrinted(ticket: EventTests.ticket.id, printer: "emulated"),
        .ticketPrintFailed(ticket: EventTests.ticket.id, printer: "cups:ticket", reason: "media-empty"),
        .numberBlockGranted(NumberBlock(queue: QueueID(rawValue: "general"), day: BusinessDay(year: 2026, month: 1, day: 2), first: 11, last: 20)),
        .appointmentCheckedIn(AppointmentCheckIn(appointment: AppointmentID(rawValue: "p-9"), ticket: EventTests.ticket, appointmentAt: EventTests.ticket.issuedAt)),
    ])
    func everyPayloadRoundTrips(payload: EventPayload) throws {
        let event = KioskEvent(id: UUID(), terminal: TerminalID(rawValue: "t9"), sequence: 7, time: Date(), payload: payload)
        #expect(try KioskEvent(jsonData: event.jsonData()) == event)
    }

    @Test(arguments: [
        #"{"#,
        #"{"schema":2,"id":"00000000-0000-4000-8000-000000000001","terminal":"t","sequence":1,"time":"2026-11-23T08:15:30.000Z","type":"ticket.printed","payload":{"ticket":"00000000-0000-4000-8000-000000000001","printer":"p"}}"#,
        #"{"schema":1,"id":"00000000-0000-4000-8000-000000000001","terminal":"t","sequence":1,"time":"2026-11-23T08:15:30.000Z","type":"ticket.teleported","payload":{}}"#,
        #"{"schema":1,"id":"00000000-0000-4000-8000-000000000001","terminal":"t","sequence":0,"time":"2026-11-23T08:15:30.000Z","type":"ticket.printed","payload":{"ticket":"00000000-0000-4000-8000-000000000001","printer":"p"}}"#,
        #"{"schema":1,"id":"00000000-0000-4000-8000-000000000001","terminal":"t","sequence":1,"time":"yesterday","type":"ticket.printed","payload":{"ticket":"00000000-0000-4000-8000-000000000001","printer":"p"}}"#,
    ])
    func malformedEventsAreRejectedWithATypedError(json: String) {
        #expect(throws: EventDecodingError.self) { try KioskEvent(jsonData: Data(json.utf8)) }
    }
}

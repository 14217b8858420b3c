public import KioskCore
import GRDB

extension SQLiteCentralStore {
    public func ticketTimes(day: BusinessDay) async throws -> [TicketTimes] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT service, origin, state, no_shows, issued_at_ms, first_called_at_ms, called_at_ms, finished_at_ms FROM ticket WHERE day = ?",
                arguments: [day.iso]
            ).map { row in
                TicketTimes(
                    service: ServiceID(rawValue: row["service"]), origin: TicketOrigin(rawValue: row["origin"]) ?? .walkIn,
                    state: TicketState(rawValue: row["state"]) ?? .waiting, noShows: row["no_shows"], issuedAt: row["issued_at_ms"],
                    firstCalledAt: row["first_called_at_ms"], calledAt: row["called_at_ms"], finishedAt: row["finished_at_ms"])
            }
        }
    }

    public func ticketsPerTerminal(day: BusinessDay) async throws -> [(terminal: String, tickets: Int)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT terminal, COUNT(*) AS n FROM ticket WHERE day = ? GROUP BY terminal ORDER BY terminal", arguments: [day.iso])
                .map { ($0["terminal"], $0["n"]) }
        }
    }
}

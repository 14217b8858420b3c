public import KioskCore
import GRDB

extension CentralStore {
    /// Figures per service for a day, in catalog order (services without tickets included with zeros).
    public func statistics(day: BusinessDay, catalog: ServiceCatalog) throws -> [ServiceStatistics] {
        let rows = try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT service, origin, state, no_shows, issued_at_ms, first_called_at_ms, called_at_ms, finished_at_ms FROM ticket WHERE day = ?",
                arguments: [day.iso])
        }
        let byService = Dictionary(grouping: rows) { ServiceID(rawValue: $0["service"]) }
        let services = catalog.services.map(\.id) + byService.keys.filter { catalog.service($0) == nil }.sorted { $0.rawValue < $1.rawValue }
        return services.map { service in
            let tickets = byService[service] ?? []
            let waits = tickets.compactMap { row -> Double? in
                guard let called = row["first_called_at_ms"] as Int64? else { return nil }
                return Double(called - (row["issued_at_ms"] as Int64)) / 60_000
            }
            let serviceTimes = tickets.compactMap { row -> Double? in
                guard let finished = row["finished_at_ms"] as Int64?, let called = row["called_at_ms"] as Int64? else { return nil }
                return Double(finished - called) / 60_000
            }
            return ServiceStatistics(
                service: service, tickets: tickets.count,
                walkIns: tickets.filter { ($0["origin"] as String) == TicketOrigin.walkIn.rawValue }.count,
                appointments: tickets.filter { ($0["origin"] as String) == TicketOrigin.appointment.rawValue }.count,
                noShows: tickets.filter { ($0["no_shows"] as Int) > 0 }.count,
                missed: tickets.filter { ($0["state"] as String) == TicketState.missed.rawValue }.count, waits: waits,
                serviceTimes: serviceTimes)
        }
    }

    /// Tickets per terminal on a day.
    public func ticketsPerTerminal(day: BusinessDay) throws -> [(terminal: String, tickets: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT terminal, COUNT(*) AS n FROM ticket WHERE day = ? GROUP BY terminal ORDER BY terminal", arguments: [day.iso])
                .map { ($0["terminal"], $0["n"]) }
        }
    }
}

public import Foundation
public import KioskCore
import GRDB

extension SQLiteCentralStore {
    public func recordHealth(terminal: TerminalID, report: HealthReport, at now: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO terminal(id, last_seen_ms) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET last_seen_ms = excluded.last_seen_ms",
                arguments: [terminal.rawValue, now.millisecondsSince1970])
            for device in report.devices {
                try db.execute(
                    sql: """
                        INSERT INTO device_health(terminal, device, status, severity, reported_ms) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(terminal, device) DO UPDATE SET status = excluded.status, severity = excluded.severity,
                            reported_ms = excluded.reported_ms
                        """,
                    arguments: [terminal.rawValue, device.device, device.status, device.severity.rawValue, now.millisecondsSince1970])
            }
        }
    }

    public func deviceHealth() async throws -> [TerminalDeviceHealth] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM device_health
                    ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, terminal, device
                    """
            ).map {
                TerminalDeviceHealth(
                    terminal: $0["terminal"], device: $0["device"], status: $0["status"],
                    severity: HealthSeverity(rawValue: $0["severity"]) ?? .error,
                    reportedAt: Date(millisecondsSince1970: $0["reported_ms"] as Int64))
            }
        }
    }

    public func terminalsLastSeen() async throws -> [(terminal: String, lastSeen: Date?)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, last_seen_ms FROM terminal ORDER BY id").map {
                let seen: Int64? = $0["last_seen_ms"]
                return ($0["id"], seen.map { Date(millisecondsSince1970: $0) })
            }
        }
    }
}

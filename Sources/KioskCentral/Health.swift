public import Foundation
public import KioskCore
import GRDB

/// A device state as the central service last heard it.
public struct TerminalDeviceHealth: Sendable, Equatable {
    /// The terminal.
    public var terminal: String
    /// The device.
    public var device: String
    /// The status code.
    public var status: String
    /// Its severity.
    public var severity: HealthSeverity
    /// When it was reported.
    public var reportedAt: Date
}

extension CentralStore {
    /// Stores a terminal's report, replacing what it said before about the same devices.
    public func recordHealth(terminal: TerminalID, report: HealthReport, at now: Date) throws {
        try pool.write { db in
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

    /// Every reported device state, worst first.
    public func deviceHealth() throws -> [TerminalDeviceHealth] {
        try pool.read { db in
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

    /// When each terminal last sent anything (events or health).
    public func terminalsLastSeen() throws -> [(terminal: String, lastSeen: Date?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, last_seen_ms FROM terminal ORDER BY id").map {
                let seen: Int64? = $0["last_seen_ms"]
                return ($0["id"], seen.map { Date(millisecondsSince1970: $0) })
            }
        }
    }
}

public import Foundation
public import KioskCore
import GRDB
import Logging

extension KioskStore {
    /// Replaces the stored polling directory with `directory` in one transaction: if anything fails (a street
    /// entry naming a district without a place, a full disk), the previous directory stays as it was.
    public func replacePollingDirectory(_ directory: PollingDirectory, at now: Date) throws(StoreError) {
        try storeOperation("replace polling directory") {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM street_rule; DELETE FROM polling_place; DELETE FROM election;")
                let name = String(decoding: try JSONEncoder().encode(directory.election.name), as: UTF8.self)
                try db.execute(
                    sql: "INSERT INTO election(id, name, day, hours, imported_ms) VALUES (1, ?, ?, ?, ?)",
                    arguments: [name, directory.election.day.iso, directory.election.hours.description, now.millisecondsSince1970])
                let place = try db.cachedStatement(
                    sql: "INSERT INTO polling_place(district, name, street, town, room, step_free) VALUES (?, ?, ?, ?, ?, ?)")
                for entry in directory.places.values.sorted(by: { $0.district < $1.district }) {
                    try place.execute(arguments: [entry.district, entry.name, entry.street, entry.town, entry.room, entry.isStepFree])
                }
                let rule = try db.cachedStatement(sql: "INSERT INTO street_rule(position, district, street, rule) VALUES (?, ?, ?, ?)")
                for (position, entry) in directory.streets.enumerated() {
                    try rule.execute(arguments: [position, entry.district, entry.street, entry.rule.description])
                }
            }
        }
        logger.info(
            "Polling directory replaced",
            metadata: ["kiosk.election.places": "\(directory.places.count)", "kiosk.election.streets": "\(directory.streets.count)"])
    }

    /// When the directory in force was imported (milliseconds since 1970), nil without one: a cheap check whether
    /// a copy read earlier is still current.
    public func pollingDirectoryImportedAt() throws(StoreError) -> Int64? {
        try storeOperation("read polling directory stamp") {
            try pool.read { db in try Int64.fetchOne(db, sql: "SELECT imported_ms FROM election WHERE id = 1") }
        }
    }

    /// The polling directory as last imported; nil before the first import.
    public func pollingDirectory() throws(StoreError) -> PollingDirectory? {
        let read = try storeOperation("read polling directory") { () -> (Row?, [Row], [Row]) in
            try pool.read { db in
                (
                    try Row.fetchOne(db, sql: "SELECT name, day, hours FROM election WHERE id = 1"),
                    try Row.fetchAll(db, sql: "SELECT district, name, street, town, room, step_free FROM polling_place"),
                    try Row.fetchAll(db, sql: "SELECT district, street, rule FROM street_rule ORDER BY position")
                )
            }
        }
        guard let electionRow = read.0 else { return nil }
        let nameText: String = electionRow["name"]
        guard let name = try? JSONDecoder().decode(LocalizedText.self, from: Data(nameText.utf8)),
            let day = BusinessDay(iso: electionRow["day"]), let hours = TimeSpan(electionRow["hours"])
        else { throw StoreError(.unreadableContent, operation: "read polling directory") }
        let places = read.1.map { row in
            PollingDirectory.Place(
                district: row["district"], name: row["name"], street: row["street"], town: row["town"], room: row["room"],
                isStepFree: row["step_free"])
        }
        var streets: [PollingDirectory.StreetEntry] = []
        streets.reserveCapacity(read.2.count)
        for row in read.2 {
            let parsed = HouseNumberRule.parse(row["rule"])
            guard parsed.unreadable.isEmpty, !parsed.rule.parts.isEmpty else {
                throw StoreError(.unreadableContent, operation: "read polling directory")
            }
            streets.append(PollingDirectory.StreetEntry(district: row["district"], street: row["street"], rule: parsed.rule))
        }
        return PollingDirectory(election: PollingDirectory.Election(name: name, day: day, hours: hours), places: places, streets: streets)
    }
}

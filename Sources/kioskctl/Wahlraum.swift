import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import Logging

/// `kioskctl wahlraum ...`: import the town's polling places and street directory, and look them up.
struct Wahlraum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Polling place search (Wahlraumsuche): import the town's files, look up by district or address.",
        subcommands: [WahlraumImport.self, WahlraumDistrict.self, WahlraumAddress.self])
}

/// Opens the configured terminal's store, logging warnings only (the lookups print their own answer).
private func openStore(_ loaded: SiteLoader.Loaded, create: Bool) throws -> KioskStore {
    guard create || FileManager.default.fileExists(atPath: loaded.databaseURL.path) else {
        throw ValidationError(
            "Keine Datenbank unter \(loaded.databaseURL.path) – zuerst kioskctl wahlraum import / No database there – run kioskctl wahlraum import first")
    }
    var logger = Logger(label: "kioskctl")
    logger.logLevel = .warning
    do {
        return try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: logger)
    } catch {
        FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

/// The stored directory, or a clear refusal when none was imported.
private func storedDirectory(_ options: TerminalOptions) throws -> PollingDirectory {
    let store = try openStore(try options.load(), create: false)
    do {
        guard let directory = try store.pollingDirectory() else {
            throw ValidationError(
                "Noch keine Wahlraumdaten – kioskctl wahlraum import ausführen / No polling place data yet – run kioskctl wahlraum import")
        }
        return directory
    } catch let error as StoreError {
        FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

struct WahlraumImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Reads election.yaml and its CSV files and replaces the terminal's polling place data (all or nothing).")

    @OptionGroup var options: TerminalOptions
    @ArgumentParser.Option(help: "The election configuration; default: election.yaml beside the terminal configuration.")
    var election: String?

    func run() throws {
        let loaded = try options.load()
        let path = election ?? URL(fileURLWithPath: options.config).deletingLastPathComponent().appendingPathComponent("election.yaml").path
        let result: ElectionImport
        do {
            result = try ElectionLoader.load(election: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError(error.description)
        }
        let store = try openStore(loaded, create: true)
        do {
            try store.replacePollingDirectory(result.directory, at: Date())
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        let directory = result.directory
        print("\(directory.election.name[.german]) (\(directory.election.day.iso), \(directory.election.hours))")
        print("Wahllokale / polling places: \(directory.places.count) (übersprungen / skipped: \(result.skippedPlaces))")
        print("Straßeneinträge / street entries: \(directory.streets.count) (übersprungen / skipped: \(result.skippedStreets))")
        print("Auffälligkeiten / blemishes: \(result.blemishes.count)")
        for blemish in result.blemishes { print("  \(blemish)") }
    }
}

/// One polling place as kioskctl prints it.
struct PlaceReport: Encodable {
    var district: String
    var name: String
    var street: String
    var town: String
    var room: String?
    var barrierFree: Bool
    var election: String
    var day: String
    var hours: String

    init(_ place: PollingPlace) {
        district = place.district
        name = place.name
        street = place.street
        town = place.town
        room = place.room
        barrierFree = place.isStepFree
        election = place.election[.german]
        day = place.day.iso
        hours = place.hours.description
    }

    var text: String {
        var lines = ["Wahlbezirk / district \(district): \(name)", "  \(street), \(town)"]
        if let room { lines.append("  Raum / room: \(room)") }
        lines.append("  barrierefrei / barrier-free: \(barrierFree ? "ja / yes" : "nein / no")")
        lines.append("  \(election), \(day), \(hours)")
        return lines.joined(separator: "\n")
    }
}

/// Prints `value` as sorted, pretty JSON.
private func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

struct WahlraumDistrict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "district", abstract: "The polling place of an electoral district (exit status 1: unknown district).")

    @OptionGroup var options: TerminalOptions
    @Argument(help: "The district number as printed on the election notification, e.g. 1101.") var district: String
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() throws {
        let directory = try storedDirectory(options)
        guard let place = directory.pollingPlace(district: district) else {
            if json {
                try printJSON(["found": false])
            } else {
                print("Wahlbezirk nicht gefunden / district not found: \(district)")
            }
            throw ExitCode(1)
        }
        if json { try printJSON(PlaceReport(place)) } else { print(PlaceReport(place).text) }
    }
}

struct WahlraumAddress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "address", abstract: "The polling place for a street and house number (exit status 1: not found).")

    @OptionGroup var options: TerminalOptions
    @Argument(help: "The street, e.g. \"Am Raubfang\" or \"potsdamer str.\".") var street: String
    @Argument(help: "The house number, e.g. 14 or 14a.") var number: String
    @Flag(help: "Print JSON instead of text.") var json = false

    /// The JSON shape of every answer.
    struct Answer: Encodable {
        var result: String
        var street: String?
        var places: [PlaceReport]?
        var candidates: [String]?
        var districts: [String]?
        var message: String?
    }

    func run() throws {
        let lookup = try storedDirectory(options).lookup(street: street, houseNumber: number)
        var answer = Answer(result: "found", message: lookup.message?.description)
        switch lookup {
        case let .found(street, places):
            answer.street = street
            answer.places = places.map(PlaceReport.init)
        case let .houseNumberNotListed(street, districts):
            answer.result = "houseNumberNotListed"
            answer.street = street
            answer.districts = districts
        case .invalidHouseNumber:
            answer.result = "invalidHouseNumber"
        case .ambiguousStreet(let candidates):
            answer.result = "ambiguousStreet"
            answer.candidates = candidates
        case .unknownStreet(let suggestions):
            answer.result = "unknownStreet"
            answer.candidates = suggestions
        }
        if json {
            try printJSON(answer)
        } else {
            if let street = answer.street { print("Straße / street: \(street)") }
            for place in answer.places ?? [] { print(place.text) }
            if let message = answer.message { print(message) }
            if let districts = answer.districts { print("Wahlbezirke der Straße / the street's districts: \(districts.joined(separator: ", "))") }
            for candidate in answer.candidates ?? [] { print("  - \(candidate)") }
        }
        if answer.places == nil { throw ExitCode(1) }
    }
}

import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import Logging

/// kioskctl: the technician's command line. Subcommands parse arguments and call into KioskApp.
@main
struct Kioskctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskctl", abstract: "RathausKiosk technician and administration tool.",
        version: "0.1.0", subcommands: [Status.self, Enrol.self])
}

/// Options every subcommand that reads a terminal shares.
struct TerminalOptions: ParsableArguments {
    @ArgumentParser.Option(name: .shortAndLong, help: "The terminal's configuration file.")
    var config: String = "Kiosk/example/terminal.yaml"

    func load() throws -> SiteLoader.Loaded {
        do {
            return try SiteLoader.load(configuration: URL(fileURLWithPath: config))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Terminal id, today's queues and the outbox backlog.")

    @OptionGroup var options: TerminalOptions
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let loaded = try options.load()
        guard FileManager.default.fileExists(atPath: loaded.databaseURL.path) else {
            throw ValidationError(
                "Keine Datenbank unter \(loaded.databaseURL.path) – ist kioskd schon gelaufen? / No database there – has kioskd run yet?")
        }
        do {
            let store = try KioskStore(
                path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "kioskctl"))
            let report = try StatusReport.read(store: store, catalog: loaded.settings.catalog, now: Date())
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(report.text)
            }
        } catch let error as StoreError {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}

import ArgumentParser
import Foundation
import Hummingbird
import KioskCentral
import KioskCore
import Logging

/// kiosk-central: the central service for a site's terminals. Parses arguments, opens the store, serves.
@main
struct KioskCentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-central", abstract: "RathausKiosk central service: terminal sync, ticket numbers.")

    @ArgumentParser.Option(help: "SQLite database file (created if missing).")
    var database: String = "central.sqlite"

    @ArgumentParser.Option(help: "The site's service catalog served to terminals.")
    var catalog: String = "Kiosk/example/services.yaml"

    @ArgumentParser.Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @ArgumentParser.Option(help: "Port to listen on.")
    var port: Int = 8480

    @ArgumentParser.Option(help: "Counters assumed open per queue until staff sign in.")
    var openCounters: Int = 2

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "kiosk-central")
        let catalogYAML: String
        let parsed: ServiceCatalog
        do {
            catalogYAML = try String(contentsOfFile: catalog, encoding: .utf8)
            parsed = try ServiceCatalog.parse(yaml: catalogYAML, source: URL(fileURLWithPath: catalog).lastPathComponent)
        } catch {
            FileHandle.standardError.write(Data("kiosk-central: \(catalog): \(error)\n".utf8))
            throw ExitCode(78)
        }
        let store: CentralStore
        do {
            store = try CentralStore(path: database)
        } catch {
            FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
            throw ExitCode(74)
        }
        let router = CentralAPI.router(
            store: store, settings: CentralSettings(catalogYAML: catalogYAML, catalog: parsed, openCounters: openCounters))
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "kiosk-central"),
            logger: logger)
        try await app.runService()
    }
}

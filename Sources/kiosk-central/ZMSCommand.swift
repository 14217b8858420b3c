import ArgumentParser
import Foundation
import KioskCentral
import KioskCore
import ZMSAdapter

/// `kiosk-central zms sync`: one run of today's appointments of a ZMS scope into central. Run it every few
/// minutes from a systemd timer (Kiosk/systemd/kiosk-zms-sync.timer); each run is one import transaction.
struct ZMSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zms", abstract: "Appointments from a ZMS / eappointment booking system.", subcommands: [Sync.self])

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Fetch a scope's appointments of a day and import them (all or none).")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Option(help: "The zmsapi root, e.g. https://zms.example.de/terminvereinbarung/api/2") var url: String
        @ArgumentParser.Option(help: "The scope (Standort) id.") var scope: Int
        @ArgumentParser.Option(help: "The site's service catalog.") var catalog: String = "Kiosk/example/services.yaml"
        @ArgumentParser.Option(help: "Day to fetch, YYYY-MM-DD; default today at the site.") var day: String?
        @ArgumentParser.Option(help: "Service mapping ZMS request id=catalog service id, repeatable.") var service: [String] = []
        @ArgumentParser.Option(help: "Slot minutes when ZMS does not say.") var slotMinutes: Int = 10
        @ArgumentParser.Option(help: "Processes per page (only for gateways that page).") var pageSize: Int?
        @Flag(help: "Report what would change; change nothing.") var dryRun = false

        func run() async throws {
            let yaml = try String(contentsOfFile: catalog, encoding: .utf8)
            let parsed = try ServiceCatalog.parse(yaml: yaml, source: URL(fileURLWithPath: catalog).lastPathComponent)
            let calendar = parsed.site.calendar
            guard let fetchDay = day.map({ BusinessDay(iso: $0) }) ?? calendar.businessDay(of: Date()) else {
                throw ValidationError("--day JJJJ-MM-TT / YYYY-MM-DD")
            }
            var services: [String: String] = [:]
            for pair in service {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { throw ValidationError("--service ZMS-ID=service-id") }
                services[String(parts[0])] = String(parts[1])
            }
            // The session key comes from the environment, never from the command line (ps shows arguments).
            let client = ZMSClient(
                baseURL: url, scope: scope, authKey: ProcessInfo.processInfo.environment["KIOSK_ZMS_AUTHKEY"], pageSize: pageSize)
            let rows: [AppointmentImportRow]
            do {
                rows = try await client.appointments(on: fetchDay, mapping: ZMSMapping(services: services, slotMinutes: slotMinutes))
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(69)
            }
            let store = try await database.open()
            let report = try await AppointmentImporter.run(
                try await ZMSImport.withoutUnknownCancellations(rows, store: store), store: store, catalog: parsed, dryRun: dryRun)
            print(
                "zms: \(report.created.count) neu/new, \(report.updated.count) geändert/updated, \(report.cancelled.count) abgesagt/cancelled, "
                    + "\(report.unchanged.count) unverändert/unchanged, \(report.rejected.count) abgelehnt/rejected")
            for rejection in report.rejected { print("  \(rejection)") }
            if !report.rejected.isEmpty { throw ExitCode(65) }
        }
    }
}

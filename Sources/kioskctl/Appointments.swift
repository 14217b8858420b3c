import ArgumentParser
import Foundation
import KioskCore
import KioskSync

/// `kioskctl appointments import FILE`: a booking system's CSV export or an iCalendar file into central.
struct Appointments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments", abstract: "Appointments from files into the central service.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV (with --mapping) or an .ics file; all rows or none. The token comes from KIOSK_IMPORT_TOKEN or --token-file.")
        @ArgumentParser.Argument(help: "The file: .csv or .ics.") var file: String
        @ArgumentParser.Option(help: "Column mapping for CSV files (YAML, see Kiosk/example/appointments-mapping.yaml).") var mapping: String?
        @Flag(help: "Report what would change and every rejected row; change nothing.") var dryRun = false
        @ArgumentParser.Option(help: "The central service, e.g. http://127.0.0.1:8480.") var central: String = "http://127.0.0.1:8480"
        @ArgumentParser.Option(help: "File holding the system client's token (from 'kiosk-central client add').") var tokenFile: String?
        @ArgumentParser.Option(help: "The site's time zone for times without one.") var timeZone: String = "Europe/Berlin"

        func run() async throws {
            guard let calendar = SiteCalendar(timeZoneIdentifier: timeZone) else {
                throw ValidationError("Unbekannte Zeitzone / unknown time zone: \(timeZone)")
            }
            let token: String
            if let tokenFile {
                guard let data = FileManager.default.contents(atPath: tokenFile) else {
                    throw ValidationError("Token-Datei nicht lesbar / cannot read the token file: \(tokenFile)")
                }
                token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let environment = ProcessInfo.processInfo.environment["KIOSK_IMPORT_TOKEN"], !environment.isEmpty {
                token = environment
            } else {
                throw ValidationError("Kein Token: KIOSK_IMPORT_TOKEN oder --token-file / no token: KIOSK_IMPORT_TOKEN or --token-file")
            }
            guard let bytes = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Datei nicht lesbar / cannot read the file: \(file)")
            }
            let read: AppointmentFile
            do {
                if file.lowercased().hasSuffix(".ics") || file.lowercased().hasSuffix(".ical") {
                    let services = try mapping.map { try Self.mapping(at: $0).services } ?? [:]
                    read = try ICalendarReader.read(String(decoding: bytes, as: UTF8.self), calendar: calendar, services: services)
                } else {
                    read = try AppointmentCSVReader.read(
                        Array(bytes), mapping: try mapping.map(Self.mapping(at:)) ?? AppointmentCSVMapping(), calendar: calendar)
                }
            } catch let error as AppointmentFileError {
                FileHandle.standardError.write(Data("kioskctl: \(file): \(error)\n".utf8))
                throw ExitCode(65)
            }
            // A file with bad rows is not sent for real: nothing half-imported. A dry run still asks central about
            // the good rows, so one run shows everything that is wrong.
            var report: AppointmentImportReport?
            if !read.entries.isEmpty && (dryRun || read.rejected.isEmpty) {
                do {
                    report = try await AppointmentImportClient(baseURL: central, token: token)
                        .send(read.entries.map(\.row), dryRun: dryRun || !read.rejected.isEmpty)
                } catch {
                    FileHandle.standardError.write(Data("kioskctl: Zentrale / central: \(error)\n".utf8))
                    throw ExitCode(69)
                }
            }
            for line in AppointmentImportSummary.lines(file: read, report: report, dryRun: dryRun) { print(line) }
            if !read.rejected.isEmpty || report?.rejected.isEmpty == false { throw ExitCode(65) }
        }

        static func mapping(at path: String) throws -> AppointmentCSVMapping {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("Zuordnung nicht lesbar / cannot read the mapping: \(path)")
            }
            return try AppointmentCSVMapping.parse(yaml: String(decoding: data, as: UTF8.self))
        }
    }
}

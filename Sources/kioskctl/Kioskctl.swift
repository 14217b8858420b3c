import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskStore
import Logging
import Printing

/// kioskctl: the technician's command line. Subcommands parse arguments and call into KioskApp.
@main
struct Kioskctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskctl", abstract: "RathausKiosk technician and administration tool.",
        version: KioskVersion.current, subcommands: [
            Status.self, PrintCommand.self, Enrol.self, UdevRulesCommand.self, Wahlraum.self, Card.self, Appointments.self,
            ScreenshotCommand.self, Diag.self, TechnicianPINCommand.self,
        ])
}

/// Options every subcommand that reads a terminal shares.
struct TerminalOptions: ParsableArguments {
    @ArgumentParser.Option(name: .shortAndLong, help: "The terminal's configuration file.")
    var config: String = InstallLayout.terminalConfiguration

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
    @ArgumentParser.Option(help: "The business day to report (YYYY-MM-DD, site time); default today.")
    var day: String?

    func run() throws {
        let loaded = try options.load()
        let calendar = loaded.settings.catalog.site.calendar
        let reported: BusinessDay
        if let day {
            guard let parsed = BusinessDay(iso: day) else {
                throw ValidationError("--day erwartet JJJJ-MM-TT / expects YYYY-MM-DD, got '\(day)'")
            }
            reported = parsed
        } else {
            reported = calendar.businessDay(of: Date())
        }
        guard FileManager.default.fileExists(atPath: loaded.databaseURL.path) else {
            throw ValidationError(
                "Keine Datenbank unter \(loaded.databaseURL.path) – ist kioskd schon gelaufen? / No database there – has kioskd run yet?")
        }
        do {
            let store = try KioskStore(
                path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: Logger(label: "kioskctl"))
            let report = try StatusReport.read(store: store, catalog: loaded.settings.catalog, day: reported)
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

// MARK: - print

/// `kioskctl print ...`: the configured printer's state and a test page.
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print", abstract: "The terminal's printer: state, test page, and the test page's preview.",
        subcommands: [PrintStatus.self, PrintTestPage.self, PrintPreview.self])
}

/// The printer from the terminal's configuration, logging to standard error.
private func configuredPrinter(_ options: TerminalOptions) throws -> any ManagedPrinter {
    var logger = Logger(label: "kioskctl")
    logger.logLevel = .warning
    return PrinterSetup.printer(for: try options.load(), logger: logger).0
}

struct PrintStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "The printer's state from CUPS and, if configured, from the printer itself (exit status 1: cannot print).")

    @OptionGroup var options: TerminalOptions
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let printer = try configuredPrinter(options)
        let report = PrinterReport(printer: printer, status: await printer.status())
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        if !report.status.isReady { throw ExitCode(1) }
    }
}

struct PrintTestPage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Prints a test page with every style and the printer's state, then shows the state.")

    @OptionGroup var options: TerminalOptions

    func run() async throws {
        let printer = try configuredPrinter(options)
        let before = await printer.status()
        let page = TestPage.document(profile: printer.profile, printer: printer.identifier, status: before, at: Date())
        do {
            let destination = try await printer.printDocument(page, jobName: "kiosk-test-page-\(UUID().uuidString.prefix(8))")
            print("Testseite gedruckt / test page printed: \(destination)")
        } catch {
            print(PrinterReport(printer: printer, status: before).text)
            FileHandle.standardError.write(Data("kioskctl: Testseite nicht gedruckt / test page not printed: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print(PrinterReport(printer: printer, status: await printer.status()).text)
    }
}

struct PrintPreview: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Writes the test page as a PNG, dot for dot as the configured printer's profile lays it out; nothing is printed.")

    @OptionGroup var options: TerminalOptions
    @ArgumentParser.Option(help: "The PNG file to write.") var output: String = "test-page.png"

    func run() async throws {
        let printer = try configuredPrinter(options)
        // The printer is not asked: a preview must work while the printer is away or out of paper.
        let page = TestPage.document(profile: printer.profile, printer: printer.identifier, status: .ok, at: Date())
        try RasterPreview.png(document: page, profile: printer.profile).write(to: URL(fileURLWithPath: output))
        print("Vorschau / preview: \(output) (\(printer.profile.dotsPerLine) dots wide, \(printer.profile.name))")
    }
}

import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import Logging

/// `kioskctl diag`: every device with its state, the USB bus, recent errors and the sync; device tests; a bundle.
struct Diag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Diagnose the terminal: devices, USB, recent errors, sync; device tests; a support bundle.",
        subcommands: [DiagReportCommand.self, DiagBundleCommand.self], defaultSubcommand: DiagReportCommand.self)
}

/// Options the report and the bundle share.
struct DiagOptions: ParsableArguments {
    @OptionGroup var terminal: TerminalOptions
    @ArgumentParser.Option(help: "kioskd's log file (default: kioskd.log beside the database).") var log: String?

    /// A logger for the devices' warnings, on standard error so that --json output stays clean.
    var logger: Logger {
        var logger = Logger(label: "kioskctl") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .warning
        return logger
    }

    func report(loaded: SiteLoader.Loaded, tests: [DeviceTestResult] = []) async -> DiagnosticReport {
        await Diagnostics.collect(loaded: loaded, logFile: log.map { URL(fileURLWithPath: $0) }, tests: tests, logger: logger)
    }
}

struct DiagReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Devices with their states, USB devices seen, recent errors and sync status (exit status 1: a test failed).")

    @OptionGroup var options: DiagOptions
    @Flag(help: "Print JSON instead of text.") var json = false
    @ArgumentParser.Option(
        help: "Run a device test: printer (prints a test page), scanner (waits for a scan), signature, card; repeatable.")
    var test: [String] = []
    @ArgumentParser.Option(help: "Seconds a waiting test (scanner, signature, card) waits.") var timeout: Int = 30

    func run() async throws {
        let kinds = try test.map { name in
            guard let kind = DeviceTestRunner.Kind(rawValue: name) else {
                throw ValidationError("--test: printer, scanner, signature oder/or card, nicht/not '\(name)'")
            }
            return kind
        }
        let loaded = try options.terminal.load()
        var results: [DeviceTestResult] = []
        for kind in kinds {
            if !json, kind != .printer {
                print("Test \(kind.rawValue): bitte jetzt am Gerät handeln / act on the device now (\(timeout) s) …")
            }
            results.append(await DeviceTestRunner.run(kind, loaded: loaded, within: .seconds(timeout), logger: options.logger))
        }
        let report = await options.report(loaded: loaded, tests: results)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}

struct DiagBundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Writes a tar.gz for support: diagnostic report, logs, configuration with secrets redacted, versions; no personal data.")

    @OptionGroup var options: DiagOptions
    @Argument(help: "The file to write, e.g. diag.tar.gz.") var output: String

    func run() async throws {
        let loaded = try options.terminal.load()
        let report = await options.report(loaded: loaded)
        var sources = DiagnosticBundle.Sources(
            configuration: URL(fileURLWithPath: options.terminal.config),
            logFile: options.log.map { URL(fileURLWithPath: $0) } ?? Diagnostics.defaultLogFile(loaded),
            version: "kioskctl \(Kioskctl.configuration.version)")
        sources.unit = "kioskd"
        do {
            let files = try DiagnosticBundle.write(to: URL(fileURLWithPath: output), report: report, loaded: loaded, sources: sources)
            print("Paket geschrieben / bundle written: \(output)")
            files.forEach { print("  \($0)") }
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import KioskApp
import KioskCore
import KioskSpeech
import KioskStore
import KioskSync
import KioskUI
import KioskUIPixels
import Logging
import CardReader
import KioskMetrics
import MetricsEndpoint
import Printing
import ServiceNotify

/// Forwards "a ticket was committed" to the outbox pump once it exists.
final class PumpNudge: @unchecked Sendable {
    // @unchecked: `pump` is set once during start-up, before the kiosk loop can call `fire()`.
    var pump: OutboxPump?
    func fire() {
        guard let pump else { return }
        Task { await pump.nudge() }
    }
}

/// kioskd: the terminal daemon. Parses arguments, builds store, printer and session, runs the terminal UI.
@main
struct Kioskd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskd", abstract: "RathausKiosk terminal daemon (self-service terminal of a Bürgerbüro).",
        version: KioskVersion.current)

    @ArgumentParser.Option(name: .shortAndLong, help: "The terminal's configuration file.")
    var config: String = InstallLayout.terminalConfiguration

    @ArgumentParser.Option(help: "Log file; the terminal UI owns the screen, so logs go here (default: beside the database).")
    var log: String?

    @ArgumentParser.Flag(help: "No speech output (espeak-ng): neither the idle warning nor headphone mode speaks.")
    var noSpeech = false

    @ArgumentParser.Option(
        help: "Write what is spoken as WAV files (utterance-1.wav, ...) into this directory instead of playing it: for tests and for checking speech on a terminal without a sound card.")
    var speechFiles: String?

    @ArgumentParser.Option(
        help: "Pretend the local time is this (e.g. 2026-11-23T09:00) and let it run on from there: for demos outside opening hours.")
    var demoTime: String?

    mutating func run() async throws {
        let loaded: SiteLoader.Loaded
        do {
            loaded = try SiteLoader.load(configuration: URL(fileURLWithPath: config))
        } catch {
            FileHandle.standardError.write(Data("kioskd: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }

        try? FileManager.default.createDirectory(at: loaded.databaseURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let logPath = log ?? loaded.databaseURL.deletingLastPathComponent().appendingPathComponent("kioskd.log").path
        let logDescriptor = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, descriptor: logDescriptor >= 0 ? logDescriptor : 2, level: .info) }
        let logger = Logger(label: "kioskd")

        let screen: ScreenSetup
        do {
            screen = try ScreenSetup.make(loaded: loaded, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("kioskd: \(error)\n".utf8))
            throw ExitCode(2)
        }
        defer { screen.terminal?.close() }

        let store: KioskStore
        do {
            store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: logger)
        } catch {
            screen.terminal?.close()
            logger.critical("Store unusable", metadata: ["kiosk.error": "\(error)"])
            FileHandle.standardError.write(Data("kioskd: \(error)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        let (printer, printerMonitor) = PrinterSetup.printer(for: loaded, logger: logger)
        let monitorTask = Task { await printerMonitor.run() }
        var offset: TimeInterval = 0
        if let demoTime {
            guard let start = DemoClock.parse(demoTime, calendar: loaded.settings.catalog.site.calendar) else {
                screen.terminal?.close()
                FileHandle.standardError.write(Data("kioskd: --demo-time erwartet JJJJ-MM-TTTHH:MM / expects YYYY-MM-DDTHH:MM\n".utf8))
                throw ExitCode(64)
            }
            offset = start.timeIntervalSinceNow
        }
        let clockOffset = offset
        let now: @Sendable () -> Date = { Date().addingTimeInterval(clockOffset) }
        // A print the last run did not see end (kioskd killed mid-job) gets its outcome now, before new tickets.
        do {
            let closed = try store.closeInterruptedPrints(printer: printer.identifier, at: now())
            if closed > 0 { logger.warning("Interrupted prints recorded as failed", metadata: ["kiosk.print.interrupted": "\(closed)"]) }
        } catch {
            logger.error("Interrupted prints not recorded", metadata: ["kiosk.error": "\(error)"])
        }
        let nudge = PumpNudge()
        let metricsRegistry = MetricsRegistry()
        let metrics = TerminalMetrics(factory: metricsRegistry.factory)
        // Central's address and identity first: the Lieferstatus asks central with the same transport as sync.
        var credentials: TerminalCredentials?
        if let central = loaded.settings.configuration.central, let files = loaded.identityFiles {
            do {
                credentials = try TerminalCredentials.load(files: files, terminal: loaded.settings.configuration.terminal)
            } catch {
                screen.terminal?.close()
                logger.critical("Terminal identity unusable", metadata: ["kiosk.error": "\(error)"])
                FileHandle.standardError.write(Data("kioskd: \(error) – kioskctl enrol --config \(config)\n".utf8))
                throw ExitCode(78)  // EX_CONFIG
            }
            if let notAfter = credentials?.notAfter, notAfter.timeIntervalSince(now()) < 30 * 86400 {
                logger.warning(
                    "Terminal certificate expires soon; enrol again (kioskctl enrol --force)",
                    metadata: ["kiosk.identity.not-after": "\(notAfter.formatted(.iso8601))", "kiosk.central": "\(central.url)"])
            }
        }
        let transport = loaded.settings.configuration.central.map { HTTPSyncTransport(baseURL: $0.url, credentials: credentials) }
        // The signature pad for SEPA mandates; their data is sealed to central's key from the snapshot.
        let signaturePad = SignaturePadSetup.pad(for: loaded.signaturePad, logger: logger)
        let session = KioskSession(
            settings: loaded.settings, store: store, printer: printer,
            collectionStatus: transport.map { CollectionStatusClient(transport: $0, terminal: loaded.settings.configuration.terminal) },
            idCards: loaded.settings.configuration.cardReaderPCSC ? PCSCIDCardService() : nil,
            signaturePad: signaturePad?.pad,
            // espeak-ng plays on the default ALSA device; the jack's switch (`headphones:`) or F5 turns on headphone mode.
            speaker: noSpeech ? nil : EspeakSpeaker(output: speechFiles.map { .waveFiles(directory: $0) } ?? .audioDevice, logger: logger),
            logger: logger, now: now, afterCommit: { nudge.fire() },
            metrics: metrics,
            technicianTools: TechnicianTools(
                report: { await Diagnostics.collect(loaded: loaded, logFile: URL(fileURLWithPath: logPath), logger: logger) },
                runDetached: { kind in await DeviceTestRunner.run(kind, loaded: loaded, within: .seconds(30), logger: logger) }))
        let scanner = ScannerSetup.scanner(for: loaded.scanner, logger: logger)
        var sync: TerminalSync?
        if let central = loaded.settings.configuration.central, let transport {
            // The central service's last snapshot is the authority on the catalog, also when it is unreachable now.
            if let stored = try? store.latestSnapshot(),
                let snapshot = try? JSONDecoder().decode(TerminalSnapshot.self, from: stored.body),
                let catalog = try? ServiceCatalog.parse(yaml: snapshot.catalogYAML, source: "central snapshot")
            {
                await session.update(catalog: catalog)
            }
            let terminalSync = TerminalSync(
                store: store, transport: transport, catalog: loaded.settings.catalog,
                blockSize: loaded.settings.configuration.numberBlockSize, offlineReserve: central.offlineReserve,
                interval: .seconds(central.syncIntervalSeconds), logger: logger, now: now,
                onCatalog: { catalog in await session.update(catalog: catalog) },
                onCalls: { calls in await session.received(calls: calls) },
                deviceHealth: { printerMonitor.latest.map { [$0.health] } ?? [] })
            nudge.pump = terminalSync.pump
            sync = terminalSync
        }
        let runningSync = sync
        let syncTask = Task { await runningSync?.run() }
        // Personal data leaves the terminal's disk once central has it and the retention time is over.
        let retention = RetentionJob(store: store, days: loaded.settings.configuration.retentionDays, logger: logger, now: now)
        let retentionTask = Task { await retention.run() }
        // Prometheus on localhost; a port already taken costs the metrics, never the kiosk.
        let configuration = loaded.settings.configuration
        // The scanner's gauge starts from whether it could be set up; its attach and detach events move it on.
        metrics.device(kind: "scanner", level: configuration.scanner == nil ? .absent : scanner != nil ? .ok : .error)
        let metricsTask = Task {
            guard let endpoint = configuration.metrics else { return }
            let server = MetricsServer(
                host: endpoint.host, port: endpoint.port, registry: metricsRegistry, logger: logger,
                refresh: {
                    let backlog = try? store.backlog()
                    metrics.outbox(
                        depth: backlog?.pending ?? 0, lagSeconds: backlog?.oldestPending.map { max(0, now().timeIntervalSince($0)) } ?? 0)
                    let printerLevel: DeviceLevel =
                        switch printerMonitor.latest?.severity {
                        case .ok?: .ok
                        case .warning?: .warning
                        case .error?: .error
                        case nil: .ok  // not polled yet: no news is the last job's news, and the health report has that
                        }
                    metrics.device(kind: "printer", level: printerLevel)
                    metrics.device(kind: "card-reader", level: configuration.cardReaderPCSC ? .ok : .absent)
                    metrics.device(kind: "display", level: .ok)
                })
            do {
                try await server.run()
            } catch {
                logger.error("Metrics endpoint not served", metadata: ["kiosk.error": "\(error)", "kiosk.metrics.port": "\(endpoint.port)"])
            }
        }
        logger.info("kioskd started", metadata: ["kiosk.terminal": "\(loaded.settings.configuration.terminal)"])

        // SIGTERM and SIGINT end the loop; the deferred close restores the terminal. Under systemd (Type=notify)
        // the kiosk is ready once its first screen is drawn, beats the watchdog while it runs, says when it stops.
        let notifier = ServiceNotifier()
        // pcscd's readers, when configured: an ID card put on one opens the PIN service.
        let cardMonitor = loaded.settings.configuration.cardReaderPCSC ? PCSCMonitor(logger: logger) : nil
        let kiosk = KioskLoop(
            session: session, output: screen.output, sources: screen.sources, scanner: scanner?.scanner, cardReader: cardMonitor,
            onFirstScreen: { notifier.ready() })
        let loop = Task { await kiosk.run() }
        // `kioskctl screenshot` asks here. A pixel display hands over its frame; on the terminal the screen is drawn
        // once by a pixel renderer made for the request, so the terminal-only kioskd opens fonts only when asked.
        let control = try? ControlSocket(
            path: loaded.databaseURL.deletingLastPathComponent().appendingPathComponent(ControlSocket.fileName).path)
        let pixels = screen.pixels
        let shotOptions = ScreenSetup.options(for: loaded.settings.configuration.display)
        control?.serve {
            if let pixels { return await pixels.png() }
            guard let current = kiosk.currentScreen else { return nil }
            let renderer = PixelScreenOutput(options: shotOptions)
            await renderer.show(current)
            return await renderer.png()
        }
        let watchdog = Task { await notifier.runWatchdog() }
        let signals = [SIGTERM, SIGINT, SIGHUP].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
            source.setEventHandler { loop.cancel() }
            source.resume()
            return source
        }
        await loop.value
        // Shutting down from here on, whether a signal or Ctrl-C at the keyboard ended the loop.
        notifier.stopping()
        watchdog.cancel()
        signals.forEach { $0.cancel() }
        control?.stop()
        screen.devices.forEach { $0.stop() }
        scanner?.shutdown()
        signaturePad?.shutdown()
        cardMonitor?.shutdown()
        syncTask.cancel()
        retentionTask.cancel()
        monitorTask.cancel()
        metricsTask.cancel()
        // Hand the central service what it can still take, but never hold up the shutdown for long.
        if let runningSync {
            let flush = Task { try await runningSync.pump.drain() }
            let deadline = Task {
                try await Task.sleep(for: .seconds(2))
                flush.cancel()
            }
            _ = try? await flush.value
            deadline.cancel()
        }
        logger.info("kioskd stopped")
    }
}

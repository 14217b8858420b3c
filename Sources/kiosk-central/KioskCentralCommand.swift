import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdBcrypt
import KioskCentral
import KioskCore
import KioskMetrics
import KioskSealing
import Logging
import ServiceNotify

/// kiosk-central: the central service for a site's terminals. Parses arguments, opens the store, serves.
@main
struct KioskCentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-central", abstract: "RathausKiosk central service: terminal sync, ticket numbers, calling.",
        version: KioskVersion.current,
        subcommands: [
            Serve.self, StaffCommand.self, CounterCommand.self, AppointmentCommand.self, CollectionCommand.self, AuthorityCommand.self,
            TerminalCommand.self, ClientCommand.self, SiteKeyCommand.self, ZMSCommand.self, SignatureCommand.self,
        ],
        defaultSubcommand: Serve.self)
}

/// The database option every subcommand shares.
struct DatabaseOption: ParsableArguments {
    @ArgumentParser.Option(
        help: "SQLite database file (created if missing), or a PostgreSQL URL postgres://user:password@host:port/database.")
    var database: String = "central.sqlite"

    func open(logger: Logger = Logger(label: "kiosk-central")) async throws -> any CentralStore {
        do {
            return try await CentralStoreLocation.open(database, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
            throw ExitCode(74)
        }
    }
}

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "Manage staff accounts.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update an account; the password is read from standard input (one line).")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Option(help: "Login name.") var user: String
        @ArgumentParser.Option(help: "Name shown in the console.") var name: String
        @ArgumentParser.Option(help: "staff, technician or admin.") var role: String = "staff"

        func run() async throws {
            guard let role = StaffRole(rawValue: role) else { throw ValidationError("role: staff, technician or admin") }
            guard let password = readLine(strippingNewline: true), password.count >= 10 else {
                throw ValidationError("Passwort mit mindestens 10 Zeichen auf stdin / a password of at least 10 characters on stdin")
            }
            try await database.open().putStaff(id: user, displayName: name, role: role, passwordHash: Bcrypt.hash(password, cost: 12))
            print("staff \(user) (\(role.rawValue)) saved")
        }
    }
}

struct CounterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "counter", abstract: "Manage counters (Schalter).", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or update a counter and the queues it serves.")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Option(help: "Counter id, e.g. s3.") var id: String
        @ArgumentParser.Option(help: "Name on the call display, e.g. \"Schalter 3\".") var name: String
        @ArgumentParser.Option(help: "Comma-separated queue ids.") var queues: String

        func run() async throws {
            let counter = Counter(id: id, name: name, queues: queues.split(separator: ",").map { QueueID(rawValue: String($0)) })
            try await database.open().putCounter(counter)
            print("counter \(id) saved")
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the central service.")

    @OptionGroup var database: DatabaseOption

    @ArgumentParser.Option(help: "The site's service catalog served to terminals.")
    var catalog: String = "Kiosk/example/services.yaml"

    @ArgumentParser.Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @ArgumentParser.Option(help: "Port to listen on.")
    var port: Int = 8480

    @ArgumentParser.Option(help: "Counters assumed open per queue until staff sign in.")
    var openCounters: Int = 2

    @ArgumentParser.Option(help: "Address citizens' phones reach this service at (the call display's QR code); default http(s)://HOST:PORT.")
    var publicURL: String?

    @ArgumentParser.Option(
        help: "TLS folder made by 'kiosk-central ca init': serve HTTPS, accept terminals only with their client certificate, enrol terminals.")
    var tlsDir: String?

    @ArgumentParser.Option(help: "Site key file ('kiosk-central site-key generate'): terminals accept check-in codes signed with it.")
    var siteKey: String?

    @ArgumentParser.Option(help: "Days the names imported for the counter are kept after the appointment's day (0: removed the next day).")
    var nameRetentionDays: Int = 0
    @OptionGroup var sealing: SealingKeyOption

    @ArgumentParser.Option(
        help: "Pretend the site's local time is this (e.g. 2026-11-23T09:00) and let it run on from there: for demos beside kioskd --demo-time, never in production.")
    var demoTime: String?

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
        var offset: TimeInterval = 0
        if let demoTime {
            guard let start = DemoClock.parse(demoTime, calendar: parsed.site.calendar) else {
                throw ValidationError("--demo-time erwartet JJJJ-MM-TTTHH:MM / expects YYYY-MM-DDTHH:MM")
            }
            offset = start.timeIntervalSinceNow
        }
        let clockOffset = offset
        var signer: CheckInSigner?
        if let siteKey {
            do {
                signer = try CheckInSigner.load(path: siteKey, site: parsed.site.id)
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(78)
            }
        }
        let identity = try TLSFolder.open(tlsDir, logger: logger)
        let sealingKey: SealingPrivateKey
        do {
            sealingKey = try SealingPrivateKey.loadOrCreate(path: sealing.path(database: database))
        } catch {
            FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
            throw ExitCode(78)
        }
        // The fingerprint names the key (for rotation checks); it is not key material.
        logger.info("Sealing key ready", metadata: ["kiosk.sealing.key-id": "\(sealingKey.publicKey.fingerprint)"])
        let store = try await database.open(logger: logger)
        let router = CentralAPI.router(
            store: store,
            settings: CentralSettings(
                catalogYAML: catalogYAML, catalog: parsed, openCounters: openCounters,
                publicURL: publicURL ?? "\(identity == nil ? "http" : "https")://\(host):\(port)", checkInSigner: signer,
                sealingKey: sealingKey.publicKey),
            authority: identity?.authority, metrics: MetricsRegistry(), now: { Date().addingTimeInterval(clockOffset) })
        let checkpoints = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                do { try await store.checkpoint() } catch { logger.warning("Checkpoint failed", metadata: ["kiosk.error": "\(error)"]) }
            }
        }
        defer { checkpoints.cancel() }
        // Names for the counter are personal data: gone once their day plus the retention is over.
        let retention = nameRetentionDays
        let calendar = parsed.site.calendar
        let purge = Task {
            while !Task.isCancelled {
                let today = calendar.businessDay(of: Date().addingTimeInterval(clockOffset))
                let keep = AppointmentNameRetention.firstKeptDay(today: today, retentionDays: retention, calendar: calendar)
                do {
                    let removed = try await store.purgeAppointmentNames(before: keep)
                    if removed > 0 { logger.info("Appointment names removed", metadata: ["kiosk.appointment.names-removed": "\(removed)"]) }
                } catch {
                    logger.warning("Removing appointment names failed", metadata: ["kiosk.error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
        defer { purge.cancel() }
        let configuration = ApplicationConfiguration(address: .hostname(host, port: port), serverName: "kiosk-central")
        // Under systemd (Type=notify): ready once the port answers, a watchdog beat while running, stopping at the end.
        let notifier = ServiceNotifier()
        let app =
            if let identity {
                Application(
                    router: router, server: identity.server, configuration: configuration,
                    onServerRunning: { _ in notifier.ready() }, logger: logger)
            } else {
                Application(router: router, configuration: configuration, onServerRunning: { _ in notifier.ready() }, logger: logger)
            }
        let watchdog = Task { await notifier.runWatchdog() }
        defer { watchdog.cancel() }
        try await app.runService()
        notifier.stopping()
    }
}

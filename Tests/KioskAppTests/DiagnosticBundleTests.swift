import ChildProcess
import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Testing
@testable import KioskApp
@testable import Printing

/// `kioskctl diag bundle`'s tar.gz after a morning of citizens with known personal values: none of them is in it,
/// the technician PIN's hash is redacted, and logs, configuration, report and versions are.
@Suite(.timeLimit(.minutes(2))) struct DiagnosticBundleTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// What the citizens brought: a process number and auth key, a booking reference, a voter number, an
    /// application number and a new ID card PIN.
    static let personal = ["987654", "zq77", "BK-PRIV4242", "8675309", "AN-5551234", "583920"]

    @Test func theBundleHasLogsConfigurationReportAndVersionsButNoPersonalDataAndNoSecret() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = Self.repository.appendingPathComponent("Kiosk/example")
        let pinHash = TechnicianPIN.hash("13572468")
        let yaml = try String(contentsOf: example.appendingPathComponent("terminal.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "catalog: services.yaml", with: "catalog: \(example.path)/services.yaml")
            .replacingOccurrences(of: "codes: codes.yaml", with: "codes: \(example.path)/codes.yaml")
            .replacingOccurrences(of: "../../.demo-state/", with: "\(directory.path)/")
            .replacingOccurrences(of: "devices: ../../Devices", with: "devices: \(Self.repository.path)/Devices")
            .replacingOccurrences(of: "terminal:\n", with: "terminal:\n  texts: \(Self.repository.path)/Kiosk/texts\n")
        let configuration = directory.appendingPathComponent("terminal.yaml")
        try TechnicianPIN.settingHash(pinHash, in: yaml).write(to: configuration, atomically: true, encoding: .utf8)
        var loaded = try SiteLoader.load(configuration: configuration)
        #expect(loaded.settings.configuration.technicianPINHash == pinHash)
        loaded.settings.configuration.central = nil

        // The kiosk's log as kioskd writes it.
        let logFile = directory.appendingPathComponent("kioskd.log")
        let descriptor = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        defer { close(descriptor) }
        let logger = Logger(label: "kioskd") { label in LineLogHandler(label: label, descriptor: descriptor, level: .info) }

        let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))
        let store = try KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: logger)
        let election = try ElectionLoader.load(election: example.appendingPathComponent("election.yaml"))
        try store.replacePollingDirectory(election.directory, at: clock.now)
        let start = clock.now.addingTimeInterval(15 * 60)
        let snapshot = TerminalSnapshot(
            catalogYAML: "", queues: [],
            appointments: [
                Appointment(
                    id: AppointmentID(rawValue: "a-1"), service: ServiceID(rawValue: "personalausweis"), start: start, durationMinutes: 20,
                    processNumber: "987654", authKey: "zq77", bookingReference: nil, state: .booked),
                Appointment(
                    id: AppointmentID(rawValue: "a-2"), service: ServiceID(rawValue: "reisepass"), start: start, durationMinutes: 20,
                    processNumber: nil, authKey: nil, bookingReference: "BK-PRIV4242", state: .booked),
            ])
        try store.saveSnapshot(body: try EventCoding.canonicalEncoder.encode(snapshot), etag: "\"1\"", at: clock.now)
        let printer = EmulatedTicketPrinter(output: loaded.printerOutputURL, profile: loaded.printerProfile)
        let card = IDCardTwin()
        let collection = CollectionTwin()
        let session = KioskSession(
            settings: loaded.settings, store: store, printer: printer, collectionStatus: collection, idCards: card, logger: logger,
            now: { clock.now })
        func scan(_ text: String) async -> Screen {
            await session.handle(scanner: .scanned(ScannedCode(symbology: .qrCode, data: Array(text.utf8))))
        }

        #expect(await session.handle(.digit(5)).id == "ticket.issued")
        _ = await session.handle(.back)
        #expect(await scan("T:987654:zq77").id == "checkin.done")
        _ = await session.handle(.back)
        #expect(await scan("https://wahlschein.example.de/antrag?wbz=1302&wvz=8675309").id == "wahl.place")
        _ = await session.handle(.back)
        _ = await session.handle(.character("A"))
        for character in "AN-5551234" { _ = await session.handle(.character(character)) }
        _ = await session.handle(.confirm)
        #expect(collection.asked == ["AN-5551234"])
        _ = await session.handle(.back)
        _ = await session.handle(card: .cardInserted(reader: "Virtual PCD 00 00", atr: [0x3B, 0x8A, 0x80, 0x01]))
        _ = await session.handle(.character("T"))
        for digits in ["12345", "583920", "583920"] {
            for digit in digits { _ = await session.handle(.digit(Int(String(digit))!)) }
            _ = await session.handle(.confirm)
        }
        #expect(card.pin == Array("583920".utf8), "the PIN service ran")
        _ = await session.handle(card: .cardRemoved(reader: "Virtual PCD 00 00"))
        // The personal data is on the terminal (the database holds the snapshot), so its absence below means something.
        let database = try Data(contentsOf: loaded.databaseURL) + ((try? Data(contentsOf: URL(fileURLWithPath: loaded.databaseURL.path + "-wal"))) ?? Data())
        #expect(database.range(of: Data("987654".utf8)) != nil)

        let report = await Diagnostics.collect(loaded: loaded, logFile: logFile, logger: logger, now: clock.now)
        #expect(report.sync?.outboxPending ?? 0 > 0)
        var sources = DiagnosticBundle.Sources(configuration: configuration, logFile: logFile, version: "kioskctl test")
        sources.unit = "kiosk-test-\(UUID().uuidString.prefix(8))"  // no journal for it: the log file goes in
        let output = directory.appendingPathComponent("diag.tar.gz")
        let files = try DiagnosticBundle.write(to: output, report: report, loaded: loaded, sources: sources)
        let folder = "kiosk-diag-musterstadt-t1"
        #expect(Set(files) == Set(["diag.json", "versions.txt", "config/terminal.yaml", "config/services.yaml", "config/codes.yaml", "logs/kioskd.log"].map { "\(folder)/\($0)" }))

        let unpacked = directory.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let untar = try ChildProcess.run("tar", ["-xzf", output.path, "-C", unpacked.path])
        #expect(untar.termination.succeeded)
        var contents: [String: Data] = [:]
        for name in files { contents[name] = try Data(contentsOf: unpacked.appendingPathComponent(name)) }
        #expect(contents.count == files.count)
        for (name, data) in contents {
            for value in Self.personal {
                #expect(data.range(of: Data(value.utf8)) == nil, "\(value) is in \(name)")
            }
            #expect(data.range(of: Data(pinHash.utf8)) == nil, "the PIN hash is in \(name)")
        }
        let terminalYAML = String(decoding: contents["\(folder)/config/terminal.yaml"] ?? Data(), as: UTF8.self)
        #expect(terminalYAML.contains("pinHash: «redacted»"))
        #expect(terminalYAML.contains("id: musterstadt-t1"), "the rest of the configuration is as written")
        let log = String(decoding: contents["\(folder)/logs/kioskd.log"] ?? Data(), as: UTF8.self)
        #expect(log.contains("Ticket issued") && log.contains("Checked in"))
        let diag = try JSONDecoder.iso8601.decode(DiagnosticReport.self, from: contents["\(folder)/diag.json"] ?? Data())
        #expect(diag.terminal == "musterstadt-t1")
        #expect(diag.devices.map(\.kind) == ["printer", "scanner", "signature-pad", "card-reader", "display"])
        #expect(String(decoding: contents["\(folder)/versions.txt"] ?? Data(), as: UTF8.self).hasPrefix("kioskctl test\n"))
    }

    @Test func redactionTakesSecretsAndURLPasswordsAndLeavesTheRest() {
        let text = """
            terminal:
              id: t1
              # key: a comment stays
            central:
              url: postgres://kiosk:hunter2@db.example:5432/kiosk
              tls:
                key: identity/terminal-key.pem
            technician:
              pinHash: "$2b$10$abcdefghijklmnopqrstuv"
              apiToken: abc
            scanner:
              kind: usb
            """
        let redacted = ConfigRedaction.redact(text)
        #expect(!redacted.contains("hunter2") && !redacted.contains("$2b$") && !redacted.contains("abc\n") && !redacted.contains("terminal-key.pem"))
        #expect(redacted.contains("url: postgres://kiosk:«redacted»@db.example:5432/kiosk"))
        #expect(redacted.contains("  # key: a comment stays"))
        #expect(redacted.contains("  kind: usb") && redacted.contains("  id: t1"))
    }
}

extension JSONDecoder {
    /// Dates as the report writes them.
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

import ArgumentParser
import Foundation
import KioskCentral
import KioskCore
import KioskSealing

/// The `--sealing-key` option `serve` and `signature show` share.
struct SealingKeyOption: ParsableArguments {
    @ArgumentParser.Option(
        help: "Central's X25519 sealing key (raw 32 bytes, 0600); serve creates it on first start. Terminals seal SEPA mandates to its public half. Default: sealing.key beside the SQLite database; for PostgreSQL in systemd's state directory ($STATE_DIRECTORY), else this option is required.")
    var sealingKey: String?

    /// The key file: as given, or beside the SQLite database file, so that a site's state stays in one folder. A
    /// PostgreSQL database has no folder: the key goes to the unit's state directory, never silently into the
    /// working directory (where a checkout or a shared folder would pick it up).
    func path(database: DatabaseOption, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let sealingKey { return sealingKey }
        if database.database.hasPrefix("postgres://") || database.database.hasPrefix("postgresql://") {
            // systemd may list several state directories separated by colons; the first is the unit's own.
            guard let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !state.isEmpty else {
                throw ValidationError(
                    "Mit PostgreSQL braucht der Dienst --sealing-key DATEI (oder STATE_DIRECTORY von systemd) / with PostgreSQL, give --sealing-key FILE (or run under systemd with StateDirectory=)")
            }
            return URL(fileURLWithPath: String(state)).appendingPathComponent("sealing.key").path
        }
        return URL(fileURLWithPath: database.database).deletingLastPathComponent().appendingPathComponent("sealing.key").path
    }
}

/// `kiosk-central signature`: a SEPA mandate's sealed signature and IBAN, opened for staff.
struct SignatureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature", abstract: "Open a SEPA mandate's signature (and IBAN) that a terminal sealed to central's key.",
        subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a payment's signature container (.json) or its drawing (.svg); with --iban print the debtor's IBAN.")
        @ArgumentParser.Argument(help: "The payment's id (the key of its payment.confirmed event).") var payment: String
        @ArgumentParser.Option(help: "Output file: .json writes the signature container, .svg its drawing (created 0600).")
        var out: String
        @ArgumentParser.Flag(help: "Also print the debtor's full IBAN.") var iban = false
        @OptionGroup var database: DatabaseOption
        @OptionGroup var key: SealingKeyOption

        func run() async throws {
            guard let id = UUID(uuidString: payment) else {
                throw ValidationError("Zahlungsnummer ist keine UUID / payment id is not a UUID")
            }
            let format = URL(fileURLWithPath: out).pathExtension.lowercased()
            guard format == "json" || format == "svg" else {
                throw ValidationError("--out endet auf .json oder .svg / --out ends in .json or .svg")
            }
            let opened: OpenedMandate
            do {
                let privateKey = try SealingPrivateKey.load(path: key.path(database: database))
                let store = try await database.open()
                opened = try await MandateOpening.open(payment: id, store: store, key: privateKey)
            } catch let error as SealingError {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(66)  // EX_NOINPUT
            } catch let error as MandateOpeningError {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(65)  // EX_DATAERR
            }
            let bytes = format == "json" ? SignatureContainer.encode(opened.signature) : Data(SignatureSVG.render(opened.signature).utf8)
            // Personal data: created readable by its owner only, never overwriting another file.
            guard !FileManager.default.fileExists(atPath: out) else {
                FileHandle.standardError.write(Data("kiosk-central: \(out) existiert schon / already exists\n".utf8))
                throw ExitCode(73)
            }
            guard FileManager.default.createFile(atPath: out, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                FileHandle.standardError.write(Data("kiosk-central: \(out) nicht schreibbar / not writable\n".utf8))
                throw ExitCode(73)  // EX_CANTCREAT
            }
            print("Unterschrift / signature: \(out)  (\(opened.signature.strokes.count) Striche / strokes)")
            if iban { print("IBAN: \(opened.iban.electronic)") }
        }
    }
}

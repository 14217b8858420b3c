import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdCore
import KioskCentral
import KioskCore
import KioskIdentity
import Logging

/// The TLS folder option of `serve`: the site CA and central's HTTPS server, or plain HTTP with a warning.
enum TLSFolder {
    static func open(_ directory: String?, logger: Logger) throws -> (authority: SiteAuthority, server: HTTPServerBuilder)? {
        guard let directory else {
            logger.warning(
                "Serving plain HTTP: terminals are not authenticated; use only on loopback or for a demo (serve --tls-dir)",
                metadata: ["kiosk.identity": "none"])
            return nil
        }
        let files = SiteAuthority.Files(directory: directory)
        do {
            let authority = try SiteAuthority.load(files: files)
            for key in [files.authorityKey, files.serverKey] where (PEMFile.mode(key) ?? 0) & 0o077 != 0 {
                logger.warning("Key file readable by others; chmod 600 it", metadata: ["kiosk.identity.file": "\(key)"])
            }
            let server = try CentralTLS.server(files: files)
            logger.info(
                "Serving HTTPS; terminals need their client certificate",
                metadata: ["kiosk.identity.ca": "\(authority.fingerprint)"])
            return (authority, server)
        } catch {
            FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
            throw ExitCode(78)
        }
    }
}

/// `kiosk-central ca`: the site's certificate authority.
struct AuthorityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ca", abstract: "The site's certificate authority for HTTPS and terminal certificates.",
        subcommands: [Initialise.self, Show.self, ServerCertificate.self])

    struct Initialise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the site CA and central's server certificate in a new TLS folder (keys 0600); never overwrites a CA.")
        @ArgumentParser.Option(help: "The TLS folder to create.") var dir: String
        @ArgumentParser.Option(help: "Host name or IP address terminals and browsers use for central (repeat for several).")
        var name: [String]
        @ArgumentParser.Option(help: "Site name in the CA's name, e.g. \"Musterstadt\".") var site: String = "Bürgerbüro"

        func run() throws {
            let files = SiteAuthority.Files(directory: dir)
            do {
                let authority = try SiteAuthority.create(files: files, siteName: site, serverNames: name, now: Date())
                print("CA: \(files.authorityCertificate)  (Schlüssel / key: \(files.authorityKey), 0600)")
                print("Server: \(files.serverCertificate)  (\(name.joined(separator: ", ")))")
                print("CA-Fingerabdruck für 'kioskctl enrol --ca-fingerprint' / CA fingerprint:")
                print("  \(authority.fingerprint)")
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(73)  // EX_CANTCREAT
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the CA's fingerprint and validity.")
        @ArgumentParser.Option(help: "The TLS folder.") var dir: String

        func run() throws {
            do {
                let authority = try SiteAuthority.load(files: SiteAuthority.Files(directory: dir))
                print(authority.name)
                print("  \(authority.fingerprint)")
                print("  gültig bis / valid until \(authority.notAfter.formatted(.iso8601))")
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(66)  // EX_NOINPUT
            }
        }
    }

    struct ServerCertificate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server-cert", abstract: "Issue central's server certificate again (new names, or before it expires); restart serve afterwards.")
        @ArgumentParser.Option(help: "The TLS folder.") var dir: String
        @ArgumentParser.Option(help: "Host name or IP address of central (repeat for several).") var name: [String]

        func run() throws {
            let files = SiteAuthority.Files(directory: dir)
            do {
                try SiteAuthority.load(files: files).writeServerCertificate(files: files, names: name, now: Date())
                print("Server: \(files.serverCertificate)  (\(name.joined(separator: ", ")))")
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(73)
            }
        }
    }
}

/// `kiosk-central terminal`: enrolments and certificates of terminals, as on the console's terminals page.
struct TerminalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal", abstract: "Approve, reject and revoke terminals' certificates.",
        subcommands: [List.self, Approve.self, Reject.self, Revoke.self])

    /// Who the audit log names for decisions made on the command line.
    static let actor = "cli"

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pending enrolments and issued certificates.")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let store = try await database.open()
            let pending = try await store.enrolments(state: .pending, limit: TerminalEnrolments.maxPending)
            print("Warten auf Freigabe / pending: \(pending.count)")
            for enrolment in pending {
                print("  \(enrolment.id.uuidString)  \(enrolment.terminal.rawValue)  \(enrolment.requestedAt.formatted(.iso8601))")
                print("    \(enrolment.keyFingerprint)")
            }
            let certificates = try await store.terminalCertificates()
            print("Zertifikate / certificates: \(certificates.count)")
            for record in certificates {
                let state = record.revokedAt.map { "widerrufen / revoked \($0.formatted(.iso8601))" } ?? "gültig / valid"
                print("  \(record.issued.terminal.rawValue)  \(record.issued.serial)  bis / until \(record.issued.notAfter.formatted(.iso8601))  \(state)")
            }
        }
    }

    /// Finds the enrolment to decide: by id, or the single pending one of a terminal.
    struct Selection: ParsableArguments {
        @ArgumentParser.Option(help: "The request id (from 'terminal list').") var id: String?
        @ArgumentParser.Option(help: "The terminal, when it has exactly one pending request.") var terminal: String?

        func enrolment(_ store: any CentralStore) async throws -> EnrolmentRecord {
            if let id {
                guard let uuid = UUID(uuidString: id), let found = try await store.enrolment(id: uuid) else {
                    throw ValidationError("Unbekannte Anfrage / unknown request \(id)")
                }
                return found
            }
            guard let terminal else { throw ValidationError("--id oder --terminal angeben / give --id or --terminal") }
            let pending = try await TerminalEnrolments.pending(terminal: TerminalID(rawValue: terminal), store: store)
            guard pending.count == 1, let only = pending.first else {
                throw ValidationError(
                    pending.isEmpty
                        ? "Keine offene Anfrage von / no pending request from \(terminal)"
                        : "Mehrere offene Anfragen von \(terminal); mit --id wählen / several pending requests; choose with --id: "
                            + pending.map(\.id.uuidString).joined(separator: ", "))
            }
            return only
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a pending request with the site CA. Compare the key fingerprint with the one the terminal shows first.")
        @OptionGroup var database: DatabaseOption
        @OptionGroup var selection: Selection
        @ArgumentParser.Option(help: "The TLS folder with the CA key.") var tlsDir: String

        func run() async throws {
            let authority: SiteAuthority
            do {
                authority = try SiteAuthority.load(files: SiteAuthority.Files(directory: tlsDir))
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(66)
            }
            let store = try await database.open()
            let enrolment = try await selection.enrolment(store)
            do {
                let issued = try await TerminalEnrolments.approve(id: enrolment.id, authority: authority, store: store, by: TerminalCommand.actor, at: Date())
                print("Freigegeben / approved: \(issued.terminal.rawValue), Schlüssel / key \(issued.keyFingerprint)")
                print("  Seriennummer / serial \(issued.serial), gültig bis / valid until \(issued.notAfter.formatted(.iso8601))")
            } catch {
                throw TerminalCommand.failure(error)
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a pending request.")
        @OptionGroup var database: DatabaseOption
        @OptionGroup var selection: Selection

        func run() async throws {
            let store = try await database.open()
            let enrolment = try await selection.enrolment(store)
            do {
                try await store.rejectEnrolment(id: enrolment.id, by: TerminalCommand.actor, at: Date())
                print("Abgelehnt / rejected: \(enrolment.terminal.rawValue) \(enrolment.id.uuidString)")
            } catch {
                throw TerminalCommand.failure(error)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a terminal's certificates (or one by --serial); central refuses them from the next request on.")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Option(help: "The terminal.") var terminal: String
        @ArgumentParser.Option(help: "Only this serial (hex, from 'terminal list').") var serial: String?

        func run() async throws {
            let store = try await database.open()
            let count = try await store.revokeCertificates(terminal: TerminalID(rawValue: terminal), serial: serial, by: TerminalCommand.actor, at: Date())
            print("Widerrufen / revoked: \(count)")
            if count == 0 { throw ExitCode(1) }
        }
    }

    /// A refusal as a message and exit status 1; anything else as it is.
    static func failure(_ error: any Error) -> any Error {
        let message: String
        switch error {
        case let refusal as IdentityRefusal:
            switch refusal {
            case .unknownEnrolment: message = "Unbekannte Anfrage / unknown request"
            case .alreadyDecided(let state): message = "Schon entschieden / already decided: \(state.rawValue)"
            case .tooManyPending: message = "Zu viele offene Anfragen / too many pending requests"
            }
        case let error as IdentityError:
            message = "\(error)"
        default:
            return error
        }
        FileHandle.standardError.write(Data("kiosk-central: \(message)\n".utf8))
        return ExitCode(1)
    }
}

import ArgumentParser
import Foundation
import KioskCentral
import KioskCore
import QRCode

/// `kiosk-central client add NAME`: a system client (booking system, import job) for the import API.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "System clients of the import API.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a client (or give it a new token) and print its token once; only the token's digest is stored.")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Argument(help: "Client name, e.g. zms or csv-import.") var name: String

        func run() async throws {
            guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw ValidationError("Name: 1-64 Zeichen a-z 0-9 - _ / name: 1-64 of a-z 0-9 - _")
            }
            let token = StaffToken.generate()
            try await database.open().putSystemClient(name: name, tokenDigest: StaffToken.digest(token), at: Date())
            print(token)
        }
    }
}

/// `kiosk-central site-key`: the key that signs check-in codes of towns without a booking system.
struct SiteKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site-key", abstract: "Signed check-in codes: make the site key, sign a code.", subcommands: [Generate.self, Code.self],
        defaultSubcommand: Generate.self)

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new Ed25519 site key (mode 0600); give it to 'serve --site-key'.")
        @ArgumentParser.Option(help: "Key file to create.") var out: String = "site-key"

        func run() throws {
            do {
                try CheckInSigner.generateFile(at: out)
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(73)
            }
            print("site key written to \(out)")
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the signed check-in code of an appointment; with --svg also its QR code for a letter or e-mail.")
        @ArgumentParser.Argument(help: "Appointment id.") var id: String
        @ArgumentParser.Option(help: "The appointment's day, YYYY-MM-DD.") var day: String
        @ArgumentParser.Option(help: "Site id as in the catalog's site.id.") var site: String
        @ArgumentParser.Option(help: "Key file from 'site-key generate'.") var siteKey: String = "site-key"
        @ArgumentParser.Option(help: "Write the QR code as SVG to this file.") var svg: String?

        func run() throws {
            guard let businessDay = BusinessDay(iso: day) else { throw ValidationError("--day JJJJ-MM-TT / YYYY-MM-DD") }
            guard AppointmentImportRow.isValidID(id) else { throw ValidationError("Termin-ID ungültig / invalid appointment id") }
            let signer: CheckInSigner
            do {
                signer = try CheckInSigner.load(path: siteKey, site: site)
            } catch {
                FileHandle.standardError.write(Data("kiosk-central: \(error)\n".utf8))
                throw ExitCode(66)
            }
            let code = signer.code(for: AppointmentID(rawValue: id), day: businessDay)
            if let svg {
                let symbol = try QRCode(text: code.text, errorCorrection: .medium)
                try Data(symbol.svg(pixelsPerModule: 6).utf8).write(to: URL(fileURLWithPath: svg))
            }
            print(code.text)
        }
    }
}

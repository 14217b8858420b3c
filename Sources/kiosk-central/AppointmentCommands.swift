import ArgumentParser
import Foundation
import KioskCentral
import KioskCore

/// `kiosk-central appointment`: add and cancel appointments by hand (demo and tests; imports come separately).
struct AppointmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointment", abstract: "Add or cancel an appointment (demo and tests).", subcommands: [Add.self, Cancel.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or replace an appointment checked in with --process and --key, or with --booking.")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Option(help: "Appointment id; a new one is made when missing.") var id: String?
        @ArgumentParser.Option(help: "Site id as in the catalog's site.id.") var site: String
        @ArgumentParser.Option(help: "Service id.") var service: String
        @ArgumentParser.Option(help: "Local start at the site, e.g. 2026-11-23T09:30.") var start: String
        @ArgumentParser.Option(help: "Minutes.") var duration: Int = 15
        @ArgumentParser.Option(help: "Process number of the confirmation (with --key).") var process: String?
        @ArgumentParser.Option(help: "Authentication key of the process number.") var key: String?
        @ArgumentParser.Option(help: "Booking reference.") var booking: String?
        @ArgumentParser.Option(help: "The site's time zone.") var timeZone: String = "Europe/Berlin"

        func validate() throws {
            guard (process == nil) == (key == nil) else {
                throw ValidationError("--process und --key nur zusammen / --process and --key go together")
            }
            guard process != nil || booking != nil else {
                throw ValidationError("--process/--key oder --booking angeben / give --process/--key or --booking")
            }
            guard (1...480).contains(duration) else { throw ValidationError("--duration: 1...480") }
        }

        func run() async throws {
            guard let calendar = SiteCalendar(timeZoneIdentifier: timeZone) else {
                throw ValidationError("Unbekannte Zeitzone / unknown time zone: \(timeZone)")
            }
            let parts = start.split(separator: "T", omittingEmptySubsequences: false)
            guard parts.count == 2, let day = BusinessDay(iso: String(parts[0])), let time = TimeOfDay(String(parts[1])) else {
                throw ValidationError("--start wie / like 2026-11-23T09:30")
            }
            let appointment = Appointment(
                id: AppointmentID(rawValue: id ?? UUID().uuidString.lowercased()), service: ServiceID(rawValue: service),
                start: calendar.instant(of: time, on: day), durationMinutes: duration, processNumber: process, authKey: key,
                bookingReference: booking)
            try await database.open().putAppointment(appointment, site: site, day: day)
            print("appointment \(appointment.id) saved")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a booked appointment.")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Argument(help: "Appointment id.") var id: String

        func run() async throws {
            guard let stored = try await database.open().cancelAppointment(AppointmentID(rawValue: id)) else {
                FileHandle.standardError.write(Data("kiosk-central: Termin unbekannt / unknown appointment: \(id)\n".utf8))
                throw ExitCode(66)
            }
            print("appointment \(id): \(stored.state.rawValue)")
        }
    }
}

/// `kiosk-central collection`: the collection status of ID documents (demo and tests; imports come separately).
struct CollectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collection", abstract: "Set the collection status of an ID document application.", subcommands: [SetStatus.self])

    struct SetStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Record an application's document kind and state.")
        @OptionGroup var database: DatabaseOption
        @ArgumentParser.Argument(help: "Application number as on the collection receipt.") var number: String
        @ArgumentParser.Option(help: "personalausweis, reisepass or aufenthaltstitel.") var kind: String
        @ArgumentParser.Option(help: "in-production, ready or collected.") var state: String

        func run() async throws {
            guard ApplicationNumber.isValid(number) else {
                throw ValidationError("Antragsnummer: 1-32 Zeichen A-Z a-z 0-9 - / application number: 1-32 of A-Z a-z 0-9 -")
            }
            guard let kind = DocumentKind(rawValue: kind) else {
                throw ValidationError("--kind: \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let state = CollectionState(rawValue: state) else {
                throw ValidationError("--state: \(CollectionState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await database.open().setCollection(applicationNumber: number, kind: kind, state: state, at: Date())
            print("collection \(number): \(kind.rawValue) \(state.rawValue)")
        }
    }
}

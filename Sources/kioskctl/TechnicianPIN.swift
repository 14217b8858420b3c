import ArgumentParser
import Foundation
import KioskApp

/// `kioskctl technician-pin`: sets the PIN that opens the technician menu on the kiosk (bcrypt hash in terminal.yaml).
struct TechnicianPINCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "technician-pin",
        abstract: "Set the technician PIN (6 to 12 digits, read from standard input); terminal.yaml keeps only its bcrypt hash.")

    @OptionGroup var options: TerminalOptions

    func run() throws {
        guard let pin = readLine(strippingNewline: true), TechnicianPIN.isAcceptable(pin) else {
            throw ValidationError("6 bis 12 Ziffern auf stdin / 6 to 12 digits on stdin")
        }
        let url = URL(fileURLWithPath: options.config)
        let text = try String(contentsOf: url, encoding: .utf8)
        let updated = TechnicianPIN.settingHash(TechnicianPIN.hash(pin), in: text)
        try Data(updated.utf8).write(to: url, options: .atomic)
        // Validates what was written: the kiosk must be able to read it back.
        _ = try options.load()
        print("Techniker-PIN gesetzt / technician PIN set: \(options.config) (kioskd neu starten / restart kioskd)")
    }
}

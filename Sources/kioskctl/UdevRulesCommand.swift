import ArgumentParser
import Devices
import Foundation
import KioskCore

/// `kioskctl udev-rules`: prints the udev rules for the device catalog (install as /etc/udev/rules.d/70-rathaus-kiosk.rules).
struct UdevRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev-rules", abstract: "Print the udev rules that let the kiosk user open the catalog's USB devices.")

    @ArgumentParser.Option(help: "The device catalog folder.") var devices: String = "Devices"

    func run() throws {
        do {
            print(UdevRules.render(try DeviceCatalog.load(directory: URL(fileURLWithPath: devices))), terminator: "")
        } catch {
            throw ValidationError(error.description)
        }
    }
}

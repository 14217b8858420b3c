import ArgumentParser
import Foundation
import KioskApp

/// `kioskctl screenshot OUT.png`: the running kioskd's current screen, as the pixel renderer draws it.
struct ScreenshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screenshot", abstract: "Write the running kiosk's current screen to a PNG file.")

    @OptionGroup var options: TerminalOptions
    @Argument(help: "The PNG file to write.") var output: String

    func run() throws {
        let loaded = try options.load()
        let socket = loaded.databaseURL.deletingLastPathComponent().appendingPathComponent(ControlSocket.fileName).path
        let png: [UInt8]
        do {
            png = try ControlSocket.screenshot(path: socket)
        } catch {
            throw ValidationError(error.description)
        }
        do {
            try Data(png).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("\(output) nicht schreibbar / not writable: \(error.localizedDescription)")
        }
        print("\(output): \(png.count) Bytes")
    }
}

import Foundation
import KioskApp
import KioskCore

/// The repository's example site (`Kiosk/example/terminal.yaml`) as the flow tests run it: its database and printer
/// output in a directory of the test's own, and no central, so the terminal grants its own numbers (sync is tested
/// in KioskSyncTests).
enum ExampleSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// Loads the example site standalone, with `directory` (created here) holding its database and printer output.
    static func standalone(in directory: URL) throws -> SiteLoader.Loaded {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var loaded = try SiteLoader.load(configuration: repository.appendingPathComponent("Kiosk/example/terminal.yaml"))
        loaded.databaseURL = directory.appendingPathComponent("kiosk.sqlite")
        loaded.printerOutputURL = directory.appendingPathComponent("printer.bin")
        loaded.settings.configuration.central = nil
        return loaded
    }
}

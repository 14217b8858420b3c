public import Foundation

/// The package's executables as `swift build` left them beside the running test bundle.
public enum BuiltProducts {
    /// The URL of an executable product, or nil when it has not been built.
    public static func executable(_ name: String) -> URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }
}

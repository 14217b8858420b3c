public import Foundation
import Logging

/// What the device probes share: the executables the umockdev tests run (umockdev works by LD_PRELOAD, so the
/// real driver needs a process of its own). Options from the command line, logs on stderr, events as JSON lines
/// on stdout, and a deadline.
public enum DeviceProbe {
    /// The value after `name` on the command line, if any.
    public static func option(_ name: String) -> String? {
        let arguments = CommandLine.arguments
        return arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }

    /// Logs go to stderr at warning level, or debug with `PROBE_LOG` set, so stdout holds only event lines.
    public static func bootstrapLogging() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["PROBE_LOG"] == nil ? .warning : .debug
            return handler
        }
    }

    /// Writes one JSON object as a line, unbuffered, so a killed probe has printed all it saw.
    @Sendable public static func line(_ fields: [String: Any]) {
        var data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        data.append(0x0A)
        FileHandle.standardOutput.write(data)
    }

    /// Ends the process with status 3 and a `timeout` line once `seconds` have passed.
    public static func startDeadline(seconds: Double) {
        let watchdog = Thread {
            Thread.sleep(forTimeInterval: seconds)
            line(["event": "timeout"])
            exit(3)
        }
        watchdog.start()
    }
}

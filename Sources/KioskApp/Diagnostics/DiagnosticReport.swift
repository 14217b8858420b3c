public import Foundation
public import KioskCore

/// What `kioskctl diag` and the technician menu show: every device, the USB bus, recent errors and the sync.
/// Holds no personal data: device states, ids, counts, times and log lines (which never carry any).
public struct DiagnosticReport: Sendable, Codable, Equatable {
    /// How a device is.
    public enum Level: String, Sendable, Codable, Equatable {
        /// Works.
        case ok
        /// Works, needs attention soon.
        case warning
        /// Does not work.
        case error
        /// Not configured on this terminal.
        case absent
    }

    /// One device's state.
    public struct Device: Sendable, Codable, Equatable {
        /// printer, scanner, signature-pad, card-reader, display.
        public var kind: String
        /// What it is, e.g. "cups:ticket (epson-tm-t20)" or "honeywell-voyager-1450g".
        public var name: String
        /// Its state.
        public var level: Level
        /// Why, for a technician, German.
        public var detailDE: String
        /// Why, for a technician, English.
        public var detailEN: String
    }

    /// One USB device and the catalog model it is, if any.
    public struct USBEntry: Sendable, Codable, Equatable {
        /// "vvvv:pppp".
        public var id: String
        /// Bus and address, e.g. "001/004".
        public var position: String
        /// The `Devices/` catalog model with these ids; nil: not a kiosk device.
        public var model: String?
        /// The model's kind.
        public var kind: String?
    }

    /// The outbox and the central service.
    public struct Sync: Sendable, Codable, Equatable {
        /// Central's URL; nil for a standalone terminal.
        public var central: String?
        /// Events not yet acknowledged.
        public var outboxPending: Int
        /// The oldest of them.
        public var oldestPending: Date?
        /// The highest sequence recorded.
        public var lastSequence: Int64
        /// When central last acknowledged an event.
        public var lastAcknowledged: Date?
    }

    /// The terminal's id.
    public var terminal: String
    /// When the report was made.
    public var generatedAt: Date
    /// Every device kind.
    public var devices: [Device]
    /// The USB bus; nil when libusb could not be asked.
    public var usb: [USBEntry]?
    /// Why the USB bus could not be listed.
    public var usbProblem: String?
    /// The last warnings and errors from the log.
    public var recentErrors: [String]
    /// Sync status; nil without a database.
    public var sync: Sync?
    /// Device tests run for this report.
    public var tests: [DeviceTestResult]

    /// Plain text with German and English headings.
    public var text: String {
        var lines = ["Terminal: \(terminal)   \(generatedAt.formatted(.iso8601))", "", "Geräte / Devices:"]
        for device in devices {
            lines.append(
                "  \(device.kind.padding(toLength: 14, withPad: " ", startingAt: 0)) \(device.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(device.name)")
            lines.append("      \(device.detailDE) / \(device.detailEN)")
        }
        if !tests.isEmpty {
            lines += ["", "Tests:"]
            for test in tests {
                lines.append("  \(test.kind.padding(toLength: 14, withPad: " ", startingAt: 0)) \(test.passed ? "bestanden/passed" : "FEHLER/FAILED")")
                lines.append("      \(test.detailDE) / \(test.detailEN)")
            }
        }
        lines += ["", "USB-Geräte / USB devices:"]
        if let usb {
            for entry in usb {
                lines.append("  \(entry.position)  \(entry.id)  \(entry.model.map { "\($0) (\(entry.kind ?? ""))" } ?? "-")")
            }
            if usb.isEmpty { lines.append("  (keine / none)") }
        } else {
            lines.append("  \(usbProblem ?? "-")")
        }
        lines += ["", "Synchronisation / sync:"]
        if let sync {
            lines.append("  Zentrale/central:   \(sync.central ?? "keine / none (standalone)")")
            lines.append("  Ausstehend/pending: \(sync.outboxPending)\(sync.oldestPending.map { " (älteste/oldest \($0.formatted(.iso8601)))" } ?? "")")
            lines.append("  Letzte Sequenz/last sequence: \(sync.lastSequence)")
            lines.append("  Letzte Bestätigung/last ack:  \(sync.lastAcknowledged.map { $0.formatted(.iso8601) } ?? "-")")
        } else {
            lines.append("  Keine Datenbank / no database")
        }
        lines += ["", "Letzte Fehler / recent errors:"]
        lines += recentErrors.isEmpty ? ["  (keine / none)"] : recentErrors.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}

/// The outcome of one device test.
public struct DeviceTestResult: Sendable, Codable, Equatable {
    /// printer, scanner, signature, card.
    public var kind: String
    /// Whether the device did what was asked.
    public var passed: Bool
    /// What happened, German.
    public var detailDE: String
    /// What happened, English.
    public var detailEN: String

    /// A result with its message.
    public init(kind: String, passed: Bool, _ message: Message) {
        self.kind = kind
        self.passed = passed
        detailDE = message[.german]
        detailEN = message[.english]
    }

    /// The message again, for screens.
    public var message: Message { Message(de: detailDE, en: detailEN) }
}

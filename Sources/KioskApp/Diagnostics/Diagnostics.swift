import CardReader
import Devices
public import Foundation
import KioskCore
import KioskStore
public import Logging
import Printing
import USBDevices

/// Builds the ``DiagnosticReport`` from what a terminal has: its configuration, its database, its log, the
/// printer (CUPS or the emulated twin), the USB bus, pcscd and the display. Opens no device exclusively, so it
/// works beside a running kioskd.
public enum Diagnostics {
    /// Reads every source; `logFile` is kioskd's log (default beside the database), `now` the report's time.
    public static func collect(
        loaded: SiteLoader.Loaded, logFile: URL? = nil, tests: [DeviceTestResult] = [], logger: Logger, now: Date = Date()
    ) async -> DiagnosticReport {
        let configuration = loaded.settings.configuration
        var usb: [DiagnosticReport.USBEntry]?
        var usbProblem: String?
        var seen: [USBDeviceSeen] = []
        do {
            seen = try USBInventory.list()
            usb = seen.map { device in
                let model = loaded.devices.models.values.first { $0.usb?.vendor == device.vendor && $0.usb?.product == device.product }
                return DiagnosticReport.USBEntry(
                    id: "\(device.vendor):\(device.product)", position: String(format: "%03d/%03d", device.bus, device.address),
                    model: model?.id, kind: model?.kind.rawValue)
            }
        } catch {
            usbProblem = error.description
        }
        var devices = [await printer(loaded: loaded, logger: logger)]
        devices.append(scanner(loaded: loaded, seen: seen, usbListed: usb != nil))
        devices.append(signaturePad(loaded: loaded, seen: seen, usbListed: usb != nil))
        devices.append(cardReader(enabled: configuration.cardReaderPCSC))
        devices.append(display())
        return DiagnosticReport(
            terminal: configuration.terminal.rawValue, generatedAt: now, devices: devices, usb: usb, usbProblem: usbProblem,
            recentErrors: recentErrors(logFile: logFile ?? defaultLogFile(loaded)), sync: sync(loaded: loaded, logger: logger),
            tests: tests)
    }

    /// kioskd's default log: `kioskd.log` beside the database.
    public static func defaultLogFile(_ loaded: SiteLoader.Loaded) -> URL {
        loaded.databaseURL.deletingLastPathComponent().appendingPathComponent("kioskd.log")
    }

    static func device(_ kind: String, _ name: String, _ level: DiagnosticReport.Level, _ message: Message) -> DiagnosticReport.Device {
        DiagnosticReport.Device(kind: kind, name: name, level: level, detailDE: message[.german], detailEN: message[.english])
    }

    static func printer(loaded: SiteLoader.Loaded, logger: Logger) async -> DiagnosticReport.Device {
        let printer = PrinterSetup.printer(for: loaded, logger: logger).0
        let status = await printer.status()
        let level: DiagnosticReport.Level =
            switch status.severity {
            case .ok: .ok
            case .warning: .warning
            case .error: .error
            }
        let conditions = status.conditions.map(\.message)
        let message =
            conditions.isEmpty
            ? Message(de: "Bereit.", en: "Ready.")
            : Message(de: conditions.map { $0[.german] }.joined(separator: " "), en: conditions.map { $0[.english] }.joined(separator: " "))
        return device("printer", "\(printer.identifier) (\(printer.profile.id))", level, message)
    }

    static func scanner(loaded: SiteLoader.Loaded, seen: [USBDeviceSeen], usbListed: Bool) -> DiagnosticReport.Device {
        switch loaded.scanner {
        case nil:
            return device("scanner", "-", .absent, Message(de: "Nicht konfiguriert.", en: "Not configured."))
        case .emulated(let fifo)?:
            let exists = FileManager.default.fileExists(atPath: fifo.path)
            return device(
                "scanner", "emulated:\(fifo.lastPathComponent)", exists ? .ok : .warning,
                exists
                    ? Message(de: "Emulierter Scanner, Pipe vorhanden.", en: "Emulated scanner, pipe present.")
                    : Message(de: "Emulierter Scanner, Pipe fehlt (kioskd legt sie an).", en: "Emulated scanner, pipe missing (kioskd creates it)."))
        case .usb(let model)?:
            return usbDevice("scanner", model: model, seen: seen, usbListed: usbListed)
        }
    }

    static func usbDevice(_ kind: String, model: DeviceModel, seen: [USBDeviceSeen], usbListed: Bool) -> DiagnosticReport.Device {
        guard usbListed else {
            return device(kind, model.id, .warning, Message(de: "USB nicht abfragbar.", en: "USB could not be listed."))
        }
        let present = seen.contains { $0.vendor == model.usb?.vendor && $0.product == model.usb?.product }
        return device(
            kind, model.id, present ? .ok : .error,
            present
                ? Message(de: "Am USB gefunden: \(model.name).", en: "Found on USB: \(model.name).")
                : Message(de: "Nicht am USB: \(model.name). Kabel prüfen.", en: "Not on USB: \(model.name). Check the cable."))
    }

    /// The terminal's configuration names no pad: any pad of the catalog on the bus is the one.
    static func signaturePad(loaded: SiteLoader.Loaded, seen: [USBDeviceSeen], usbListed: Bool) -> DiagnosticReport.Device {
        let pads = loaded.devices.models.values.filter { $0.kind == .signaturePad }.sorted { $0.id < $1.id }
        if let model = pads.first(where: { pad in seen.contains { $0.vendor == pad.usb?.vendor && $0.product == pad.usb?.product } }) {
            return usbDevice("signature-pad", model: model, seen: seen, usbListed: usbListed)
        }
        return device("signature-pad", "-", .absent, Message(de: "Kein Pad des Katalogs am USB.", en: "No catalog pad on USB."))
    }

    static func cardReader(enabled: Bool) -> DiagnosticReport.Device {
        guard enabled else { return device("card-reader", "-", .absent, Message(de: "Nicht konfiguriert.", en: "Not configured.")) }
        do {
            let survey = try CardSurvey.take()
            guard !survey.readers.isEmpty else {
                return device("card-reader", "pcscd", .error, Message(de: "pcscd meldet keinen Leser.", en: "pcscd reports no reader."))
            }
            let names = survey.readers.map { "\($0.name)\($0.cardPresent ? " [Karte/card]" : "")" }.joined(separator: ", ")
            return device("card-reader", "pcscd", .ok, Message(de: "Leser: \(names)", en: "Readers: \(names)"))
        } catch {
            return device("card-reader", "pcscd", .error, error.message)
        }
    }

    /// The framebuffer if the machine has one; kioskd draws on the terminal otherwise.
    static func display() -> DiagnosticReport.Device {
        if FileManager.default.fileExists(atPath: "/dev/fb0") {
            return device("display", "/dev/fb0", .ok, Message(de: "Framebuffer vorhanden.", en: "Framebuffer present."))
        }
        return device(
            "display", "terminal", .ok, Message(de: "Kein Framebuffer; Anzeige im Terminal.", en: "No framebuffer; terminal display."))
    }

    /// The last 20 warning, error and critical lines of the log (kioskd keeps personal data out of its log).
    static func recentErrors(logFile: URL) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: logFile) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        // The tail is enough: a day's log can be large, and only the latest problems matter here.
        try? handle.seek(toOffset: size > 256 * 1024 ? size - 256 * 1024 : 0)
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let lines = text.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            return fields.count > 1 && ["warning", "error", "critical"].contains(fields[1])
        }
        return lines.suffix(20).map(String.init)
    }

    static func sync(loaded: SiteLoader.Loaded, logger: Logger) -> DiagnosticReport.Sync? {
        guard FileManager.default.fileExists(atPath: loaded.databaseURL.path),
            let store = try? KioskStore(path: loaded.databaseURL.path, terminal: loaded.settings.configuration.terminal, logger: logger),
            let backlog = try? store.backlog()
        else { return nil }
        return DiagnosticReport.Sync(
            central: loaded.settings.configuration.central?.url, outboxPending: backlog.pending, oldestPending: backlog.oldestPending,
            lastSequence: backlog.lastSequence, lastAcknowledged: try? store.lastAcknowledgedAt())
    }
}

import Yams

/// One terminal's settings from its `terminal.yaml`; paths are as written (relative to the file).
public struct TerminalConfiguration: Hashable, Sendable {
    /// This terminal's id.
    public var terminal: TerminalID
    /// Path of the service catalog.
    public var catalogPath: String
    /// Path of the SQLite database.
    public var databasePath: String
    /// Folder with one text file per language.
    public var textsPath: String
    /// Folder of the device catalog.
    public var devicesPath: String
    /// Language the home screen starts in.
    public var defaultLanguage: Language
    /// Seconds without input before a screen returns home.
    public var idleTimeoutSeconds: Int
    /// Counters assumed open until the central service reports them.
    public var openCounters: Int
    /// Numbers a standalone terminal grants itself at a time.
    public var numberBlockSize: Int
    /// Printed as QR code on tickets, followed by the ticket id.
    public var followLinkBase: String
    /// The printer.
    public var printer: PrinterSettings
    /// The central service; nil for a standalone terminal that grants its own numbers.
    public var central: CentralConnection?
    /// Path of the site's rules for scanned codes (`codes.yaml`); nil: the terminal recognises no codes.
    public var codesPath: String? = nil
    /// The barcode scanner; nil: the terminal has none.
    public var scanner: ScannerSettings? = nil
    /// Whether the terminal watches pcscd's card readers for the ID card's PIN service (`cardReader: { kind: pcsc }`).
    public var cardReaderPCSC = false
    /// Days personal data stays on the terminal after central acknowledged it (`retention: { days: N }`);
    /// 0 deletes it at the next retention run.
    public var retentionDays = 1
    /// The signature pad for SEPA mandates; nil: the terminal has none and offers no direct debit.
    public var signaturePad: SignaturePadSettings? = nil

    /// Signature pad settings (`signaturePad:`).
    public struct SignaturePadSettings: Hashable, Sendable {
        /// How the pad is reached.
        public enum Kind: Hashable, Sendable {
            /// The emulated twin signs a sample signature by itself; the optional control file (as written) holds
            /// `sign`, `cancel` or `unplug` for what the next capture does.
            case emulated(control: String?)
            /// A USB pad of this `Devices/` catalog model, driven over libusb.
            case usb(model: String)
        }

        /// How the pad is reached.
        public var kind: Kind
    }
    /// Where the screens are shown (`display:`); the terminal unless configured.
    public var display = DisplaySettings()
    /// The touch panel (`touch:`); nil: no touch.
    public var touch: TouchSettings? = nil
    /// Evdev keyboards and tactile keypads (`keypad: {device: ...}` or `devices: [...]`) read besides the terminal.
    public var keypads: [String] = []
    /// The evdev node whose `SW_HEADPHONE_INSERT` switch says headphones are in (`headphones: {device: ...}`);
    /// nil: only the F5 stand-in switches headphone mode.
    public var headphoneJack: String? = nil
    /// Where kioskd serves its Prometheus metrics (`metrics: { listen: "127.0.0.1:9464" }`); nil: `listen: off`.
    public var metrics: LoopbackEndpoint? = LoopbackEndpoint(host: "127.0.0.1", port: 9464)
    /// The bcrypt hash of the technician PIN (`technician: { pinHash: ... }`, set by `kioskctl technician-pin`);
    /// nil: the technician menu cannot be opened on the kiosk.
    public var technicianPINHash: String? = nil

    /// A host and port on the loopback interface: what is served there is for this machine only.
    public struct LoopbackEndpoint: Hashable, Sendable {
        /// 127.0.0.1 (or another 127.x address), ::1 or localhost.
        public var host: String
        /// The TCP port.
        public var port: Int

        /// Creates an endpoint; the configuration parser checks that the host is a loopback one.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// Whether `host` names the loopback interface.
        public static func isLoopback(_ host: String) -> Bool {
            host == "localhost" || host == "::1" || (host.hasPrefix("127.") && host.split(separator: ".").count == 4)
        }
    }

    /// Scanner settings (`scanner:`).
    public struct ScannerSettings: Hashable, Sendable {
        /// How the scanner is reached.
        public enum Kind: Hashable, Sendable {
            /// The emulated twin: one scan per line written to the named pipe at this path (as written).
            case emulated(fifo: String)
            /// A USB scanner of this `Devices/` catalog model, driven over libusb.
            case usb(model: String)
        }

        /// How the scanner is reached.
        public var kind: Kind
    }

    /// How the terminal reaches its central service.
    public struct CentralConnection: Hashable, Sendable {
        /// Base URL, e.g. "http://127.0.0.1:8480".
        public var url: String
        /// Seconds between sync rounds when nothing nudges the pump.
        public var syncIntervalSeconds: Int
        /// Numbers held beyond one block per queue, to keep issuing while the central service is unreachable.
        public var offlineReserve: Int
        /// The terminal's identity for mutual TLS; nil when central is reached over plain HTTP.
        public var tls: IdentityFiles?
    }

    /// Where the terminal keeps its identity (`central.tls`), written by `kioskctl enrol`; paths as written.
    public struct IdentityFiles: Hashable, Sendable {
        /// The private key (PEM, mode 0600); it never leaves the terminal.
        public var key: String
        /// The certificate chain central issued (PEM).
        public var certificate: String
        /// The site CA certificate that central's server certificate must chain to (PEM).
        public var ca: String

        /// Creates the paths.
        public init(key: String, certificate: String, ca: String) {
            self.key = key
            self.certificate = certificate
            self.ca = ca
        }
    }

    /// Printer settings.
    public struct PrinterSettings: Hashable, Sendable {
        /// "emulated" (bytes to a file) or "cups" (a raw CUPS queue).
        public var kind: String
        /// Output file of the emulated printer.
        public var output: String
        /// Profile id from the device catalog.
        public var profile: String
        /// CUPS server as "host:port" (kind cups).
        public var server: String = "localhost:631"
        /// CUPS queue name (kind cups).
        public var queue: String?
        /// The printer's raw port as "host:port" for DLE EOT status (kind cups, network printers); nil: CUPS only.
        public var status: String?
        /// Seconds a job may take before it is cancelled (kind cups).
        public var jobTimeoutSeconds: Int = 30
        /// Seconds between status polls for the health report.
        public var statusIntervalSeconds: Int = 30
    }

    /// Parses and validates the YAML text of a terminal configuration.
    public static func parse(yaml: String, source: String) throws(CatalogError) -> TerminalConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLReader.syntaxError(error, source: source)
        }
        let parser = YAMLReader(source: source)
        guard let root else {
            throw parser.fail(nil, de: "Die Datei ist leer.", en: "The file is empty.")
        }
        let top = try parser.mapping(root, "Die Datei")
        let terminalNode = try parser.required(top, "terminal", in: root, "Datei")
        let terminal = try parser.mapping(terminalNode, "terminal")
        func text(_ map: Node.Mapping, _ key: String, default value: String) throws(CatalogError) -> String {
            guard let node = map[key] else { return value }
            return try parser.string(node, key)
        }
        func number(_ map: Node.Mapping, _ key: String, default value: Int, range: ClosedRange<Int>) throws(CatalogError) -> Int {
            guard let node = map[key] else { return value }
            return try parser.integer(node, key, range: range)
        }
        let languageCode = try text(terminal, "defaultLanguage", default: "de")
        guard let language = Language(rawValue: languageCode) else {
            throw parser.fail(
                terminal["defaultLanguage"], de: "Unbekannte Sprache '\(languageCode)'.", en: "Unknown language '\(languageCode)'.")
        }
        var printer = PrinterSettings(kind: "emulated", output: "printer.bin", profile: "epson-tm-t20")
        if let printerNode = top["printer"] {
            let map = try parser.mapping(printerNode, "printer")
            printer.kind = try text(map, "kind", default: printer.kind)
            guard ["emulated", "cups"].contains(printer.kind) else {
                throw parser.fail(
                    map["kind"], de: "Druckerart '\(printer.kind)' ist unbekannt (erlaubt: emulated, cups).",
                    en: "Printer kind '\(printer.kind)' is unknown (allowed: emulated, cups).")
            }
            printer.output = try text(map, "output", default: printer.output)
            printer.profile = try text(map, "profile", default: printer.profile)
            func endpoint(_ key: String) throws(CatalogError) -> String? {
                guard let node = map[key] else { return nil }
                let value = try parser.string(node, "printer.\(key)")
                let parts = value.split(separator: ":", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.count == 1 || Int(parts[1]).map({ (1...65535).contains($0) }) == true else {
                    throw parser.fail(
                        node, de: "printer.\(key) erwartet host:port, z. B. 192.168.1.50:9100.",
                        en: "printer.\(key) expects host:port, e.g. 192.168.1.50:9100.")
                }
                return value
            }
            printer.server = try endpoint("server") ?? printer.server
            printer.status = try endpoint("status")
            if let node = map["queue"] {
                let queue = try parser.string(node, "printer.queue")
                // What CUPS accepts in a queue name and needs no escaping in an IPP URI or a shell.
                let allowed = !queue.isEmpty && queue.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
                }
                guard allowed else {
                    throw parser.fail(
                        node, de: "printer.queue '\(queue)' darf nur A-Z, a-z, 0-9, -, _ und . enthalten.",
                        en: "printer.queue '\(queue)' may only contain A-Z, a-z, 0-9, -, _ and .")
                }
                printer.queue = queue
            }
            printer.jobTimeoutSeconds = try number(map, "jobTimeoutSeconds", default: printer.jobTimeoutSeconds, range: 2...600)
            printer.statusIntervalSeconds = try number(
                map, "statusIntervalSeconds", default: printer.statusIntervalSeconds, range: 1...3600)
            if printer.kind == "cups", printer.queue == nil {
                throw parser.fail(
                    printerNode, de: "printer.queue fehlt: der Name der CUPS-Warteschlange (lpstat -p).",
                    en: "printer.queue is missing: the CUPS queue's name (lpstat -p).")
            }
        }
        var central: CentralConnection?
        if let centralNode = top["central"] {
            let map = try parser.mapping(centralNode, "central")
            let urlNode = try parser.required(map, "url", in: centralNode, "central")
            let url = try parser.string(urlNode, "central.url")
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw parser.fail(
                    urlNode, de: "central.url muss mit http:// oder https:// beginnen.", en: "central.url must start with http:// or https://.")
            }
            var tls: IdentityFiles?
            if let tlsNode = map["tls"] {
                let files = try parser.mapping(tlsNode, "central.tls")
                tls = IdentityFiles(
                    key: try text(files, "key", default: "identity/terminal-key.pem"),
                    certificate: try text(files, "certificate", default: "identity/terminal.pem"),
                    ca: try text(files, "ca", default: "identity/site-ca.pem"))
                guard url.hasPrefix("https://") else {
                    throw parser.fail(
                        urlNode, de: "Mit central.tls muss central.url mit https:// beginnen.",
                        en: "With central.tls, central.url must start with https://.")
                }
            }
            central = CentralConnection(
                url: url, syncIntervalSeconds: try number(map, "syncIntervalSeconds", default: 5, range: 1...3600),
                offlineReserve: try number(map, "offlineReserve", default: 40, range: 0...10_000), tls: tls)
        }
        var scanner: ScannerSettings?
        if let scannerNode = top["scanner"] {
            let map = try parser.mapping(scannerNode, "scanner")
            let kindNode = try parser.required(map, "kind", in: scannerNode, "scanner")
            switch try parser.string(kindNode, "scanner.kind") {
            case "emulated":
                scanner = ScannerSettings(kind: .emulated(fifo: try text(map, "fifo", default: "scanner.fifo")))
            case "usb":
                let model = try parser.identifier(try parser.required(map, "model", in: scannerNode, "scanner"), "scanner.model")
                scanner = ScannerSettings(kind: .usb(model: model))
            case "none":
                scanner = nil
            default:
                throw parser.fail(
                    kindNode, de: "scanner.kind: emulated, usb oder none.", en: "scanner.kind: emulated, usb or none.")
            }
        }
        var cardReaderPCSC = false
        if let readerNode = top["cardReader"] {
            let map = try parser.mapping(readerNode, "cardReader")
            let kindNode = try parser.required(map, "kind", in: readerNode, "cardReader")
            switch try parser.string(kindNode, "cardReader.kind") {
            case "pcsc": cardReaderPCSC = true
            case "none": cardReaderPCSC = false
            default:
                throw parser.fail(kindNode, de: "cardReader.kind: pcsc oder none.", en: "cardReader.kind: pcsc or none.")
            }
        }
        var retentionDays = 1
        if let retentionNode = top["retention"] {
            let map = try parser.mapping(retentionNode, "retention")
            retentionDays = try number(map, "days", default: retentionDays, range: 0...90)
        }
        var signaturePad: SignaturePadSettings?
        if let padNode = top["signaturePad"] {
            let map = try parser.mapping(padNode, "signaturePad")
            let kindNode = try parser.required(map, "kind", in: padNode, "signaturePad")
            switch try parser.string(kindNode, "signaturePad.kind") {
            case "emulated":
                let control = try map["control"].map { (node) throws(CatalogError) in try parser.string(node, "signaturePad.control") }
                signaturePad = SignaturePadSettings(kind: .emulated(control: control))
            case "usb":
                let model = try parser.identifier(try parser.required(map, "model", in: padNode, "signaturePad"), "signaturePad.model")
                signaturePad = SignaturePadSettings(kind: .usb(model: model))
            case "none":
                signaturePad = nil
            default:
                throw parser.fail(
                    kindNode, de: "signaturePad.kind: emulated, usb oder none.", en: "signaturePad.kind: emulated, usb or none.")
            }
        }
        let screen = try parseScreen(top, parser: parser)
        var metrics: LoopbackEndpoint? = LoopbackEndpoint(host: "127.0.0.1", port: 9464)
        if let metricsNode = top["metrics"] {
            let map = try parser.mapping(metricsNode, "metrics")
            if let listenNode = map["listen"] {
                let listen = try parser.string(listenNode, "metrics.listen")
                if listen == "off" {
                    metrics = nil
                } else {
                    // "host:port", with [::1]:port for IPv6.
                    let separator = listen.lastIndex(of: ":")
                    let host = separator.map { String(listen[..<$0].filter { $0 != "[" && $0 != "]" }) } ?? ""
                    let port = separator.flatMap { Int(listen[listen.index(after: $0)...]) }
                    guard let port, (1...65535).contains(port), LoopbackEndpoint.isLoopback(host) else {
                        throw parser.fail(
                            listenNode, de: "metrics.listen erwartet off oder eine Loopback-Adresse mit Port, z. B. 127.0.0.1:9464.",
                            en: "metrics.listen expects off or a loopback address with port, e.g. 127.0.0.1:9464.")
                    }
                    metrics = LoopbackEndpoint(host: host, port: port)
                }
            }
        }
        var technicianPINHash: String?
        if let technicianNode = top["technician"] {
            let map = try parser.mapping(technicianNode, "technician")
            if let hashNode = map["pinHash"] {
                let hash = try parser.string(hashNode, "technician.pinHash")
                // bcrypt's modular crypt format: $2a$, $2b$ or $2y$, cost, 53 characters of salt and hash.
                guard hash.count == 60, ["$2a$", "$2b$", "$2y$"].contains(String(hash.prefix(4))) else {
                    throw parser.fail(
                        hashNode, de: "technician.pinHash ist kein bcrypt-Hash; setzen Sie ihn mit kioskctl technician-pin.",
                        en: "technician.pinHash is not a bcrypt hash; set it with kioskctl technician-pin.")
                }
                technicianPINHash = hash
            }
        }
        var configuration = TerminalConfiguration(
            terminal: TerminalID(rawValue: try parser.identifier(try parser.required(terminal, "id", in: terminalNode, "terminal"), "terminal.id")),
            catalogPath: try text(terminal, "catalog", default: "services.yaml"),
            databasePath: try text(terminal, "database", default: "kiosk.sqlite"),
            textsPath: try text(terminal, "texts", default: "../texts"),
            devicesPath: try text(terminal, "devices", default: InstallLayout.devices),
            defaultLanguage: language,
            idleTimeoutSeconds: try number(terminal, "idleTimeoutSeconds", default: 60, range: 10...3600),
            openCounters: try number(terminal, "openCounters", default: 2, range: 0...100),
            numberBlockSize: try number(terminal, "numberBlockSize", default: 20, range: 1...1000),
            followLinkBase: try text(terminal, "followLinkBase", default: "https://kiosk.invalid/q/"),
            printer: printer, central: central,
            codesPath: try terminal["codes"].map { (node) throws(CatalogError) in try parser.string(node, "codes") },
            scanner: scanner, cardReaderPCSC: cardReaderPCSC, signaturePad: signaturePad, display: screen.display,
            touch: screen.touch, keypads: screen.keypads, headphoneJack: screen.headphoneJack, metrics: metrics, technicianPINHash: technicianPINHash)
        configuration.retentionDays = retentionDays
        return configuration
    }
}

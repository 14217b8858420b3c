public import Foundation
public import KioskCore
public import Devices
public import Printing

/// Why a terminal's files could not be loaded; the description names the file and what to fix.
public struct LoadError: Error, CustomStringConvertible, Sendable {
    /// The message for the person starting the daemon.
    public var description: String
}

/// Reads a terminal configuration and the files it names (catalog, texts), resolving paths against it.
public enum SiteLoader {
    /// The settings plus the resolved database and printer output paths.
    public struct Loaded: Sendable {
        /// Catalog, texts and configuration.
        public var settings: KioskSettings
        /// The SQLite file.
        public var databaseURL: URL
        /// The emulated printer's output file.
        public var printerOutputURL: URL
        /// The device catalog.
        public var devices: DeviceCatalog
        /// The configured printer's profile from the catalog.
        public var printerProfile: PrinterProfile
        /// The terminal's identity files (`central.tls`), absolute; nil without TLS.
        public var identityFiles: TerminalConfiguration.IdentityFiles? = nil
        /// The scanner as configured, with the emulated twin's pipe made absolute and a USB model looked up.
        public var scanner: ScannerChoice? = nil
        /// The signature pad as configured, with paths made absolute and a USB model looked up.
        public var signaturePad: SignaturePadChoice? = nil
        /// The off-screen display's PNG file (`display.output`), absolute.
        public var displayOutputURL: URL? = nil
    }

    /// Which signature pad the terminal drives, and the key file its data is sealed with.
    public struct SignaturePadChoice: Sendable {
        /// The pad.
        public enum Pad: Sendable {
            /// The emulated twin, with its optional control file (absolute).
            case emulated(control: URL?)
            /// A USB pad of this catalog model.
            case usb(DeviceModel)
        }

        /// The pad.
        public var pad: Pad
    }

    /// Which scanner the terminal drives.
    public enum ScannerChoice: Sendable {
        /// The emulated twin reading the named pipe at this absolute path.
        case emulated(fifo: URL)
        /// A USB scanner of this catalog model.
        case usb(DeviceModel)
    }

    /// The path made absolute against the working directory, with "." and ".." removed.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Loads `terminal.yaml` and everything it refers to.
    public static func load(configuration given: URL) throws(LoadError) -> Loaded {
        let url = URL(fileURLWithPath: absolute(given.path))
        let base = url.deletingLastPathComponent()
        func read(_ url: URL) throws(LoadError) -> String {
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw LoadError(
                    description: "\(url.path): Datei nicht lesbar – Pfad prüfen / cannot read the file – check the path")
            }
        }
        func resolve(_ path: String) -> URL {
            URL(fileURLWithPath: path.hasPrefix("/") ? path : absolute(base.path + "/" + path))
        }
        do {
            let configuration = try TerminalConfiguration.parse(yaml: try read(url), source: url.lastPathComponent)
            let catalogURL = resolve(configuration.catalogPath)
            let catalog = try ServiceCatalog.parse(yaml: try read(catalogURL), source: catalogURL.lastPathComponent)
            let textsURL = resolve(configuration.textsPath)
            var texts: [Language: [String: String]] = [:]
            for language in Language.allCases {
                let file = textsURL.appendingPathComponent("\(language.rawValue).yaml")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                texts[language] = try TextCatalog.parseLanguage(yaml: try read(file), source: file.lastPathComponent)
            }
            guard texts[.fallback] != nil else {
                throw LoadError(
                    description: "\(textsURL.path)/de.yaml fehlt – die deutschen Texte sind Pflicht / is missing – German texts are required")
            }
            // Resolved like the catalog: relative to the configuration file.
            let payloadRules = try configuration.codesPath.map { (path) throws -> PayloadRules in
                let codesURL = resolve(path)
                return try PayloadRules.parse(yaml: try read(codesURL), source: codesURL.lastPathComponent)
            }
            let devices = try DeviceCatalog.load(directory: resolve(configuration.devicesPath))
            guard let model = devices.models[configuration.printer.profile], let profile = PrinterProfile(model: model) else {
                let known = devices.models.values.filter { $0.kind == .printer }.map(\.id).sorted().joined(separator: ", ")
                throw LoadError(
                    description: "\(url.lastPathComponent): Drucker '\(configuration.printer.profile)' nicht im Gerätekatalog (bekannt: \(known)) / printer not in the device catalog")
            }
            var scanner: ScannerChoice?
            switch configuration.scanner?.kind {
            case .emulated(let fifo)?:
                scanner = .emulated(fifo: resolve(fifo))
            case .usb(let id)?:
                guard let model = devices.models[id], model.kind == .scanner, model.scanner != nil else {
                    let known = devices.models.values.filter { $0.kind == .scanner }.map(\.id).sorted().joined(separator: ", ")
                    throw LoadError(
                        description: "\(url.lastPathComponent): Scanner '\(id)' nicht im Gerätekatalog (bekannt: \(known)) / scanner not in the device catalog")
                }
                scanner = .usb(model)
            case nil:
                scanner = nil
            }
            var signaturePad: SignaturePadChoice?
            if let settings = configuration.signaturePad {
                switch settings.kind {
                case .emulated(let control):
                    signaturePad = SignaturePadChoice(pad: .emulated(control: control.map(resolve)))
                case .usb(let id):
                    guard let model = devices.models[id], model.kind == .signaturePad else {
                        let known = devices.models.values.filter { $0.kind == .signaturePad }.map(\.id).sorted().joined(separator: ", ")
                        throw LoadError(
                            description: "\(url.lastPathComponent): Unterschriftenpad '\(id)' nicht im Gerätekatalog (bekannt: \(known)) / signature pad not in the device catalog")
                    }
                    signaturePad = SignaturePadChoice(pad: .usb(model))
                }
            }
            return Loaded(
                settings: KioskSettings(
                    catalog: catalog, texts: TextCatalog(texts: texts), configuration: configuration, payloadRules: payloadRules),
                databaseURL: resolve(configuration.databasePath),
                printerOutputURL: resolve(configuration.printer.output), devices: devices, printerProfile: profile,
                identityFiles: configuration.central?.tls.map {
                    TerminalConfiguration.IdentityFiles(key: resolve($0.key).path, certificate: resolve($0.certificate).path, ca: resolve($0.ca).path)
                }, scanner: scanner, signaturePad: signaturePad, displayOutputURL: resolve(configuration.display.output))
        } catch let error as CatalogError {
            throw LoadError(description: error.description)
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "\(url.path): \(error)")
        }
    }
}

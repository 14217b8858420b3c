public import KioskCore
public import Foundation
import Yams

/// A device model as the `Devices/` catalog describes it; drivers are chosen from these entries.
public struct DeviceModel: Hashable, Sendable {
    /// What sort of device it is.
    public enum Kind: String, Sendable, Hashable { case printer, scanner, signaturePad = "signature-pad", cardReader = "card-reader" }

    /// Catalog id, the file name without extension.
    public var id: String
    /// Kind.
    public var kind: Kind
    /// Human-readable model name.
    public var name: String
    /// USB vendor and product id (lowercase hex), when it is a USB device.
    public var usb: USBID?
    /// Printer properties, for printers.
    public var printer: PrinterCapabilities?
    /// Scanner properties, for scanners: which driver reads it and how.
    public var scanner: ScannerCapabilities?
    /// Signature pad properties, for signature pads: protocol family, screen and image format.
    public var signaturePad: SignaturePadCapabilities?

    /// A model, as the catalog or a test builds it.
    public init(
        id: String, kind: Kind, name: String, usb: USBID? = nil, printer: PrinterCapabilities? = nil,
        scanner: ScannerCapabilities? = nil, signaturePad: SignaturePadCapabilities? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.usb = usb
        self.printer = printer
        self.scanner = scanner
        self.signaturePad = signaturePad
    }
}

/// USB vendor and product id.
public struct USBID: Hashable, Sendable {
    /// Vendor id, four lowercase hex digits.
    public var vendor: String
    /// Product id, four lowercase hex digits.
    public var product: String

    /// A USB id from its two four-digit hex strings.
    public init(vendor: String, product: String) {
        self.vendor = vendor
        self.product = product
    }
}

/// What a printer model can do.
public struct PrinterCapabilities: Hashable, Sendable {
    /// Paper width.
    public var paperWidthMillimetres: Int
    /// Printable dots per line.
    public var dotsPerLine: Int
    /// Characters per line in font A.
    public var columns: Int
    /// Code page names the model supports, preferred first.
    public var codePages: [String]
    /// "none", "partial" or "full".
    public var cutter: String
    /// Answers DLE EOT real-time status requests.
    public var realTimeStatus: Bool
}

/// All device models of the catalog folder.
public struct DeviceCatalog: Sendable {
    /// The models by id.
    public var models: [String: DeviceModel]

    /// Creates a catalog from models.
    public init(models: [DeviceModel]) {
        self.models = Dictionary(models.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Loads every `*.yaml` below `directory`; an error names the file, the line and the problem.
    public static func load(directory: URL) throws(CatalogError) -> DeviceCatalog {
        let files = (FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
        var models: [DeviceModel] = []
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw CatalogError(
                    source: file.lastPathComponent, line: nil, column: nil,
                    problem: Message(de: "Datei nicht lesbar.", en: "File not readable."))
            }
            let model = try parse(yaml: text, source: file.lastPathComponent)
            guard model.id + ".yaml" == file.lastPathComponent else {
                throw CatalogError(
                    source: file.lastPathComponent, line: 1, column: 1,
                    problem: Message(de: "id '\(model.id)' muss dem Dateinamen entsprechen.", en: "id '\(model.id)' must match the file name."))
            }
            models.append(model)
        }
        return DeviceCatalog(models: models)
    }

    /// Parses one model file.
    public static func parse(yaml: String, source: String) throws(CatalogError) -> DeviceModel {
        let parser = YAMLReader(source: source)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw parser.fail(nil, de: "Die Datei ist leer.", en: "The file is empty.")
            }
            root = node
        } catch let error as CatalogError {
            throw error
        } catch {
            throw YAMLReader.syntaxError(error, source: source)
        }
        let map = try parser.mapping(root, "Gerät")
        let kindNode = try parser.required(map, "kind", in: root, "device")
        let kindText = try parser.string(kindNode, "kind")
        guard let kind = DeviceModel.Kind(rawValue: kindText) else {
            throw parser.fail(kindNode, de: "Unbekannte Geräteart '\(kindText)'.", en: "Unknown device kind '\(kindText)'.")
        }
        var usb: USBID?
        if let usbNode = map["usb"] {
            let usbMap = try parser.mapping(usbNode, "usb")
            func hex(_ key: String) throws(CatalogError) -> String {
                let node = try parser.required(usbMap, key, in: usbNode, "usb")
                let text = try parser.string(node, "usb.\(key)").lowercased()
                guard text.count == 4, text.allSatisfy(\.isHexDigit) else {
                    throw parser.fail(node, de: "usb.\(key) muss 4 Hex-Ziffern haben.", en: "usb.\(key) must be 4 hex digits.")
                }
                return text
            }
            usb = USBID(vendor: try hex("vendor"), product: try hex("product"))
        }
        var printer: PrinterCapabilities?
        if kind == .printer {
            let node = try parser.required(map, "printer", in: root, "printer")
            let printerMap = try parser.mapping(node, "printer")
            var codePages: [String] = []
            for page in try parser.sequence(try parser.required(printerMap, "codePages", in: node, "printer"), "codePages") {
                codePages.append(try parser.string(page, "codePages"))
            }
            let cutterNode = try parser.required(printerMap, "cutter", in: node, "printer")
            let cutter = try parser.string(cutterNode, "cutter")
            guard ["none", "partial", "full"].contains(cutter) else {
                throw parser.fail(cutterNode, de: "cutter: none, partial oder full.", en: "cutter: none, partial or full.")
            }
            printer = PrinterCapabilities(
                paperWidthMillimetres: try parser.integer(try parser.required(printerMap, "paperWidthMillimetres", in: node, "printer"), "paperWidthMillimetres", range: 40...120),
                dotsPerLine: try parser.integer(try parser.required(printerMap, "dotsPerLine", in: node, "printer"), "dotsPerLine", range: 128...1024),
                columns: try parser.integer(try parser.required(printerMap, "columns", in: node, "printer"), "columns", range: 16...80),
                codePages: codePages, cutter: cutter,
                realTimeStatus: printerMap["realTimeStatus"]?.bool ?? false)
        }
        var scanner: ScannerCapabilities?
        if kind == .scanner {
            guard usb != nil else {
                throw parser.fail(kindNode, de: "Ein Scanner braucht usb: { vendor, product }.", en: "A scanner needs usb: { vendor, product }.")
            }
            scanner = try ScannerCapabilities.parse(try parser.required(map, "scanner", in: root, "scanner"), parser)
        }
        var signaturePad: SignaturePadCapabilities?
        if kind == .signaturePad {
            guard usb != nil else {
                throw parser.fail(
                    kindNode, de: "Ein Unterschriftenpad braucht usb: { vendor, product }.",
                    en: "A signature pad needs usb: { vendor, product }.")
            }
            signaturePad = try SignaturePadCapabilities.parse(try parser.required(map, "signaturePad", in: root, "signaturePad"), parser)
        }
        return DeviceModel(
            id: try parser.identifier(try parser.required(map, "id", in: root, "device"), "id"), kind: kind,
            name: try parser.string(try parser.required(map, "name", in: root, "device"), "name"), usb: usb, printer: printer,
            scanner: scanner, signaturePad: signaturePad)
    }
}

import KioskCore
import Yams

/// How a signature pad model talks to the terminal, as its catalog entry says; the driver is picked from
/// `family`, the image format from `imageFormat`, never from the model's name.
public struct SignaturePadCapabilities: Hashable, Sendable {
    /// The protocol family (one driver each).
    public enum Family: String, Hashable, Sendable {
        /// Wacom STU-430/530/540: HID feature reports for commands, interrupt-IN pen data.
        case wacomSTU = "wacom-stu"
    }

    /// The pixel format the pad's screen takes images in.
    public enum ImageFormat: String, Hashable, Sendable {
        /// One bit a pixel (STU-430).
        case monochrome = "1bit"
        /// 16-bit RGB 5-6-5 (STU-530/540).
        case rgb565 = "rgb565"
        /// 24-bit, blue green red (STU-530/540).
        case bgr24 = "bgr24"
    }

    /// Protocol family.
    public var family: Family
    /// Image format for the prompt screen.
    public var imageFormat: ImageFormat
    /// Screen width in pixels (the pad's capability report is authoritative once it is open).
    public var screenWidth: Int
    /// Screen height in pixels.
    public var screenHeight: Int
    /// USB interface number to claim.
    public var interface: Int
    /// Interrupt-IN endpoint the pen reports arrive on (with the IN bit, e.g. 0x81).
    public var endpoint: UInt8

    /// Signature pad capabilities.
    public init(
        family: Family, imageFormat: ImageFormat, screenWidth: Int, screenHeight: Int, interface: Int = 0,
        endpoint: UInt8 = 0x81
    ) {
        self.family = family
        self.imageFormat = imageFormat
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
        self.interface = interface
        self.endpoint = endpoint
    }

    /// Reads the `signaturePad:` section of a catalog entry; errors name the line.
    static func parse(_ node: Node, _ parser: YAMLReader) throws(CatalogError) -> SignaturePadCapabilities {
        let map = try parser.mapping(node, "signaturePad")
        let familyNode = try parser.required(map, "family", in: node, "signaturePad")
        let familyText = try parser.string(familyNode, "signaturePad.family")
        guard let family = Family(rawValue: familyText) else {
            throw parser.fail(
                familyNode, de: "signaturePad.family: wacom-stu, nicht '\(familyText)'.",
                en: "signaturePad.family: wacom-stu, not '\(familyText)'.")
        }
        let formatNode = try parser.required(map, "imageFormat", in: node, "signaturePad")
        let formatText = try parser.string(formatNode, "signaturePad.imageFormat")
        guard let format = ImageFormat(rawValue: formatText) else {
            throw parser.fail(
                formatNode, de: "signaturePad.imageFormat: 1bit, rgb565 oder bgr24, nicht '\(formatText)'.",
                en: "signaturePad.imageFormat: 1bit, rgb565 or bgr24, not '\(formatText)'.")
        }
        let width = try parser.integer(
            try parser.required(map, "screenWidth", in: node, "signaturePad"), "signaturePad.screenWidth", range: 64...4096)
        let height = try parser.integer(
            try parser.required(map, "screenHeight", in: node, "signaturePad"), "signaturePad.screenHeight", range: 64...4096)
        var interface = 0
        if let interfaceNode = map["interface"] {
            interface = try parser.integer(interfaceNode, "signaturePad.interface", range: 0...31)
        }
        var endpoint: UInt8 = 0x81
        if let endpointNode = map["endpoint"] {
            let text = try parser.string(endpointNode, "signaturePad.endpoint")
            guard let bytes = ScannerCapabilities.hexBytes(text), bytes.count == 1, bytes[0] & 0x80 != 0 else {
                throw parser.fail(
                    endpointNode, de: "signaturePad.endpoint: ein IN-Endpunkt in Hex, z. B. \"81\".",
                    en: "signaturePad.endpoint: an IN endpoint in hex, e.g. \"81\".")
            }
            endpoint = bytes[0]
        }
        return SignaturePadCapabilities(
            family: family, imageFormat: format, screenWidth: width, screenHeight: height, interface: interface, endpoint: endpoint)
    }
}

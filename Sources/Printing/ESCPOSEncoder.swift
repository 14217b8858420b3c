/// Encodes a document into ESC/POS bytes for a printer profile; byte-exact for the same input.
public struct ESCPOSEncoder: Sendable {
    /// The printer.
    public let profile: PrinterProfile
    let transliterator: Transliterator

    /// Creates an encoder.
    public init(profile: PrinterProfile) {
        self.profile = profile
        transliterator = Transliterator(codePage: profile.codePage)
    }

    /// The bytes of a document: initialise, select the code page, the elements, reset.
    public func encode(_ document: PrintDocument) -> [UInt8] {
        var bytes: [UInt8] = [0x1B, 0x40, 0x1B, 0x74, profile.codePage.escPosNumber]
        for element in document.elements {
            switch element {
            case let .text(text, style):
                let width = style.large ? profile.columns / 2 : profile.columns
                bytes += [0x1B, 0x61, style.alignment.rawValue, 0x1B, 0x45, style.bold ? 1 : 0, 0x1D, 0x21, style.large ? 0x11 : 0x00]
                for line in wrap(transliterator.transliterate(text), width: width) {
                    bytes += encodeText(line) + [0x0A]
                }
                bytes += [0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00, 0x1B, 0x61, 0x00]
            case .ticketNumber(let number):
                // 4x size where it fits the paper, else double size.
                let size: UInt8 = number.count * 4 <= profile.columns ? 0x33 : 0x11
                bytes += [0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01, 0x1D, 0x21, size]
                bytes += encodeText(transliterator.transliterate(number)) + [0x0A]
                bytes += [0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00, 0x1B, 0x61, 0x00]
            case .qrCode(let payload):
                let data = Array(payload.utf8)
                let length = data.count + 3
                bytes += [0x1B, 0x61, 0x01]
                bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]  // model 2
                bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]  // module size 6
                bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]  // error correction M
                bytes += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30] + data
                bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]  // print
                bytes += [0x0A, 0x1B, 0x61, 0x00]
            case .rule:
                bytes += Array(repeating: UInt8(ascii: "-"), count: profile.columns) + [0x0A]
            case .feed(let lines):
                bytes += [0x1B, 0x64, UInt8(clamping: lines)]
            case .cut:
                bytes += [0x1D, 0x56, 0x41, 0x03]  // feed 3 and partial cut
            }
        }
        return bytes
    }

    func encodeText(_ text: String) -> [UInt8] {
        text.map { profile.codePage.byte(for: $0) ?? UInt8(ascii: "?") }
    }
}

/// Something in a document that will not print as written; the encoder still produces a valid stream.
public struct EncodingProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Hashable {
        /// Characters without any transliteration rule, printed as "?".
        case unrepresentableCharacters(count: Int)
        /// A QR code without data; it is left out.
        case qrPayloadEmpty
        /// More bytes than a version 40 QR code holds at error correction M (2331); it is left out.
        case qrPayloadTooLong(byteCount: Int)
        /// Barcode data the symbology cannot carry (wrong digits, check digit, non-ASCII); it is left out.
        case invalidBarcodeData(BarcodeSymbology)
        /// A barcode wider than the paper even at the narrowest module width; it is left out.
        case barcodeTooWide(BarcodeSymbology)
        /// An image wider than the paper; its right part is cut off.
        case imageCropped(width: Int, printedWidth: Int)
    }

    /// Position of the element in `PrintDocument.elements`.
    public var elementIndex: Int
    /// What is wrong with it.
    public var kind: Kind

    /// A problem of one element.
    public init(elementIndex: Int, kind: Kind) {
        self.elementIndex = elementIndex
        self.kind = kind
    }

    /// A description for logs; it never contains document text, which may be personal data.
    public var description: String {
        let what: String
        switch kind {
        case .unrepresentableCharacters(let count): what = "\(count) character(s) without transliteration"
        case .qrPayloadEmpty: what = "empty QR code left out"
        case .qrPayloadTooLong(let count): what = "QR payload of \(count) bytes exceeds 2331, left out"
        case .invalidBarcodeData(let symbology): what = "invalid \(symbology.rawValue) data, left out"
        case .barcodeTooWide(let symbology): what = "\(symbology.rawValue) barcode wider than the paper, left out"
        case .imageCropped(let width, let printed): what = "image \(width) dots wide cropped to \(printed)"
        }
        return "element \(elementIndex): \(what)"
    }
}

/// The symbology a scanner reports for a code, from its AIM identifier (ISO/IEC 15424) where it sends one.
public enum Symbology: String, Hashable, Sendable, Codable {
    case qrCode = "qr"
    case dataMatrix = "datamatrix"
    case code128 = "code128"
    case gs1_128 = "gs1-128"
    case ean = "ean"
    case code39 = "code39"
    case interleaved2of5 = "itf"
    case pdf417 = "pdf417"
    case aztec = "aztec"
    /// A keyboard-wedge scanner or a code without an AIM id: the payload parsers decide from the content.
    case unknown

    /// The symbology an AIM identifier names: `]` + code character + modifier, e.g. "]Q1" for QR.
    public init(aimIdentifier: String) {
        let characters = Array(aimIdentifier)
        guard characters.count == 3, characters[0] == "]" else {
            self = .unknown
            return
        }
        switch (characters[1], characters[2]) {
        case ("Q", _): self = .qrCode
        case ("d", _): self = .dataMatrix
        case ("C", "1"): self = .gs1_128
        case ("C", _): self = .code128
        case ("E", _): self = .ean
        case ("A", _): self = .code39
        case ("I", _): self = .interleaved2of5
        case ("L", _): self = .pdf417
        case ("z", _): self = .aztec
        default: self = .unknown
        }
    }
}

/// One code read by a scanner: its bytes exactly as decoded, and what kind of code it was.
///
/// The bytes may hold personal data (a voter number, a booking key): they go to the payload parsers and
/// nowhere else, never to a log line or an error description.
public struct ScannedCode: Hashable, Sendable, CustomStringConvertible {
    /// The symbology, `.unknown` when the scanner does not say.
    public var symbology: Symbology
    /// The decoded data.
    public var data: [UInt8]

    /// A scanned code.
    public init(symbology: Symbology, data: [UInt8]) {
        self.symbology = symbology
        self.data = data
    }

    /// The data as text: UTF-8 where valid, otherwise ISO 8859-1 (the QR default), so that no code is
    /// rejected for its encoding alone.
    public var text: String {
        if let utf8 = String(validating: data, as: UTF8.self) { return utf8 }
        return String(data.map { Character(Unicode.Scalar($0)) })
    }

    /// Redacted: only the symbology and the length.
    public var description: String { "ScannedCode(\(symbology.rawValue), \(data.count) bytes)" }
}

/// What a scanner reports to the flows.
public enum ScannerEvent: Hashable, Sendable {
    /// A code was read.
    case scanned(ScannedCode)
    /// A scanner became ready (plugged in and claimed); the string is its catalog id.
    case attached(device: String)
    /// A scanner went away (unplugged, or released after a fault); scans resume when it is back.
    case detached(device: String)
    /// Input from the scanner could not be decoded (truncated or garbled report): the citizen scans again.
    case unreadable(device: String, problem: Message)
}

/// A source of scanner events: a USB scanner driver, or its emulated twin.
public protocol BarcodeScanning: Sendable {
    /// The events, in order, until the scanner is shut down. Only one consumer reads them.
    func events() -> AsyncStream<ScannerEvent>
}

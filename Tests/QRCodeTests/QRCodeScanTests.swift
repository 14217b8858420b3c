import KioskTesting
import Testing

@testable import QRCode

/// Symbols drawn by the encoder and read back by an independent decoder (zbarimg), byte for byte.
@Suite(
    .enabled(if: BarcodeScanner.isInstalled, "zbarimg is missing: scripts/test.sh installs zbar-tools"),
    .timeLimit(.minutes(10))
)
struct QRCodeScanTests {
    /// The symbol with its quiet zone at `scale` pixels a module, as a grey picture.
    static func picture(_ code: QRCode, scale: Int = 3) -> (pixels: [UInt8], side: Int) {
        let side = (code.size + 2 * QRCode.quietZone) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for y in 0..<side {
            for x in 0..<side where code[x: x / scale - QRCode.quietZone, y: y / scale - QRCode.quietZone] {
                pixels[y * side + x] = 0
            }
        }
        return (pixels, side)
    }

    static func scan(_ code: QRCode) throws -> [UInt8] {
        let picture = picture(code)
        return try BarcodeScanner.readQRCode(grey: picture.pixels, width: picture.side, height: picture.side)
    }

    /// Text a citizen's code may hold: URLs, German words with umlauts, references, digits, capitals.
    static func randomPayload(_ random: inout SeededRandomNumberGenerator) -> String {
        let words = [
            "Bürgerbüro", "Wahllokal", "Straße", "Größe", "Übergabe", "Äußeres", "Kassenzeichen",
            "Öffnungszeiten", "Raum", "Grundschule", "€", "Meldebescheinigung", "Führerschein", "é", "ß",
        ]
        let kind = Int.random(in: 0..<5, using: &random)
        let length = Int.random(in: 1...40, using: &random)
        switch kind {
        case 0:
            let path = (0..<length).map { _ in String("abcdef0123456789".randomElement(using: &random)!) }.joined()
            return "https://kiosk.example/q/" + path
        case 1:
            return (0..<length).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        case 2:
            let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
            return String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
        case 3:
            return (0..<Int.random(in: 1...12, using: &random)).map { _ in words.randomElement(using: &random)! }
                .joined(separator: " ") + " \(Int.random(in: 0...99_999_999, using: &random))"
        default:
            // Any scalar of the Basic Multilingual Plane and beyond, except surrogates.
            return String(
                String.UnicodeScalarView(
                    (0..<length).map { _ in
                        var scalar: Unicode.Scalar?
                        while scalar == nil {
                            scalar = Unicode.Scalar(UInt32.random(in: 0x20...0x1F6FF, using: &random))
                        }
                        return scalar!
                    }))
        }
    }

    @Test(arguments: ErrorCorrectionLevel.allCases)
    func randomPayloadsDecodeToTheirBytes(level: ErrorCorrectionLevel) throws {
        var random = SeededRandomNumberGenerator(seed: 0x5152_0000 + UInt64(level.rawValue.unicodeScalars.first!.value))
        for round in 0..<20 {
            let payload = Self.randomPayload(&random)
            let code = try QRCode(text: payload, errorCorrection: level)
            #expect(code.errorCorrection == level)
            let scanned = try Self.scan(code)
            #expect(scanned == Array(payload.utf8), "round \(round), version \(code.version): \(payload)")
        }
    }

    @Test func everyVersionDecodes() throws {
        // Block layouts differ per version and level; each version once, levels in turn.
        var random = SeededRandomNumberGenerator(seed: 40)
        for version in 1...40 {
            let level = ErrorCorrectionLevel.allCases[version % 4]
            let fits = QRCode.capacity(version: version, level, mode: .byte)
            // Full symbols exercise every block; the payload starts with text so that it is not all noise.
            let prefix = Array("Wahlbenachrichtigung ".utf8.prefix(fits))
            let bytes = prefix + (0..<(fits - prefix.count)).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
            let code = try QRCode(bytes: bytes, errorCorrection: level)
            #expect(code.version == version)
            #expect(try Self.scan(code) == bytes, "version \(version)-\(level.rawValue)")
        }
    }

    @Test func everyMaskDecodes() throws {
        let payload = "https://kiosk.example/wahl/musterstadt/042?lang=de&ä=ü"
        for mask in 0...7 {
            let code = try QRCode(text: payload, errorCorrection: .quartile, mask: mask)
            #expect(code.mask == mask)
            #expect(try Self.scan(code) == Array(payload.utf8), "mask \(mask)")
        }
    }

    @Test func mixedSegmentsDecode() throws {
        let payloads = [
            "Kassenzeichen 5.3220.004711.2026", "Bürgerbüro 12345678901234567890 Raum 3",
            "01234567", "HELLO WORLD", "A 017", "0815 ABC 4711 xyz 99999999999999 ÄÖÜ",
        ]
        for payload in payloads {
            let code = try QRCode(text: payload, errorCorrection: .medium)
            #expect(try Self.scan(code) == Array(payload.utf8), "\(payload)")
        }
    }
}

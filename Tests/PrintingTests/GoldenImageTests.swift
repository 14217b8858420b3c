import Foundation
import KioskCore
import KioskTesting
import PrintingTesting
import Testing

@testable import Printing

/// Previews compared dot for dot with PNGs under Golden/; `KIOSK_RECORD_GOLDEN=1 swift test` writes them anew.
@Suite struct GoldenImageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["KIOSK_RECORD_GOLDEN"] == "1"

    /// Every element kind and style once.
    static let sampler = PrintDocument {
        PrintElement.text("Stadt Musterstadt", .heading)
        PrintElement.text("Schriftproben / type samples", .centered)
        PrintElement.rule
        PrintElement.text("Normal: Äpfel, Öl, Übergröße, ß, 37,00 €")
        PrintElement.text("Fett / bold", .emphasized)
        PrintElement.text("Unterstrichen / underlined", TextStyle(underline: true))
        PrintElement.text("Doppelt hoch", .subheading)
        PrintElement.text("Breit", TextStyle(size: .doubleWidth))
        PrintElement.text("rechts / right", .rightAligned)
        PrintElement.ticketNumber("B 204")
        PrintElement.barcode("400638133393", .ean13)
        PrintElement.barcode("KZ-4711/2026", .code128)
        PrintElement.image(MonochromeBitmap(width: 60, height: 30) { x, y in (x / 6 + y / 6) % 2 == 0 })
        PrintElement.qrCode("https://kiosk.example/wahl/042", moduleSize: 4)
        PrintElement.feed(lines: 1)
        PrintElement.cut(partial: false)
    }

    static let cases: [(name: String, document: PrintDocument, profile: PrinterProfile)] = [
        ("ticket-80mm", TicketLayout.document(TicketLayoutTests.printout), .epsonTMT20),
        ("ticket-58mm", TicketLayout.document(TicketLayoutTests.printout), .generic58mm),
        ("receipt-80mm-180dpi", LayoutFixtures.receiptDocument(.german, .epsonTMT88), .epsonTMT88),
        ("receipt-58mm", LayoutFixtures.receiptDocument(.english, .generic58mm), .generic58mm),
        ("polling-place-80mm", LayoutFixtures.slipDocument(.german), .epsonTMT20),
        ("sampler-80mm", sampler, .epsonTMT20),
    ]

    @Test(arguments: cases.map(\.name))
    func previewMatchesGoldenImage(name: String) throws {
        let (_, document, profile) = Self.cases.first { $0.name == name }!
        let png = RasterPreview.png(document: document, profile: profile)
        let file = Self.directory.appendingPathComponent("\(name).png")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try png.write(to: file)
            return
        }
        guard let golden = try? Data(contentsOf: file) else {
            Issue.record(
                "no golden image \(file.path): run with KIOSK_RECORD_GOLDEN=1 and look at it before committing")
            return
        }
        let expected = try PNGCodec.decode(golden)
        let actual = try PNGCodec.decode(png)
        #expect(actual == RasterPreview(profile: profile).render(document), "the PNG holds the rendered dots")
        guard actual != expected else { return }
        let differing = (0..<max(actual.height, expected.height)).reduce(0) { sum, y in
            sum + (0..<max(actual.width, expected.width)).filter { actual[x: $0, y: y] != expected[x: $0, y: y] }.count
        }
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
        try png.write(to: saved)
        Issue.record(
            "\(name): \(actual.width)x\(actual.height) against golden \(expected.width)x\(expected.height), \(differing) dots differ; actual in \(saved.path)"
        )
    }

    @Test func pngRoundTripKeepsEveryDot() throws {
        var random = SeededRandomNumberGenerator(seed: 77)
        for (width, height) in [(1, 1), (7, 3), (8, 8), (13, 29), (576, 40)] {
            let bitmap = MonochromeBitmap(width: width, height: height) { _, _ in Bool.random(using: &random) }
            let png = PNGCodec.encode(bitmap)
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(try PNGCodec.decode(png) == bitmap)
        }
        var damaged = PNGCodec.encode(MonochromeBitmap(width: 9, height: 9) { x, _ in x == 4 })
        damaged[40] ^= 0xFF
        #expect(throws: PNGCodec.DecodeError.self) { try PNGCodec.decode(damaged) }
    }
}

/// Decoding the preview with zbarimg: the codes on paper carry what the layout put in them.
@Suite(
    .enabled(if: BarcodeScanner.isInstalled, "zbarimg is missing: scripts/test.sh installs zbar-tools"),
    .timeLimit(.minutes(5)))
struct RasterPreviewScanTests {
    @Test(arguments: PrinterProfile.examples)
    func ticketQRCodeReadsAsTheFollowLink(profile: PrinterProfile) throws {
        let png = RasterPreview.png(document: TicketLayout.document(TicketLayoutTests.printout), profile: profile)
        let data = try BarcodeScanner.read(image: png, extension: "png")
        #expect(String(decoding: data, as: UTF8.self) == TicketLayoutTests.printout.followLink)
    }

    @Test func slipQRCodeReadsAsTheMapLink() throws {
        let png = RasterPreview.png(document: LayoutFixtures.slipDocument(.english), profile: .generic58mm)
        let data = try BarcodeScanner.read(image: png, extension: "png")
        #expect(String(decoding: data, as: UTF8.self) == LayoutFixtures.pollingPlace.mapLink)
    }

    @Test func randomBarcodesReadAsTheirData() throws {
        var random = SeededRandomNumberGenerator(seed: 128)
        for round in 0..<12 {
            let code128 = String(
                (0..<Int.random(in: 1...12, using: &random)).map { _ in
                    Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random)))
                })
            let ean = (0..<12).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            for (data, symbology, zbarName, expected) in [
                (code128, BarcodeSymbology.code128, "code128", code128),
                (ean, .ean13, "ean13", BarcodePattern.ean13HumanReadable(ean)),
            ] {
                let png = RasterPreview.png(document: [.barcode(data, symbology)], profile: .epsonTMT20)
                let read = try BarcodeScanner.read(image: png, extension: "png", symbologies: [zbarName])
                #expect(String(decoding: read, as: UTF8.self) == expected, "round \(round) \(symbology): \(data)")
            }
        }
    }
}

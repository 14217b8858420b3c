public import Printing

/// Real models as test fixtures; the kiosk itself takes its profiles from the Devices/ catalog.
extension PrinterProfile {
    // Sizes: 203 dpi models print 576 dots (72 mm) on 80 mm paper, 48 columns of the 12x24 font A;
    // 180 dpi models print 512 dots, 42 columns. Code table numbers are Epson's, which Bixolon follows.

    /// Epson TM-T20II/III, 80 mm, 203 dpi.
    public static let epsonTMT20 = PrinterProfile(
        id: "epson-tm-t20",
        name: "Epson TM-T20II/III",
        paperWidthMillimetres: 80,
        dotsPerLine: 576,
        charactersPerLine: 48,
        codePages: [.pc437, .pc850, .wpc1252, .pc858],
        hasCutter: true,
        supportsRealTimeStatus: true
    )

    /// Epson TM-T88V, 80 mm, 180 dpi.
    public static let epsonTMT88 = PrinterProfile(
        id: "epson-tm-t88v",
        name: "Epson TM-T88V",
        paperWidthMillimetres: 80,
        dotsPerLine: 512,
        charactersPerLine: 42,
        codePages: [.pc437, .pc850, .wpc1252, .pc858],
        hasCutter: true,
        supportsRealTimeStatus: true
    )

    /// Bixolon SRP-350III, 80 mm, 180 dpi.
    public static let bixolonSRP350 = PrinterProfile(
        id: "bixolon-srp-350iii",
        name: "Bixolon SRP-350III",
        paperWidthMillimetres: 80,
        dotsPerLine: 512,
        charactersPerLine: 42,
        codePages: [.pc437, .pc850, .wpc1252, .pc858],
        hasCutter: true,
        supportsRealTimeStatus: true
    )

    /// A 58 mm ESC/POS clone without cutter (Zjiang POS-5890 class), with only the tables every clone has.
    public static let generic58mm = PrinterProfile(
        id: "generic-58mm",
        name: "Generic 58 mm ESC/POS (POS-5890 class)",
        paperWidthMillimetres: 58,
        dotsPerLine: 384,
        charactersPerLine: 32,
        codePages: [.pc437, .pc850],
        hasCutter: false,
        supportsRealTimeStatus: false
    )

    /// The example profiles above.
    public static let examples: [PrinterProfile] = [.epsonTMT20, .epsonTMT88, .bixolonSRP350, .generic58mm]
}

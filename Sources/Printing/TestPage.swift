public import Foundation
import KioskCore

/// The technician's test page: every text style, the big number, QR code, both barcodes, German characters,
/// and the printer's status as it was read before printing.
public enum TestPage {
    /// The page for `profile`; `printer` names it (e.g. "cups:ticket"), `status` is printed at the end.
    public static func document(profile: PrinterProfile, printer: String, status: PrinterStatus, at date: Date) -> PrintDocument {
        let styles: [(String, TextStyle)] = [
            ("Normal / body", .body),
            ("Zentriert / centred", .centered),
            ("Rechts / right", .rightAligned),
            ("Fett / bold", .emphasized),
            ("Unterstrichen / underlined", TextStyle(underline: true)),
            ("Doppelt hoch / double height", TextStyle(size: .doubleHeight)),
            ("Doppelt breit / wide", TextStyle(size: .doubleWidth)),
            ("Doppelt / double", TextStyle(size: .double)),
            ("Zwischentitel / subheading", .subheading),
        ]
        return PrintDocument {
            PrintElement.text("Testseite / Test page", .heading)
            PrintElement.rule
            for (label, style) in styles {
                PrintElement.text(label, style)
            }
            PrintElement.text("Umlaute: ÄÖÜ äöü ß € – „Gebühr“", .body)
            PrintElement.rule
            PrintElement.ticketNumber("A 017")
            PrintElement.qrCode("https://kiosk.invalid/test")
            PrintElement.barcode("4006381333931", .ean13)
            PrintElement.barcode("KIOSK-TEST", .code128)
            PrintElement.rule
            PrintElement.text("Drucker / printer: \(printer)")
            PrintElement.text("Modell / model: \(profile.name) (\(profile.id))")
            PrintElement.text(
                "Papier / paper: \(profile.paperWidthMillimetres) mm, \(profile.charactersPerLine) Zeichen / columns, \(profile.preferredCodePage.rawValue)")
            PrintElement.text("Status: \(status) (\(status.severity.rawValue))", .emphasized)
            for detail in status.details {
                PrintElement.text(detail)
            }
            PrintElement.text(date.formatted(.iso8601), .rightAligned)
            PrintElement.cut(partial: true)
        }
    }
}

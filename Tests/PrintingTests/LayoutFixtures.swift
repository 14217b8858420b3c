import Foundation
import KioskCore
import Printing

/// A receipt and a polling place for the layout and preview tests, and the kiosk's real texts.
enum LayoutFixtures {
    /// The texts under Kiosk/texts, as the terminal loads them.
    static let texts: TextCatalog = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Kiosk/texts")
        var tables: [Language: [String: String]] = [:]
        for language in [Language.german, .english] {
            let file = root.appendingPathComponent("\(language.rawValue).yaml")
            // The files are part of the repository; a test run without them cannot mean anything.
            let yaml = try! String(contentsOf: file, encoding: .utf8)
            tables[language] = try! TextCatalog.parseLanguage(yaml: yaml, source: file.lastPathComponent)
        }
        return TextCatalog(texts: tables)
    }()

    static let receipt = PaymentReceipt(
        siteName: LocalizedText(german: "Bürgerbüro Musterstadt", english: "Citizens' Office Musterstadt"),
        lines: [
            ReceiptLine(
                fee: FeeItem(
                    id: "personalausweis-ab-24",
                    name: LocalizedText(
                        german: "Personalausweis (ab 24 Jahren)", english: "Identity card (age 24 and over)"),
                    amount: Money(cents: 3700), legalBasis: "§ 1 Abs. 1 PAuswGebV")),
            ReceiptLine(
                description: LocalizedText(
                    german: "Beglaubigte Kopie der Meldebescheinigung mit Angaben zu früheren Wohnungen",
                    english: "Certified copy of the registration certificate with former addresses"),
                quantity: 3, unitAmount: Money(cents: 450)),
            ReceiptLine(
                description: LocalizedText(german: "Führungszeugnis", english: "Certificate of good conduct"),
                unitAmount: Money(cents: 1300)),
        ],
        kassenzeichen: "5.3220.004711.2026", method: .girocard, day: BusinessDay(year: 2026, month: 11, day: 23),
        time: TimeOfDay(hour: 14, minute: 5), terminal: TerminalID(rawValue: "musterstadt-t1"))

    static let pollingPlace = PollingPlace(
        election: LocalizedText(german: "Wahl zum Stadtrat 2026", english: "City council election 2026"),
        district: "042", name: "Grundschule am Stadtpark", street: "Parkstraße 12", town: "14467 Musterstadt",
        room: "Aula, Erdgeschoss", isStepFree: true,
        accessibilityNote: LocalizedText(
            german: "Eingang über den Schulhof; Rampe links neben der Treppe.",
            english: "Entrance through the schoolyard; ramp to the left of the stairs."),
        day: BusinessDay(year: 2026, month: 9, day: 13), hours: TimeSpan("08:00-18:00")!,
        mapLink: "https://kiosk.example/wahl/042/karte")

    static func receiptDocument(_ language: Language, _ profile: PrinterProfile) -> PrintDocument {
        ReceiptLayout.document(receipt, language: language, texts: texts, profile: profile)
    }

    static func slipDocument(_ language: Language) -> PrintDocument {
        PollingPlaceSlipLayout.document(pollingPlace, language: language, texts: texts)
    }
}

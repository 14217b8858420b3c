import Foundation
import KioskCore
import PrintingTesting
import Testing

@testable import Printing

/// Receipt and polling-place slip: what the printer receives, decoded from the ESC/POS bytes.
@Suite struct PrintoutLayoutTests {
    static let profiles: [PrinterProfile] = [.epsonTMT20, .epsonTMT88, .generic58mm]

    static func decode(_ document: PrintDocument, _ profile: PrinterProfile) throws -> [DecodedItem] {
        try ESCPOSDecoder().decode(ESCPOSEncoder(profile: profile).encode(document))
    }

    /// Every printed line fits the paper: characters times their width within the profile's columns.
    static func expectWithinWidth(
        _ items: [DecodedItem], _ profile: PrinterProfile, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for line in items.lines {
            let columns = line.runs.reduce(0) { $0 + $1.text.count * $1.style.widthMultiplier }
            #expect(columns <= profile.charactersPerLine, "\(profile.id): \(line)", sourceLocation: sourceLocation)
        }
    }

    /// An amount as this printer shows it: "€" where its code table has it, "EUR" elsewhere.
    static func printed(_ text: String, _ profile: PrinterProfile) -> String {
        profile.preferredCodePage.hasEuroSign ? text : text.replacingOccurrences(of: "€", with: "EUR")
    }

    @Test(arguments: profiles)
    func germanReceiptHasPositionsTotalReferenceMethodTimeAndTerminal(profile: PrinterProfile) throws {
        let items = try Self.decode(LayoutFixtures.receiptDocument(.german, profile), profile)
        Self.expectWithinWidth(items, profile)
        let lines = items.textLines
        let text = lines.joined(separator: " ")
        // Amounts stand flush right at the end of the line that ends their position.
        for amount in ["37,00 €", "13,50 €", "13,00 €"] {
            let printed = Self.printed(amount, profile)
            let line = lines.first { $0.hasSuffix(" " + printed) }
            #expect(line?.count == profile.charactersPerLine, "\(printed) in \(lines)")
        }
        #expect(lines.contains { $0.hasPrefix("Personalausweis") })
        #expect(lines.contains("  3 x " + Self.printed("4,50 €", profile)))
        let total = try #require(items.lines.first { $0.text.hasPrefix("Summe") })
        #expect(total.text.hasSuffix(" " + Self.printed("63,50 €", profile)) && total.style.bold)
        #expect(total.text.count == profile.charactersPerLine)
        for expected in [
            "Zahlungsbeleg", "Kassenzeichen: 5.3220.004711.2026", "Bezahlt mit: girocard",
            "23.11.2026, 14:05 Uhr", "Terminal: musterstadt-t1", "Bitte bewahren Sie diesen Beleg auf.",
            "Beglaubigte Kopie der Meldebescheinigung mit Angaben zu früheren Wohnungen",
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(lines)")
        }
        #expect(items.cuts.count == (profile.hasCutter ? 1 : 0))
        #expect(ESCPOSEncoder(profile: profile).problems(in: LayoutFixtures.receiptDocument(.german, profile)).isEmpty)
    }

    @Test(arguments: profiles)
    func englishReceiptUsesEnglishTextsAndAmounts(profile: PrinterProfile) throws {
        let items = try Self.decode(LayoutFixtures.receiptDocument(.english, profile), profile)
        Self.expectWithinWidth(items, profile)
        let text = items.textLines.joined(separator: " ")
        for expected in [
            "Payment receipt", "Identity card (age 24 and over)", "Paid by: girocard",
            "Payment reference (Kassenzeichen): 5.3220.004711.2026", "23.11.2026, 14:05",
            Self.printed("€37.00", profile), Self.printed("€63.50", profile),
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(items.textLines)")
        }
        #expect(
            items.lines.contains { $0.text.hasPrefix("Total") && $0.text.hasSuffix(Self.printed("€63.50", profile)) })
    }

    @Test func longDescriptionsWrapBesideTheirAmount() throws {
        for profile in Self.profiles {
            let columns = profile.charactersPerLine
            var receipt = LayoutFixtures.receipt
            // One word as long as the line: it is split, and its last part shares the line with the amount.
            receipt.lines = [
                ReceiptLine(
                    description: LocalizedText(german: String(repeating: "x", count: columns)),
                    unitAmount: Money(cents: 123_456))
            ]
            receipt.siteName = LocalizedText(german: String(repeating: "Bürgerbüro ", count: 8))
            let items = try Self.decode(
                ReceiptLayout.document(receipt, language: .german, texts: LayoutFixtures.texts, profile: profile),
                profile)
            Self.expectWithinWidth(items, profile)
            let amount = Self.printed("1234,56 €", profile)
            let descriptionLines = items.textLines.filter { $0.hasPrefix("x") }
            #expect(descriptionLines.map { $0.filter { $0 == "x" }.count }.reduce(0, +) == columns)
            #expect(descriptionLines.last?.hasSuffix(" " + amount) == true)
            #expect(descriptionLines.last?.count == columns, "\(descriptionLines)")
        }
    }

    @Test(arguments: profiles)
    func pollingPlaceSlipHasPlaceHoursAccessAndMap(profile: PrinterProfile) throws {
        let items = try Self.decode(LayoutFixtures.slipDocument(.german), profile)
        Self.expectWithinWidth(items, profile)
        let text = items.textLines.joined(separator: " ")
        for expected in [
            "Ihr Wahllokal", "Wahl zum Stadtrat 2026", "Wahlbezirk 042", "Grundschule am Stadtpark",
            "Parkstraße 12", "14467 Musterstadt", "Raum: Aula, Erdgeschoss",
            "Geöffnet am 13.09.2026 von 08:00 bis 18:00 Uhr", "Barrierefreier Zugang",
            "Eingang über den Schulhof; Rampe links neben der Treppe.", "Lageplan:",
            "Bitte bringen Sie Ihre Wahlbenachrichtigung und einen Ausweis mit.",
        ] {
            #expect(text.contains(expected), "missing \(expected) in \(items.textLines)")
        }
        #expect(items.qrCodes.map(\.payload) == ["https://kiosk.example/wahl/042/karte"])
        #expect(items.lines.first { $0.text.hasPrefix("Grundschule") }?.style.heightMultiplier == 2)
        #expect(items.cuts.count == (profile.hasCutter ? 1 : 0))
    }

    @Test func slipWithoutMapOrStepFreeAccessSaysSo() throws {
        var place = LayoutFixtures.pollingPlace
        place.mapLink = nil
        place.isStepFree = false
        place.room = nil
        place.accessibilityNote = nil
        let items = try Self.decode(
            PollingPlaceSlipLayout.document(place, language: .english, texts: LayoutFixtures.texts), .generic58mm)
        Self.expectWithinWidth(items, .generic58mm)
        let text = items.textLines.joined(separator: " ")
        #expect(text.contains("No step-free access") && text.contains("Open on 13.09.2026 from 08:00 to 18:00"))
        #expect(!text.contains("Room") && !text.contains("Map"))
        #expect(items.qrCodes.isEmpty)
    }

    @Test func everyNewTextExistsInEnglish() {
        let keys =
            [
                "receipt.title", "receipt.total", "receipt.kassenzeichen", "receipt.method", "receipt.terminal",
                "receipt.keep", "receipt.quantity", "slip.title", "slip.district", "slip.room", "slip.hours",
                "slip.stepFree", "slip.notStepFree", "slip.map", "slip.bring",
            ]
            + PaymentMethod.allCases.map(\.textKey)
        for key in keys {
            #expect(LayoutFixtures.texts.texts[.german]?[key] != nil, "\(key) de")
            #expect(LayoutFixtures.texts.texts[.english]?[key] != nil, "\(key) en")
        }
        #expect(LayoutFixtures.texts.missingKeys(in: .english).isEmpty)
    }
}

public import KioskCore

/// The layout of a polling-place slip (Wahlraumsuche): election, district, place and address, room,
/// access, opening hours on election day, and a QR code of the map link when there is one.
public enum PollingPlaceSlipLayout {
    /// The document for one slip in `language`.
    public static func document(_ place: PollingPlace, language: Language, texts: TextCatalog) -> PrintDocument {
        document(PollingSlipPrintout(place: place, language: language, catalog: texts))
    }

    /// The document for a slip whose texts are resolved.
    public static func document(_ slip: PollingSlipPrintout) -> PrintDocument {
        let place = slip.place
        let language = slip.language
        func text(_ key: String, _ values: [String: String] = [:]) -> String { slip.text(key, values) }
        return PrintDocument {
            PrintElement.text(text("slip.title"), .heading)
            PrintElement.text(place.election[language], .centered)
            PrintElement.text(text("slip.district", ["district": place.district]), .centered)
            PrintElement.rule
            PrintElement.text(place.name, .subheading)
            PrintElement.text(place.street)
            PrintElement.text(place.town)
            if let room = place.room {
                PrintElement.text(text("slip.room", ["room": room]))
            }
            PrintElement.feed(lines: 1)
            PrintElement.text(
                text(
                    "slip.hours",
                    [
                        "date": place.day.germanFormat, "start": "\(place.hours.start)", "end": "\(place.hours.end)",
                    ]),
                .emphasized)
            PrintElement.feed(lines: 1)
            PrintElement.text(text(place.isStepFree ? "slip.stepFree" : "slip.notStepFree"), .emphasized)
            if let note = place.accessibilityNote {
                PrintElement.text(note[language])
            }
            if let link = place.mapLink {
                PrintElement.feed(lines: 1)
                PrintElement.text(text("slip.map"), .centered)
                // Blank lines around the code: its quiet zone (the printer adds none).
                PrintElement.feed(lines: 1)
                PrintElement.qrCode(link)
            }
            PrintElement.feed(lines: 1)
            PrintElement.text(text("slip.bring"), .centered)
            PrintElement.cut(partial: true)
        }
    }
}

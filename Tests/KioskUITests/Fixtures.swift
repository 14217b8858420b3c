import KioskUI

/// Sample screens shared by the layout and diff tests.
enum Fixtures {
    static let home = Screen(
        id: "home",
        title: "Bürgerbüro Musterstadt",
        subtitle: "Bitte wählen Sie Ihr Anliegen",
        body: [
            "Drücken Sie die Zahl vor Ihrem Anliegen oder wählen Sie mit den Pfeiltasten und bestätigen Sie mit Enter."
        ],
        options: [
            Option(key: "1", label: "Personalausweis", detail: "ca. 15 Min."),
            Option(key: "2", label: "Reisepass", detail: "ca. 20 Min."),
            Option(key: "3", label: "Führungszeugnis", detail: "ca. 10 Min."),
            Option(key: "4", label: "Meldebescheinigung", detail: "ca. 5 Min."),
            Option(key: "5", label: "An- und Ummeldung", detail: "ca. 25 Min."),
            Option(key: "6", label: "Fundbüro", detail: "heute geschlossen", enabled: false),
            Option(key: "7", label: "Kfz-Zulassung", detail: "nur mit Termin", enabled: false),
            Option(key: "8", label: "Beglaubigungen", detail: "ca. 10 Min."),
        ],
        selection: 2,
        footer: [
            FooterHint(key: "1–8", label: "Auswahl"),
            FooterHint(key: "Enter", label: "Weiter"),
            FooterHint(key: "L", label: "English"),
            FooterHint(key: "Esc", label: "Zurück"),
        ]
    )

    static let receipt = [
        "      STADT MUSTERSTADT",
        "        Bürgerbüro",
        "--------------------------------",
        "  Ihre Wartenummer",
        "",
        "             A 017",
        "",
        "  Personalausweis",
        "  Wartezeit ca. 15 Min.",
        "--------------------------------",
        "  12.03.2025            09:41",
        "  Terminal 2 · Erdgeschoss",
        "  Bitte Anzeige beachten",
        "--------------------------------",
    ]

    static let ticket = Screen(
        id: "ticket.issued",
        title: "Ihre Wartenummer",
        subtitle: "Personalausweis",
        highlight: "A 017",
        body: [
            "Bitte nehmen Sie Ihre Wartemarke aus dem Drucker. Sie werden auf der Anzeige im Wartebereich aufgerufen.",
            "Voraussichtliche Wartezeit: ca. 15 Minuten.",
        ],
        options: [
            Option(key: "1", label: "Fertig"),
            Option(key: "2", label: "Noch eine Wartemarke"),
        ],
        selection: 0,
        aside: receipt,
        footer: [
            FooterHint(key: "Enter", label: "Fertig"),
            FooterHint(key: "L", label: "English"),
            FooterHint(key: "Esc", label: "Zurück"),
        ],
        countdown: "Zurück zum Start in 10 s"
    )
}

public import KioskUI

/// The screens the flows show today, built directly as the flows build them: the terminal renderer's layout tests
/// and the pixel renderer's golden images are made of the same screens.
public enum ScreenFixtures {
    public static let footer = [
        FooterHint(key: "1–8", label: "Auswahl"),
        FooterHint(key: "Enter", label: "Weiter"),
        FooterHint(key: "L", label: "English"),
        FooterHint(key: "Esc", label: "Zurück"),
    ]

    public static let home = Screen(
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
        footer: footer
    )

    public static let receipt = [
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

    public static let ticketIssued = Screen(
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

    public static let ticketNotPrinted = Screen(
        id: "ticket.not-printed",
        title: "Ihre Wartenummer",
        subtitle: "Personalausweis",
        notice: Notice(
            kind: .warning,
            text: "Der Drucker hat kein Papier. Bitte merken Sie sich Ihre Nummer oder fotografieren Sie sie."),
        highlight: "A 018",
        body: ["Sie werden auf der Anzeige im Wartebereich aufgerufen."],
        options: [Option(key: "1", label: "Fertig")],
        selection: 0,
        footer: [FooterHint(key: "Enter", label: "Fertig"), FooterHint(key: "Esc", label: "Zurück")],
        countdown: "Zurück zum Start in 30 s"
    )

    public static let refused = Screen(
        id: "ticket.refused",
        title: "Führungszeugnis",
        notice: Notice(kind: .info, text: "Für heute sind alle Wartenummern für dieses Anliegen vergeben."),
        body: [
            "Buchen Sie einen Termin unter www.musterstadt.de/termine oder kommen Sie morgen ab 7:30 Uhr wieder."
        ],
        options: [Option(key: "1", label: "Anderes Anliegen wählen")],
        selection: 0,
        footer: [FooterHint(key: "Enter", label: "Weiter"), FooterHint(key: "Esc", label: "Zurück")]
    )

    public static let error = Screen(
        id: "error",
        title: "Bürgerbüro Musterstadt",
        notice: Notice(
            kind: .error,
            text: "Das Terminal ist gerade gestört. Bitte wenden Sie sich an den Empfang. · The terminal is out of order."),
        body: ["Ein Techniker ist informiert."],
        footer: [FooterHint(key: "Esc", label: "Zurück")]
    )

    public static let polling = Screen(
        id: "polling.entry",
        title: "Wahlraumsuche",
        subtitle: "Wo wähle ich?",
        body: ["Geben Sie Straße und Hausnummer ein."],
        options: [Option(key: "Enter", label: "Suchen"), Option(key: "Esc", label: "Zurück")],
        selection: 0,
        entry: TextEntry(label: "Straße und Hausnummer", text: "Hauptstraße 12"),
        footer: [FooterHint(key: "Enter", label: "Suchen"), FooterHint(key: "Esc", label: "Zurück")]
    )

    /// Texts in the other scripts the kiosk must show: Turkish, Ukrainian, Arabic (right to left).
    public static let languages = Screen(
        id: "languages",
        title: "Dil · Мова · اللغة",
        subtitle: "Lütfen işleminizi seçin · Оберіть, будь ласка, послугу",
        body: [
            "Şu anda İstanbul'dan gelen başvurular işleniyor; ğ ü ş ı ö ç İ.",
            "Українська: ґ є і ї — Ласкаво просимо до бюро громадян.",
            "مرحبا بكم في مكتب المواطنين. رقم الانتظار A 017",
        ],
        options: [
            Option(key: "1", label: "Türkçe"),
            Option(key: "2", label: "Українська"),
            Option(key: "3", label: "العربية", detail: "ca. 5 Min."),
        ],
        selection: 2,
        footer: footer
    )

    /// The footer of the flows' screens: language and back.
    static let flowFooter = [FooterHint(key: "L", label: "English"), FooterHint(key: "Esc", label: "Zurück")]
    /// The footer of screens with a text field, where every letter types.
    static let entryFooter = [
        FooterHint(key: "Enter", label: "Suchen"), FooterHint(key: "⌫", label: "Löschen"),
        FooterHint(key: "F2", label: "English"), FooterHint(key: "Esc", label: "Zurück"),
    ]

    /// Appointment check-in: waiting for the confirmation's code.
    public static let checkInPrompt = Screen(
        id: "checkin.prompt", title: "Termin-Check-in", subtitle: "Bürgerbüro Musterstadt",
        body: ["Bitte halten Sie den QR-Code oder Barcode Ihrer Terminbestätigung unter den Scanner."], footer: flowFooter)

    /// Checked in, with the appointment's ticket.
    public static let checkInDone = Screen(
        id: "checkin.done", title: "Ihre Wartenummer", subtitle: "Bürgerbüro Musterstadt",
        notice: Notice(kind: .info, text: "Sie sind eingecheckt. Bitte nehmen Sie Ihre Wartemarke aus dem Drucker."),
        highlight: "T 004",
        body: [
            "Ihr Termin: 09:10 Uhr · Meldebescheinigung",
            "Bitte warten Sie, bis Ihre Nummer auf der Anzeige erscheint.",
        ],
        aside: receipt, footer: flowFooter)

    /// Checked in, but the ticket did not print: the follow-the-queue code instead.
    public static let checkInNotPrinted = Screen(
        id: "checkin.not-printed", title: "Ihre Wartenummer", subtitle: "Bürgerbüro Musterstadt",
        notice: Notice(
            kind: .error,
            text: "Die Wartemarke konnte nicht gedruckt werden. Bitte merken Sie sich die Nummer. Der Drucker hat kein Papier."),
        highlight: "T 005",
        body: ["Ihr Termin: 09:10 Uhr · Meldebescheinigung"], footer: flowFooter)

    /// Check-in refused: the walk-in ticket offered instead.
    public static let checkInRefused = Screen(
        id: "checkin.refused", title: "Check-in nicht möglich", subtitle: "Bürgerbüro Musterstadt",
        notice: Notice(kind: .warning, text: "Ihr Termin ist erst morgen. Bitte kommen Sie dann wieder."),
        options: [Option(key: "W", label: "Stattdessen eine Wartemarke ziehen")], footer: flowFooter)

    /// Wahlraumsuche: scan the notice or type district or address.
    public static let pollingSearch = Screen(
        id: "wahl.search", title: "Wahlraumsuche", subtitle: "Bundestagswahl 2025",
        notice: Notice(kind: .warning, text: "Diesen Wahlbezirk kennen wir nicht. Bitte prüfen Sie die Nummer."),
        body: [
            "Scannen Sie den QR-Code Ihrer Wahlbenachrichtigung. Ohne Karte: tippen Sie die Nummer Ihres Wahlbezirks oder Straße und Hausnummer ein und drücken Sie Enter.",
            "Meinten Sie: Hauptstraße, Hauptplatz?",
        ],
        entry: TextEntry(label: "Wahlbezirk oder Straße und Hausnummer", text: "Hauptstr"), footer: entryFooter)

    /// The polling place found.
    public static let pollingPlace = Screen(
        id: "wahl.place", title: "Ihr Wahlraum", subtitle: "Bundestagswahl 2025",
        notice: Notice(kind: .info, text: "Barrierefrei erreichbar"),
        body: [
            "Grundschule am Markt", "Marktplatz 3", "12345 Musterstadt", "Raum: Turnhalle", "Wahlbezirk 1302",
            "Geöffnet am 23.02.2025 von 08:00 bis 18:00 Uhr",
        ],
        options: [Option(key: "D", label: "Zettel mit dem Wahlraum drucken"), Option(key: "N", label: "Wahlraumsuche")],
        footer: flowFooter)

    /// Lieferstatus: type the application number.
    public static let collectionSearch = Screen(
        id: "collection.search", title: "Abholung Ausweisdokument", subtitle: "Bürgerbüro Musterstadt",
        body: ["Scannen Sie den Barcode Ihres Abholscheins oder tippen Sie die Antragsnummer ein und drücken Sie Enter."],
        entry: TextEntry(label: "Antragsnummer", text: "PA-2025-"), footer: entryFooter)

    /// Central's answer on an ID document.
    public static let collectionAnswer = Screen(
        id: "collection.answer", title: "Abholung Ausweisdokument", subtitle: "Bürgerbüro Musterstadt",
        notice: Notice(kind: .info, text: "Ihr Dokument liegt zur Abholung bereit."),
        body: ["Bitte mitbringen: Abholschein, bisheriger Ausweis"], footer: flowFooter)

    /// The ID card's PIN service menu.
    public static let pinMenu = Screen(
        id: "pin.menu", title: "PIN-Dienst für den Ausweis", subtitle: "Personalausweis",
        notice: Notice(kind: .info, text: "Der Ausweis ist erkannt. Die PIN hat noch 3 Versuche."),
        body: [
            "Hier können Sie die PIN Ihres Personalausweises oder Aufenthaltstitels ändern. Ihre Eingaben bleiben auf der Karte: nichts wird gespeichert."
        ],
        options: [
            Option(key: "T", label: "Transport-PIN (5 Ziffern) durch eigene PIN ersetzen"), Option(key: "P", label: "PIN ändern"),
        ],
        footer: flowFooter)

    /// Typing a PIN, masked.
    public static let pinEntry = Screen(
        id: "pin.entry", title: "PIN-Dienst für den Ausweis",
        body: ["Die Transport-PIN steht im PIN-Brief (5 Ziffern). Tippen Sie sie ein und drücken Sie Enter."],
        entry: TextEntry(label: "Transport-PIN", text: "•••", keyboard: .digits),
        footer: [
            FooterHint(key: "Enter", label: "Auswählen"), FooterHint(key: "⌫", label: "Löschen"), FooterHint(key: "Esc", label: "Zurück"),
        ])

    /// The PIN changed.
    public static let pinDone = Screen(
        id: "pin.done", title: "PIN-Dienst für den Ausweis",
        notice: Notice(kind: .info, text: "Ihre neue PIN ist gesetzt."), body: ["Bitte nehmen Sie Ihren Ausweis vom Lesegerät."],
        footer: flowFooter)

    /// The PIN service failed.
    public static let pinFailed = Screen(
        id: "pin.failed", title: "PIN-Dienst für den Ausweis",
        notice: Notice(kind: .error, text: "Die PIN war falsch. Die PIN hat noch 2 Versuche."),
        body: ["Bitte nehmen Sie Ihren Ausweis vom Lesegerät."], footer: flowFooter)

    /// The display mode switches every flow screen carries, both off.
    public static let switches = [
        ModeSwitch(mode: .highContrast, label: "Kontrast", isOn: false),
        ModeSwitch(mode: .largeText, label: "Große Schrift", isOn: false),
    ]

    /// Every screen the app shows, with the mode switches the flows put on each: the golden set.
    public static let all: [Screen] = [
        home, ticketIssued, ticketNotPrinted, refused, error, polling, languages, checkInPrompt, checkInDone,
        checkInNotPrinted, checkInRefused, pollingSearch, pollingPlace, collectionSearch, collectionAnswer, pinMenu,
        pinEntry, pinDone, pinFailed,
    ].map { screen in
        var screen = screen
        screen.switches = switches
        return screen
    }
    /// The home screen in Arabic, as the session builds it: right to left as a whole.
    public static let homeArabic = Screen(
        id: "home.ar",
        title: "مرحبًا بكم في مكتب خدمة المواطنين",
        subtitle: "يرجى اختيار الخدمة المطلوبة",
        body: ["اضغط رقم الخدمة التي تريدها. ستحصل على رقم انتظار."],
        options: [
            Option(key: "1", label: "طلب بطاقة هوية", detail: "15 دقيقة"),
            Option(key: "2", label: "جواز السفر", detail: "20 دقيقة"),
            Option(key: "3", label: "شهادة حسن السيرة والسلوك", detail: "10 دقائق"),
            Option(key: "4", label: "شهادة تسجيل السكن", detail: "5 دقائق"),
            Option(key: "5", label: "مكتب المفقودات", detail: "غير متاحة اليوم", enabled: false),
            Option(key: "6", label: "تسجيل المركبات", detail: "بموعد مسبق فقط", enabled: false),
            Option(key: "T", label: "موعد: تسجيل الحضور"),
            Option(key: "W", label: "البحث عن مركز الاقتراع"),
        ],
        selection: 0,
        footer: [
            FooterHint(key: "1-9", label: "اختيار"), FooterHint(key: "↑↓", label: "تنقّل"),
            FooterHint(key: "L", label: "اللغة / Sprache"),
        ],
        rightToLeft: true
    )

    /// The home screen in Ukrainian: Cyrillic with its own letters (ї, є, ґ) and the longer words it needs.
    public static let homeUkrainian = Screen(
        id: "home.uk",
        title: "Ласкаво просимо до центру обслуговування громадян",
        subtitle: "Оберіть, будь ласка, потрібну послугу",
        body: ["Натисніть номер потрібної послуги. Ви отримаєте номер черги."],
        options: [
            Option(key: "1", label: "Оформлення посвідчення особи", detail: "15 хв"),
            Option(key: "2", label: "Закордонний паспорт", detail: "20 хв"),
            Option(key: "3", label: "Довідка про несудимість", detail: "10 хв"),
            Option(key: "4", label: "Довідка про реєстрацію місця проживання", detail: "5 хв"),
            Option(key: "5", label: "Бюро знахідок", detail: "сьогодні недоступно", enabled: false),
            Option(key: "6", label: "Реєстрація транспортних засобів", detail: "лише за записом", enabled: false),
            Option(key: "T", label: "Запис на прийом: відмітитися"),
            Option(key: "W", label: "Пошук місця голосування"),
        ],
        selection: 0,
        footer: [
            FooterHint(key: "1-9", label: "Вибрати"), FooterHint(key: "↑↓", label: "Гортати"),
            FooterHint(key: "L", label: "Мова / Sprache"),
        ]
    )

    /// The home screen in the other scripts, each with its golden images.
    public static let translatedHomes = [homeArabic, homeUkrainian]
}

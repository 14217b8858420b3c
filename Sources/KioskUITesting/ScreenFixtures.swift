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

    /// Every screen of the golden set.
    public static let all = [home, ticketIssued, ticketNotPrinted, refused, error, polling, languages]
}

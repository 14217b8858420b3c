/// What one screen shows, independent of whether a terminal or a framebuffer draws it.
public struct Screen: Equatable, Sendable {
    /// Stable name of the screen, e.g. "home" or "ticket.issued", for tests and screenshots.
    public var id: String
    /// Headline shown in the title bar.
    public var title: String
    /// Optional line under the title bar.
    public var subtitle: String?
    /// Optional boxed message, coloured by its kind.
    public var notice: Notice?
    /// The one big thing on the screen, e.g. the ticket number "A 017".
    public var highlight: String?
    /// Paragraphs of running text; the renderer wraps them.
    public var body: [String]
    /// Selectable buttons, each with its own key.
    public var options: [Option]
    /// Index into `options` of the button that has keyboard focus.
    public var selection: Int?
    /// A text field the citizen types into (street and house number, a district number), if the screen asks.
    public var entry: TextEntry?
    /// Monospaced lines such as a print preview; never wrapped, clipped with "…" when too wide.
    public var aside: [String]?
    /// Key hints shown on the last line.
    public var footer: [FooterHint]
    /// Idle warning such as "Zurück zum Start in 10 s".
    public var countdown: String?
    /// The display modes a citizen can switch on this screen (high contrast, large text) and whether they are on;
    /// a pixel display draws with them and offers them as buttons, a terminal leaves them to its own settings.
    public var switches: [ModeSwitch] = []
    /// The labels of the buttons that page through options that do not fit at once; without them the buttons
    /// show arrows only.
    public var paging: OptionPaging?
    /// The screen is in a right-to-left language (Arabic): renderers align text to the right and mirror the layout.
    public var rightToLeft: Bool

    /// Creates a screen; everything but the id and title may stay empty.
    public init(
        id: String,
        title: String,
        subtitle: String? = nil,
        notice: Notice? = nil,
        highlight: String? = nil,
        body: [String] = [],
        options: [Option] = [],
        selection: Int? = nil,
        entry: TextEntry? = nil,
        aside: [String]? = nil,
        footer: [FooterHint] = [],
        countdown: String? = nil,
        rightToLeft: Bool = false
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.notice = notice
        self.highlight = highlight
        self.body = body
        self.options = options
        self.selection = selection
        self.entry = entry
        self.aside = aside
        self.footer = footer
        self.countdown = countdown
        self.rightToLeft = rightToLeft
    }
}

/// A one-line text field: what it asks for and what has been typed so far.
public struct TextEntry: Equatable, Sendable {
    /// What to type, e.g. "Straße und Hausnummer".
    public var label: String
    /// The text typed so far.
    public var text: String
    /// Which on-screen keyboard a touch display offers for the field.
    public var keyboard: Keyboard

    /// The keys a touch display draws under a text field.
    public enum Keyboard: Hashable, Sendable {
        /// German QWERTZ letters with Ä Ö Ü ß, digits, hyphen, space, ⌫ and Enter: addresses, application numbers.
        case text
        /// A number pad with ⌫ and Enter: PINs, CANs and PUKs.
        case digits
    }

    /// Creates a text field; it asks for letters and digits unless said otherwise.
    public init(label: String, text: String, keyboard: Keyboard = .text) {
        self.label = label
        self.text = text
        self.keyboard = keyboard
    }
}

/// A boxed message on a screen.
public struct Notice: Equatable, Sendable {
    /// How urgent a notice is; renderers pick colours from it.
    public enum Kind: Equatable, Sendable {
        /// Neutral information.
        case info
        /// Something the citizen should know before going on.
        case warning
        /// Something went wrong.
        case error
    }

    /// How urgent the notice is.
    public var kind: Kind
    /// The message itself.
    public var text: String

    /// Creates a notice.
    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// A selectable button on a screen.
public struct Option: Equatable, Sendable {
    /// The key that selects it: "1" to "9" for services, a letter for the other actions.
    public var key: String
    /// What the button says.
    public var label: String
    /// Extra text beside the label, e.g. the waiting time or why the option is unavailable.
    public var detail: String?
    /// Whether the option can be chosen now.
    public var enabled: Bool

    /// Creates an option; options are enabled unless said otherwise.
    public init(key: String, label: String, detail: String? = nil, enabled: Bool = true) {
        self.key = key
        self.label = label
        self.detail = detail
        self.enabled = enabled
    }
}

/// A key hint on the last line, e.g. "Esc" with "Zurück".
public struct FooterHint: Equatable, Sendable {
    /// The key's name as printed on the keyboard.
    public var key: String
    /// What the key does.
    public var label: String

    /// Creates a footer hint.
    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

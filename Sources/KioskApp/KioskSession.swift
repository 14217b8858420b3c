public import Foundation
public import KioskCore
public import KioskStore
public import KioskUI
public import KioskMetrics
public import Logging
import KioskSealing
import QRCode

/// What a session needs besides its edges: catalog, texts and the terminal's settings.
public struct KioskSettings: Sendable {
    /// The service catalog.
    public var catalog: ServiceCatalog
    /// Screen and printout texts.
    public var texts: TextCatalog
    /// The terminal's configuration.
    public var configuration: TerminalConfiguration
    /// How this site reads scanned codes (`terminal.codes`); without rules every scan is refused as unknown.
    public var payloadRules: PayloadRules?

    /// Creates settings.
    public init(catalog: ServiceCatalog, texts: TextCatalog, configuration: TerminalConfiguration, payloadRules: PayloadRules? = nil) {
        self.catalog = catalog
        self.texts = texts
        self.configuration = configuration
        self.payloadRules = payloadRules
    }
}

/// The kiosk's interaction with one citizen at a time: the home screen and the walk-in ticket flow.
///
/// The session never draws; it returns `Screen` values and any renderer shows them. Data flow per ticket:
/// the store commits ticket and outbox event, only then the printer prints, then the screen confirms.
public actor KioskSession {
    enum State: Equatable {
        case home
        case ticket(Ticket, preview: [String], failure: Message?)
        case refused(ServiceID, Message)
        case failure(Message)
        /// Waiting for the appointment confirmation to be scanned.
        case checkInPrompt
        /// Checked in: the appointment's ticket, as on the ticket screen, with the appointment's time.
        case checkedIn(CheckedIn)
        /// No check-in; the citizen may draw a walk-in ticket instead.
        case checkInRefused(Message)
        /// Wahlraumsuche: scan the notice, or type a district or an address.
        case pollingSearch(entry: String, problem: Message?, suggestions: [String])
        /// The polling place found, and what became of its slip.
        case pollingPlace(PollingPlace, slip: SlipOutcome)
        /// Lieferstatus: scan the collection receipt, or type the application number.
        case collectionSearch(entry: String, problem: Message?)
        /// Central's answer on an ID document.
        case collectionAnswer(CollectionAnswer)
        /// An eID document is on the reader: what the PIN service offers for its PIN's state.
        case pinMenu(reader: String, kind: CardKind, status: PINStatus)
        /// Typing a PIN, CAN or PUK (masked).
        case pinEntry(PINEntry)
        /// The PIN service's answer.
        case pinResult(reader: String, Message, success: Bool)
        /// Paying a fee: choose the service.
        case paymentService
        /// Paying a fee: choose the fees of the service.
        case paymentFees(PaymentDraft, problem: Message?)
        /// Paying a fee: choose how.
        case paymentMethod(PaymentDraft)
        /// Paying a fee by SEPA mandate: type the IBAN.
        case paymentIBAN(PaymentDraft, entry: String, problem: Message?)
        /// Paying a fee: the amount and method to confirm.
        case paymentConfirm(PaymentDraft)
        /// Confirmed: the signature is being captured or the payment committed; inputs wait.
        case paymentSigning(PaymentDraft)
        /// The signature did not come (pad unplugged, cancelled on the pad): retry or cancel, nothing saved.
        case paymentSignatureProblem(PaymentDraft, Message)
        /// The payment confirmed and what became of its receipt.
        case paymentDone(PaymentDone)
        /// The technician PIN being typed (shown masked).
        case technicianPIN(digits: String, problem: Message?)
        /// The technician menu.
        case technicianMenu(TechnicianView)
    }

    /// A check-in's outcome as the screen shows it.
    struct CheckedIn: Equatable {
        var ticket: Ticket
        var appointmentStart: Date
        var again: Bool
        var note: Message?
        var preview: [String]
        var failure: Message?
    }

    /// Whether the polling-place slip was printed.
    enum SlipOutcome: Equatable {
        case notRequested
        case printed(preview: [String])
        case failed(Message)
    }

    var settings: KioskSettings
    let store: KioskStore
    let printer: any TicketPrinting
    let collectionStatus: (any CollectionStatusSource)?
    let idCards: (any IDCardService)?
    /// The signature pad for SEPA mandates; without it (or without central's sealing key) the terminal offers no
    /// direct debit.
    let signaturePad: (any SignatureCapturing)?
    /// Speech output: the idle warning always, every screen in headphone mode.
    let speaker: (any Speaking)?
    /// Central's public sealing key as the latest snapshot had it when the current payment began; mandate data is
    /// sealed to it before it is written. Read per payment, so that a rotated key takes effect with the next one.
    var centralSealingKey: SealingPublicKey?
    let logger: Logger
    let now: @Sendable () -> Date
    let afterCommit: @Sendable () -> Void
    /// Tickets, scans and print jobs counted for the metrics endpoint.
    let metrics: TerminalMetrics
    /// The report and the detached tests of the technician menu; nil: the menu shows no report.
    let technicianTools: TechnicianTools?
    /// Wrong technician PINs in a row.
    var technicianFailures = 0
    /// Until when the technician menu refuses every PIN.
    var technicianLockedUntil: Date?
    var calendar: SiteCalendar
    var state: State = .home
    var language: Language
    var focus = 0
    var lastActivity: Date
    var needsCheckpoint = false
    var recentCalls: [CallAnnouncement] = []
    /// Display modes the citizen switched on; they stay on through the flows until the kiosk is left idle.
    var displayModes: Set<DisplayMode> = []
    /// A scan that could not be used, shown on the current screen until the next input.
    var scanNotice: Notice?
    /// The Wahlraumsuche's data as last read from the store; read again whenever a search starts, so that an
    /// import while the kiosk runs takes effect with the next citizen.
    var pollingDirectory: PollingDirectory?
    /// The import stamp of `pollingDirectory`, to read the directory again only when a new import replaced it.
    var pollingDirectoryStamp: Int64?
    /// The language chooser is open over the current screen.
    var choosingLanguage = false
    /// Headphones are plugged in: the keypad drives the flow and every new screen is spoken.
    var headphonesPlugged = false
    /// Which page of options the keypad's digits stand for in headphone mode.
    var keypadPage = 0
    /// The screen last spoken in headphone mode, to speak a screen once and not on every tick.
    var lastAnnouncement: String?
    /// The idle warning has been spoken for this stretch of inactivity.
    var idleWarned = false

    /// Creates a session; `now` is injectable so that idle handling and opening hours can be tested.
    public init(
        settings: KioskSettings, store: KioskStore, printer: any TicketPrinting,
        collectionStatus: (any CollectionStatusSource)? = nil, idCards: (any IDCardService)? = nil,
        signaturePad: (any SignatureCapturing)? = nil, speaker: (any Speaking)? = nil,
        logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init, afterCommit: @escaping @Sendable () -> Void = {},
        metrics: TerminalMetrics = TerminalMetrics(), technicianTools: TechnicianTools? = nil
    ) {
        self.signaturePad = signaturePad
        self.metrics = metrics
        self.technicianTools = technicianTools
        self.collectionStatus = collectionStatus
        self.idCards = idCards
        self.speaker = speaker
        self.afterCommit = afterCommit
        self.settings = settings
        self.store = store
        self.printer = printer
        self.logger = logger
        self.now = now
        calendar = settings.catalog.site.calendar
        language = settings.configuration.defaultLanguage
        lastActivity = now()
        pollingDirectoryStamp = try? store.pollingDirectoryImportedAt()
        pollingDirectory = try? store.pollingDirectory()
    }

    /// The screen to show now.
    public func screen() -> Screen {
        var screen = choosingLanguage ? languageScreen() : build()
        if let scanNotice, !choosingLanguage { screen.notice = scanNotice }
        screen.rightToLeft = language.isRightToLeft
        screen.switches = DisplayMode.allCases.map {
            ModeSwitch(mode: $0, label: text("mode.\($0.rawValue)"), isOn: displayModes.contains($0))
        }
        screen.paging = OptionPaging(previous: text("paging.previous"), next: text("paging.next"))
        return withIdleWarning(screen)
    }

    /// Handles one input and returns the screen to show; in headphone mode the keypad's digits are read as the
    /// spoken menu gave them out, and a new screen is spoken.
    public func handle(_ input: KioskInput) async -> Screen {
        noteActivity()
        var input = input
        if headphonesPlugged {
            let shown = screen()
            switch keypadAction(input, on: shown) {
            case .repeatScreen:
                await announce(shown, force: true)
                return shown
            case .nextPage:
                keypadPage += 1
                await announce(shown, force: true)
                return shown
            case .ignored:
                return shown
            case .input(let translated):
                input = translated
            }
        }
        scanNotice = nil
        await apply(input)
        let shown = screen()
        await announce(shown)
        return shown
    }

    /// The flow's answer to one input.
    func apply(_ input: KioskInput) async {
        if case .toggle(let mode) = input {
            // Before the flows see the input: switching a mode never types, confirms or leaves a screen.
            if displayModes.remove(mode) == nil { displayModes.insert(mode) }
            return
        }
        if choosingLanguage {
            handleLanguageChooser(input)
            return
        }
        if await handlePINEntry(input) { return }
        if await handlePayment(input) { return }
        if await handleTechnician(input) { return }
        if await handleEntry(input) { return }
        switch (state, input) {
        case (.pinMenu(let reader, _, .ready), .character(let key)) where key.uppercased() == "T":
            startPIN(.transportPIN, reader: reader)
        case (.pinMenu(let reader, _, .ready), .character(let key)) where key.uppercased() == "P":
            startPIN(.changePIN, reader: reader)
        case (.pinMenu(let reader, _, .suspended), .character(let key)) where key.uppercased() == "C":
            startPIN(.resume, reader: reader)
        case (.pinMenu(let reader, _, .blocked), .character(let key)) where key.uppercased() == "U":
            startPIN(.unblock, reader: reader)
        case (.home, .character(let key)) where homeActions.contains { $0.key == key.uppercased() }:
            startAction(key.uppercased())
        case (.checkInRefused, .character(let key)) where key.uppercased() == "W":
            returnHome()
        case (.pollingPlace(let place, _), .character(let key)) where key.uppercased() == "D":
            await printSlip(place)
        case (.pollingPlace, .character(let key)) where key.uppercased() == "N":
            startPollingSearch()
        case (_, .toggleLanguage), (_, .character("l")), (_, .character("L")):
            openLanguageChooser()
        case (.home, .up):
            focus = max(0, focus - 1)
        case (.home, .down):
            focus = min(max(0, visibleServices.count + homeActions.count - 1), focus + 1)
        case (.home, .digit(let digit)):
            if digit >= 1, digit <= visibleServices.count {
                focus = digit - 1
                await issue(visibleServices[digit - 1].id)
            }
        case (.home, .confirm):
            if visibleServices.indices.contains(focus) {
                await issue(visibleServices[focus].id)
            } else if homeActions.indices.contains(focus - visibleServices.count) {
                startAction(homeActions[focus - visibleServices.count].key)
            }
        case (.home, _):
            break
        case (_, .back), (_, .confirm), (_, .deleteBackward):
            returnHome()
        default:
            break
        }
    }

    /// Called about once a second: warns (on screen and aloud) before the idle timeout, returns home with the
    /// last citizen's data cleared when it has passed; the screen when it changed.
    public func tick() async -> Screen? {
        maintainStoreWhenIdle()
        // The home screen has no timeout, but the next citizen gets the standard display all the same.
        if !displayModes.isEmpty, now().timeIntervalSince(lastActivity) >= Double(settings.configuration.idleTimeoutSeconds) {
            displayModes = []
            if state == .home { return screen() }
        }
        guard let remaining = idleRemaining() else { return nil }
        if remaining <= 0 {
            logger.info("Idle timeout, back to start")
            returnHome()
            let shown = screen()
            if headphonesPlugged { await announce(shown) } else { await speaker?.stop() }
            return shown
        }
        guard remaining <= idleWarningSeconds else { return nil }
        await speakIdleWarning(remaining: remaining)
        return screen()
    }

    /// Checkpoints the database after a ticket once the kiosk has been idle a moment, so that the fsync of
    /// the database file never falls inside a citizen's commit.
    func maintainStoreWhenIdle() {
        guard needsCheckpoint, now().timeIntervalSince(lastActivity) >= 2 else { return }
        needsCheckpoint = false
        do {
            try store.checkpoint()
        } catch {
            logger.warning("Checkpoint failed", metadata: ["kiosk.error": "\(error)"])
        }
    }

    // MARK: - Flow

    var visibleServices: [Service] { Array(settings.catalog.services.prefix(9)) }

    /// A standalone terminal grants itself numbers; a connected one issues only from the central service's blocks.
    var grantor: BlockGrantor? {
        settings.configuration.central == nil ? BlockGrantor(blockSize: settings.configuration.numberBlockSize) : nil
    }

    /// Adds calls from the central service's feed; the home screen shows the latest three.
    public func received(calls: [CallAnnouncement]) {
        recentCalls = Array((recentCalls + calls).suffix(3))
    }

    /// Replaces the catalog (from a newer central snapshot); takes effect on the home screen, never mid-flow.
    public func update(catalog: ServiceCatalog) {
        settings.catalog = catalog
        calendar = catalog.site.calendar
        if state == .home { focus = min(focus, max(0, visibleServices.count - 1)) }
    }

    func issue(_ service: ServiceID) async {
        let issuedAt = now()
        let result: KioskStore.IssueResult
        do {
            result = try store.issueWalkInTicket(
                catalog: settings.catalog, service: service, at: issuedAt,
                openCounters: settings.configuration.openCounters,
                grantor: grantor)
        } catch {
            logger.error("Ticket not issued", metadata: ["kiosk.error": "\(error)"])
            state = .failure(error.message)
            return
        }
        switch result {
        case .unknownService:
            state = .home
        case .refused(let refusal):
            logger.info("Ticket refused", metadata: ["kiosk.service": "\(service)", "kiosk.refusal": "\(refusal)"])
            state = .refused(service, refusal.message)
        case .issued(let ticket, let event):
            needsCheckpoint = true
            metrics.ticketIssued(kind: "walk-in")
            logger.info(
                "Ticket issued",
                metadata: ["kiosk.ticket.number": "\(ticket.number)", "kiosk.service": "\(service)", "kiosk.event.sequence": "\(event.sequence)"])
            await print(ticket)
            afterCommit()
        }
    }

    func print(_ ticket: Ticket) async {
        let printout = self.printout(for: ticket)
        do {
            let printed = try await printer.printTicket(printout)
            state = .ticket(ticket, preview: printed.preview, failure: nil)
            metrics.printed(document: "ticket", outcome: "printed")
            try store.recordPrint(ticket: ticket.id, printer: printer.identifier, failure: nil, at: now())
        } catch let failure as PrintFailure {
            metrics.printed(document: "ticket", outcome: failure.reason)
            logger.warning("Ticket not printed", metadata: ["kiosk.ticket.number": "\(ticket.number)", "kiosk.print.reason": "\(failure.reason)"])
            state = .ticket(ticket, preview: followCode(ticket) ?? failure.preview, failure: failure.message)
            _ = try? store.recordPrint(ticket: ticket.id, printer: printer.identifier, failure: failure.reason, at: now())
        } catch {
            // The ticket is committed and on screen; only the print event is missing, so say so in the log.
            logger.error("Print outcome not recorded", metadata: ["kiosk.error": "\(error)"])
        }
    }

    /// The ticket's follow-the-queue QR code for the screen when the paper did not come out: the citizen
    /// photographs or scans it instead. The ticket id goes in upper case, which QR packs tighter (central reads
    /// either case), and a margin of two modules (phones read that on a screen) keeps the code at 33 columns,
    /// inside the preview box of a 100-column terminal.
    func followCode(_ ticket: Ticket) -> [String]? {
        let link = settings.configuration.followLinkBase + ticket.id.uuidString.uppercased()
        return (try? QRCode(text: link, errorCorrection: .low)).map { BlockGraphics.halfBlockLines($0.rows, quietZone: 2) }
    }

    /// The printout in the citizen's language with the German request to wait always included.
    func printout(for ticket: Ticket) -> TicketPrintout {
        let serviceName = settings.catalog.service(ticket.service)?.name[language] ?? ticket.service.rawValue
        var instructions = [settings.texts.text("ticket.instructions", .german)]
        let second: Language = language == .german ? .english : language
        instructions.append(settings.texts.text("ticket.instructions", second))
        return TicketPrintout(
            siteName: settings.catalog.site.name[language], serviceName: serviceName, number: ticket.number.display,
            issued: text("print.issued", ["date": Self.germanDate(ticket.day), "time": "\(calendar.timeOfDay(of: ticket.issuedAt))"]),
            estimate: ticket.estimate.text(in: language), instructions: instructions,
            followLink: settings.configuration.followLinkBase + ticket.id.uuidString.lowercased(),
            terminal: settings.configuration.terminal.rawValue, ticketID: ticket.id)
    }

    static func germanDate(_ day: BusinessDay) -> String {
        "\(day.day < 10 ? "0" : "")\(day.day).\(day.month < 10 ? "0" : "")\(day.month).\(day.year)"
    }

    /// Back to the start for the next citizen, with nothing of the last one left in memory or on screen.
    func returnHome() {
        clearPersonalData()
    }

    // MARK: - Screens

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        settings.texts.text(key, language, values)
    }

    /// A message in the citizen's language: from the text files where it has a key, else as written in code.
    func text(_ message: Message) -> String {
        settings.texts.text(message, language)
    }

    var footer: [FooterHint] {
        [FooterHint(key: "L", label: text("footer.language")), FooterHint(key: "Esc", label: text("footer.back"))]
    }

    /// On screens with a text field every letter types, so the language is on F2 there.
    var entryFooter: [FooterHint] {
        [
            FooterHint(key: "Enter", label: text("footer.search")), FooterHint(key: "⌫", label: text("footer.delete")),
            FooterHint(key: "F2", label: text("footer.language")), FooterHint(key: "Esc", label: text("footer.back")),
        ]
    }

    func build() -> Screen {
        switch state {
        case .home: return homeScreen()
        case .checkInPrompt, .checkedIn, .checkInRefused: return checkInScreen()
        case .pollingSearch, .pollingPlace: return pollingScreen()
        case .collectionSearch, .collectionAnswer: return collectionScreen()
        case .pinMenu, .pinEntry, .pinResult: return pinScreen()
        case .paymentService, .paymentFees, .paymentMethod, .paymentIBAN, .paymentConfirm, .paymentSigning,
            .paymentSignatureProblem, .paymentDone:
            return paymentScreen()
        case .technicianPIN, .technicianMenu: return technicianScreen()
        case let .ticket(ticket, preview, failure):
            let serviceName = settings.catalog.service(ticket.service)?.name[language] ?? ticket.service.rawValue
            return Screen(
                id: failure == nil ? "ticket.issued" : "ticket.not-printed", title: text("ticket.title"),
                subtitle: settings.catalog.site.name[language],
                notice: Notice(kind: failure == nil ? .info : .error, text: failure.map { text("ticket.notPrinted") + " " + text($0) } ?? text("ticket.printed")),
                highlight: ticket.number.display,
                body: [
                    text("ticket.service", ["service": serviceName]),
                    text("ticket.wait", ["estimate": ticket.estimate.text(in: language)]),
                    text("ticket.instructions"),
                ],
                aside: preview.isEmpty ? nil : preview, footer: footer)
        case let .refused(service, message):
            return Screen(
                id: "ticket.refused", title: text("refused.title"),
                subtitle: settings.catalog.service(service)?.name[language],
                notice: Notice(kind: .warning, text: text(message)), footer: footer)
        case .failure(let message):
            return Screen(
                id: "error", title: text("error.title"), notice: Notice(kind: .error, text: text(message)),
                body: [text("error.body")], footer: footer)
        }
    }

    /// "Zuletzt aufgerufen: A 017 → Schalter 3 · …", newest first; empty without calls.
    var lastCallsLine: [String] {
        guard !recentCalls.isEmpty else { return [] }
        let calls = recentCalls.reversed().map { "\($0.number) → \($0.counterName)" }.joined(separator: " · ")
        return [text("home.lastCalls", ["calls": calls])]
    }

    func homeScreen() -> Screen {
        let at = now()
        let counts = (try? store.walkInCounts(day: calendar.businessDay(of: at))) ?? [:]
        let policy = IssuePolicy(calendar: calendar)
        let options = visibleServices.enumerated().map { index, service in
            let refusal = policy.refusal(for: service, site: settings.catalog.site, issuedToday: counts[service.id] ?? 0, at: at)
            let detail: String? =
                switch refusal {
                case nil: service.hint?[language]
                case .appointmentOnly?: text("home.appointmentOnly")
                case .capacityReached?: text("home.unavailable")
                default: nil
                }
            return Option(key: String(index + 1), label: service.name[language], detail: detail, enabled: refusal == nil)
        } + homeActions.map { Option(key: $0.key, label: text($0.label)) }
        let anyOpen = options.prefix(visibleServices.count).contains(where: \.enabled)
        var closedNotice: Notice?
        if !anyOpen, let first = visibleServices.first(where: { $0.access.allowsWalkIn }),
            let refusal = policy.refusal(for: first, site: settings.catalog.site, issuedToday: 0, at: at)
        {
            closedNotice = Notice(kind: .warning, text: text(refusal.message))
        }
        return Screen(
            id: "home", title: text("home.title"), subtitle: settings.catalog.site.name[language], notice: closedNotice,
            body: [text("home.body")] + (settings.payloadRules == nil ? [] : [text("home.scanHint")]) + lastCallsLine,
            options: options, selection: focus,
            footer: [FooterHint(key: "1-9", label: text("footer.choose")), FooterHint(key: "↑↓", label: text("footer.move"))]
                + [FooterHint(key: "L", label: text("footer.language"))])
    }
}

import KioskCore
public import KioskUI
import Logging

/// What a keypad key means in headphone mode before the flow sees it.
enum KeypadAction: Equatable {
    /// Say the screen again.
    case repeatScreen
    /// Say the next page of options.
    case nextPage
    /// Pass this input to the flow.
    case input(KioskInput)
    /// A digit that stands for nothing on this screen.
    case ignored
}

extension KioskSession {
    /// Headphones plugged in or pulled out. The real path is the jack's switch (`SW_HEADPHONE_INSERT` from the
    /// evdev node in terminal.yaml's `headphones:`); F5 toggles it as the technician's stand-in. Plugged in, the
    /// keypad drives the flow with spoken guidance, starting with the language; pulled out, speech stops and the
    /// screen works as usual.
    public func headphones(plugged: Bool) async -> Screen {
        noteActivity()
        guard plugged != headphonesPlugged else { return screen() }
        headphonesPlugged = plugged
        logger.info("Headphone mode", metadata: ["kiosk.headphones": "\(plugged)"])
        lastAnnouncement = nil
        if plugged {
            openLanguageChooser()
            let shown = screen()
            await announce(shown, prefix: [Utterance(text: ScreenSpeech.speakable([text("speech.headphones")]), language: language)])
            return shown
        }
        await speaker?.stop()
        return screen()
    }

    /// What a key means in headphone mode on the screen shown. On a screen with a text field the digits type
    /// (a district number has fives), and Enter on an empty field repeats instead.
    func keypadAction(_ input: KioskInput, on shown: Screen) -> KeypadAction {
        if let entry = shown.entry {
            if input == .confirm && entry.text.isEmpty { return .repeatScreen }
            return .input(input)
        }
        switch input {
        case .digit(HeadphoneKeypad.repeatDigit):
            return .repeatScreen
        case .digit(HeadphoneKeypad.moreDigit):
            return HeadphoneKeypad.pageCount(shown) > 1 ? .nextPage : .repeatScreen
        case .digit(let digit):
            guard let option = HeadphoneKeypad.page(shown, number: keypadPage).first(where: { $0.digit == digit })?.option,
                let chosen = HeadphoneKeypad.input(choosing: option)
            else { return .ignored }
            return .input(chosen)
        default:
            return .input(input)
        }
    }

    /// The screen's spoken text in the session's language (the chooser speaks each language in its own).
    func speech(for shown: Screen) -> [Utterance] {
        if choosingLanguage { return languageSpeech() }
        return ScreenSpeech(texts: settings.texts, language: language).describe(shown, page: keypadPage)
    }

    /// In headphone mode, says the screen when it is a new one (not when only the typed text or the countdown
    /// changed), or always when `force` is set (5 pressed, next page).
    func announce(_ shown: Screen, force: Bool = false, prefix: [Utterance] = []) async {
        guard headphonesPlugged, let speaker else { return }
        let signature = Self.signature(of: shown, choosingLanguage: choosingLanguage)
        if signature != lastAnnouncement {
            keypadPage = 0
        } else if !force && prefix.isEmpty {
            return
        }
        lastAnnouncement = signature
        do {
            try await speaker.say(prefix + speech(for: shown))
        } catch {
            logger.warning("Speech failed", metadata: ["kiosk.speech.error": "\(error)"])
        }
    }

    /// What makes a screen a different one for the ear: its content without the typed text, focus or countdown.
    static func signature(of screen: Screen, choosingLanguage: Bool) -> String {
        var parts = [choosingLanguage ? "language" : screen.id, screen.title, screen.subtitle ?? "", screen.notice?.text ?? "", screen.highlight ?? ""]
        parts += screen.body
        parts += screen.options.map { "\($0.key)=\($0.label)/\($0.enabled)" }
        parts.append(screen.entry?.label ?? "")
        return parts.joined(separator: "\u{1F}")
    }
}

import KioskCore
import KioskUI
import Foundation
import Logging

extension KioskSession {
    /// How long before the idle timeout the warning shows and is spoken: long enough to hear the spoken warning
    /// and find a key, at most half the timeout.
    var idleWarningSeconds: Int { min(15, max(1, settings.configuration.idleTimeoutSeconds / 2)) }

    /// Any input: the idle clock starts again and a warning on screen goes away.
    func noteActivity() {
        lastActivity = now()
        idleWarned = false
    }

    /// Seconds left before the session returns home, or nil on the home screen (nothing to time out).
    func idleRemaining() -> Int? {
        guard state != .home || choosingLanguage else { return nil }
        // A signature being captured is not idleness: the citizen is signing on the pad, not touching the screen.
        if case .paymentSigning = state { return nil }
        let elapsed = now().timeIntervalSince(lastActivity)
        return Int((Double(settings.configuration.idleTimeoutSeconds) - elapsed).rounded(.up))
    }

    /// The warning over the current screen: a question in a notice and the countdown band.
    func withIdleWarning(_ screen: Screen) -> Screen {
        guard let remaining = idleRemaining(), remaining <= idleWarningSeconds else { return screen }
        var screen = screen
        screen.notice = Notice(kind: .warning, text: text("idle.question"))
        screen.countdown = text("idle.countdown", ["seconds": String(max(0, remaining))])
        return screen
    }

    /// Says the idle warning once when it appears, on the loudspeaker or, in headphone mode, the headphones.
    func speakIdleWarning(remaining: Int) async {
        guard !idleWarned, let speaker else { return }
        idleWarned = true
        do {
            try await speaker.say(Utterance(text: ScreenSpeech.speakable([text("idle.spoken", ["seconds": String(remaining)])]), language: language))
        } catch {
            logger.warning("Speech failed", metadata: ["kiosk.speech.error": "\(error)"])
        }
    }

    /// Forgets everything of the last citizen before the next one comes: the one place that does it, so that a
    /// new flow adds its own data here.
    ///
    /// - the flow state, and with it typed text (district, street and house number, application number), the
    ///   polling place found, the collection answer, ticket and check-in shown, and PIN digits (wiped first);
    /// - a notice about the last scan or card;
    /// - the focus, the keypad page, the open language chooser and the language chosen;
    /// - the last spoken description, which "5 = repeat" would otherwise read out again.
    ///
    /// The renderers hold only the last frame, and the home screen drawn next replaces it.
    func clearPersonalData() {
        leavePINService()
        state = .home
        scanNotice = nil
        focus = 0
        keypadPage = 0
        choosingLanguage = false
        lastAnnouncement = nil
        idleWarned = false
        language = settings.configuration.defaultLanguage
    }
}

import KioskCore
import KioskUI

extension KioskSession {
    /// The languages in the order the chooser lists them; the digit of each is its position.
    static var chooserLanguages: [Language] { Language.allCases }

    /// Opens the language chooser over the current screen; the flow underneath stays as it was.
    func openLanguageChooser() {
        choosingLanguage = true
    }

    /// Handles a key while the chooser is open: a digit picks a language, Back closes it unchanged.
    func handleLanguageChooser(_ input: KioskInput) {
        switch input {
        case .digit(let digit) where Self.chooserLanguages.indices.contains(digit - 1):
            language = Self.chooserLanguages[digit - 1]
            choosingLanguage = false
        case .back, .deleteBackward, .toggleLanguage:
            choosingLanguage = false
        default:
            break
        }
    }

    /// Every language in its own name, so that a citizen finds theirs without reading the current one.
    func languageScreen() -> Screen {
        Screen(
            id: "language", title: text("language.title"), body: [text("language.prompt")],
            options: Self.chooserLanguages.enumerated().map { Option(key: String($0.offset + 1), label: $0.element.nativeName) },
            selection: Self.chooserLanguages.firstIndex(of: language),
            footer: [FooterHint(key: "1-\(Self.chooserLanguages.count)", label: text("footer.choose")), FooterHint(key: "Esc", label: text("footer.back"))])
    }

    /// The chooser read aloud: each language offered in its own language and voice, then how to repeat.
    func languageSpeech() -> [Utterance] {
        var utterances = [Utterance(text: ScreenSpeech.speakable([text("language.title")]), language: language)]
        for (index, option) in Self.chooserLanguages.enumerated() {
            let digit = HeadphoneKeypad.page(languageScreen(), number: 0)[index].digit
            utterances.append(
                Utterance(
                    text: ScreenSpeech.speakable([settings.texts.text("speech.option", option, ["label": option.nativeName, "digit": String(digit)])]),
                    language: option))
        }
        utterances.append(Utterance(text: ScreenSpeech.speakable([text("speech.repeat")]), language: language))
        return utterances
    }
}

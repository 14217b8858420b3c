import Foundation
public import KioskCore
public import KioskUI

/// What a screen says aloud: title, subtitle, notice, the big number, the running text, the text field, then the
/// choosable options with their keypad digits and how to repeat. Built from the `Screen`, so every screen has it.
public struct ScreenSpeech {
    /// Texts for the spoken phrases ("Für … drücken Sie die …").
    let texts: TextCatalog
    /// The language spoken.
    let language: Language

    /// Creates a describer for one language.
    public init(texts: TextCatalog, language: Language) {
        self.texts = texts
        self.language = language
    }

    /// The screen read aloud, with the options of keypad page `page`.
    public func describe(_ screen: Screen, page: Int = 0) -> [Utterance] {
        var sentences: [String] = [screen.title]
        if let subtitle = screen.subtitle { sentences.append(subtitle) }
        if let notice = screen.notice { sentences.append(notice.text) }
        if let highlight = screen.highlight { sentences.append(Self.spelled(highlight)) }
        sentences += screen.body
        if let entry = screen.entry {
            sentences.append(texts.text("speech.entry", language, ["label": entry.label]))
        }
        // Labels only: the details (waiting times, what to bring) would make the menu too long to keep in mind.
        for (digit, option) in HeadphoneKeypad.page(screen, number: page) {
            sentences.append(texts.text("speech.option", language, ["label": option.label, "digit": String(digit)]))
        }
        if HeadphoneKeypad.pageCount(screen) > 1 { sentences.append(texts.text("speech.more", language)) }
        if screen.entry == nil { sentences.append(texts.text("speech.repeat", language)) }
        return [Utterance(text: Self.speakable(sentences), language: language)]
    }

    /// Sentences joined with a full stop where they have none, so that the voice pauses between them.
    static func speakable(_ sentences: [String]) -> String {
        sentences.filter { !$0.isEmpty }.map { sentence in
            let trimmed = sentence.trimmingCharacters(in: .whitespaces)
            let last = trimmed.last.map { ".!?:;؟…".contains($0) } ?? true
            return last ? trimmed : trimmed + "."
        }
        .joined(separator: " ")
        // A middle dot between spaces separates items; inside a word (Leichte Sprache's "Warte·nummer") it splits
        // a long word for the eye only, and the voice must read the word whole.
        .replacingOccurrences(of: " · ", with: ", ")
        .replacingOccurrences(of: "·", with: "")
    }

    /// A ticket number such as "A 017" said as letter and number ("A 17"), not as "A zero seventeen".
    static func spelled(_ highlight: String) -> String {
        highlight.split(separator: " ").map { part in
            if let number = Int(part), part.allSatisfy(\.isNumber) { String(number) } else { String(part) }
        }.joined(separator: " ")
    }
}

import Foundation
@testable import KioskCore
import KioskUI
import Testing
@testable import CardReader
@testable import KioskApp
@testable import KioskStore
@testable import KioskSync
@testable import Printing
@testable import USBDevices

/// Every message built in code that can reach a citizen's screen, from every layer, is shown in the citizen's
/// language: it has a key, every language file has its text, and no language but German shows German.
@Suite struct CitizenMessagesTests {
    /// The messages the flows can show, one for each distinct text (cases with values carry sample values).
    static var all: [Message] {
        let day = BusinessDay(year: 2026, month: 11, day: 24)
        var messages: [Message] = []
        // KioskCore: refusals, check-in, PIN state, scanned codes, collection, Wahlraumsuche, IBAN, pad, printer port.
        messages += [
            IssueRefusal.appointmentOnly, .capacityReached(capacity: 80), .closedToday(nextOpen: nil),
            .closedToday(nextOpen: "2026-11-24"), .notYetOpen(opensAt: TimeOfDay(hour: 7, minute: 30)),
            .closingSoon(closesAt: TimeOfDay(hour: 15, minute: 0)), .breakTime(reopensAt: TimeOfDay(hour: 13, minute: 30)),
        ].map(\.message)
        messages += [
            CheckInDecision.tooEarly(checkInFrom: Date(), localTime: TimeOfDay(hour: 9, minute: 40)), .onTime,
            .lateAccepted(minutesLate: 12), .tooLate, .wrongDay(day), .cancelled, .alreadyCheckedIn,
        ].map(\.message)
        messages += [CheckInRefusal.notFound, .unknownService, .invalidCode].map(\.message)
        messages += [PINStatus.ready(triesLeft: 3), .ready(triesLeft: 2), .suspended, .blocked, .deactivated].map(\.message)
        messages += [
            PayloadRejection(.unrecognised), PayloadRejection(.unreadable),
            PayloadRejection(.malformed(.appointment, rule: "r", problem: "p")),
            PayloadRejection(.malformed(.electionNotice, rule: "r", problem: "p")),
            PayloadRejection(.malformed(.collectionReceipt, rule: "r", problem: "p")),
        ].map(\.message)
        messages += CollectionAnswerStatus.allCases.map(\.message)
        messages += [
            CollectionRequirement.collectionReceipt, .oldIdentityCard, .oldPassport, .pinLetter, .passport, .oldResidencePermit,
        ].map(\.message)
        messages += [
            AddressLookup.houseNumberNotListed(street: "Hauptstraße", districts: ["101"]), .invalidHouseNumber,
            .ambiguousStreet(candidates: ["A", "B"]), .unknownStreet(suggestions: []), .unknownStreet(suggestions: ["Kirschallee"]),
        ].compactMap(\.message)
        messages += [IBAN.Problem.invalidCharacters, .malformedStart, .wrongLength(expected: 22), .checksum].map(\.message)
        messages += [SignatureCaptureError.notConnected.problem, SignatureCaptureError.busy.problem]
        messages += CardKind.allCases.map(\.name)
        // Printing: the printer's conditions and the failures of CUPS and the emulated printer.
        messages += PrinterStatus.Condition.allCases.map(\.message)
        messages += [
            CUPSError(.interrupted(job: 1)).printFailure.message, PrintFailure.paperEnd.message,
            PrintFailure.coverOpen.message,
        ]
        // CardReader: the PIN service's and pcsc-lite's errors, shown by the PIN flow.
        messages += [
            PINServiceError(.wrongPIN(.suspended)), PINServiceError(.wrongPIN(.blocked)), PINServiceError(.wrongPIN(.ready(triesLeft: 2))),
            PINServiceError(.wrongPIN(nil)), PINServiceError(.wrongCAN), PINServiceError(.wrongPUK), PINServiceError(.newPINInvalid),
            PINServiceError(.noPACE), PINServiceError(.refused(0x6A80)),
        ].map(\.message)
        messages += [
            0x8010_001D, 0x8010_002E, 0x8010_000C, 0x8010_0068, 0x8010_0066, 0x8010_0065, 0x8010_000B, 0x8010_000A, 0x8010_0002,
            0x8010_0013, 0x8010_0006, 0x8010_0008,
        ].map { PCSCError(code: $0, operation: "test").message }
        // KioskSync, USBDevices, KioskStore.
        messages += [CollectionLookupError.Kind.offline, .invalidNumber, .malformedResponse].map { CollectionLookupError(kind: $0).message }
        messages += [ScanProblem.incomplete, ScanProblem.garbled, ScanProblem.unknownKey]
        messages += [
            StoreError.Kind.corrupt, .diskFull, .readOnly, .cannotOpen, .busy, .io, .terminalMismatch(stored: "a", configured: "b"),
            .noNumbers, .unreadableContent, .other(code: 1),
        ].map { StoreError($0, operation: "test").message }
        // KioskApp's own.
        messages += [
            KioskSession.collectionUnavailable, KioskSession.invalidApplicationNumber, KioskSession.pollingUnavailable,
            KioskSession.unknownDistrict, KioskSession.digitsWanted(6...6), KioskSession.digitsWanted(5...6),
        ]
        return messages
    }

    static func catalog() throws -> TextCatalog { try ExampleSite.standalone(in: temporary()).settings.texts }

    static func temporary() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-messages-\(UUID().uuidString)")
    }

    @Test func everyMessageHasAKeyAndTheFilesSayWhatTheCodeSays() throws {
        let catalog = try Self.catalog()
        let messages = Self.all
        #expect(messages.count > 100)
        for message in messages {
            #expect(message.key != nil, "no key: \(message)")
            // German and English in the files are the code's text with the values filled: the two cannot drift apart.
            #expect(catalog.text(message, .german) == message[.german], "\(message.key ?? "")")
            #expect(catalog.text(message, .english) == message[.english], "\(message.key ?? "")")
        }
    }

    @Test(arguments: [Language.turkish, .arabic, .ukrainian, .easyGerman, .english])
    func noMessageFallsBackToGerman(language: Language) throws {
        let catalog = try Self.catalog()
        // Names that read the same in German and Leichte Sprache.
        let sameInEasyGerman: Set = ["card.kind.girocard", "card.kind.unknown"]
        for message in Self.all {
            let key = try #require(message.key)
            #expect(catalog.texts[language]?[key] != nil, "\(language.rawValue).yaml lacks \(key)")
            let shown = catalog.text(message, language)
            #expect(!shown.contains("{") && !shown.contains("}"), "\(key) leaves a placeholder: \(shown)")
            if key == "card.kind.girocard" || (language == .easyGerman && sameInEasyGerman.contains(key)) { continue }
            #expect(shown != catalog.text(message, .german), "\(key) shows German in \(language.rawValue)")
        }
    }

    /// The sample flows (home before opening, refused ticket, ticket not printed, Wahlraumsuche with a typo and a
    /// district, collection answer, check-in, languages) walked in each language: no notice shows German.
    @Test(arguments: [Language.turkish, .arabic, .ukrainian, .easyGerman])
    func theFlowsShowNoGermanNotice(language: Language) async throws {
        let german = try await ScreenFitTests.screens(in: .german)
        let translated = try await ScreenFitTests.screens(in: language)
        #expect(translated.map(\.id) == german.map(\.id))
        var compared = 0
        for (original, screen) in zip(german, translated) {
            // The error screen's detail is a test message without a key (ScreenFitTests), shown as written.
            guard let germanNotice = original.notice?.text, screen.id != "error" else { continue }
            let notice = try #require(screen.notice?.text, "\(screen.id) lost its notice")
            #expect(notice != germanNotice, "\(screen.id) shows German in \(language.rawValue): \(notice)")
            compared += 1
        }
        // Home before opening, refused ticket, not printed, the Wahlraumsuche's problems and the collection answer.
        #expect(compared >= 5)
    }

    @Test func aRefusedTicketInTurkishSaysWhyInTurkish() async throws {
        let kiosk = try SpeakingKiosk(language: .turkish)
        kiosk.clock.now = SiteCalendar.berlin.instant(of: TimeOfDay(hour: 7, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23))
        let screen = await kiosk.session.handle(.digit(1))
        #expect(screen.id == "ticket.refused")
        let notice = try #require(screen.notice?.text)
        let turkish = try #require(kiosk.loaded.settings.texts.texts[.turkish]?["refused.notYetOpen"])
        let opening = try #require(notice.firstMatch(of: /\d\d:\d\d/)).output
        #expect(notice == turkish.replacingOccurrences(of: "{time}", with: String(opening)))
        #expect(notice.hasPrefix("Sıra numaraları bugün saat"))
    }

    @Test func anIBANProblemInUkrainianAndAPINProblemInArabic() async throws {
        let catalog = try Self.catalog()
        let ukrainian = catalog.text(IBAN.Problem.wrongLength(expected: 22).message, .ukrainian)
        #expect(ukrainian == "Неправильна довжина IBAN (потрібно символів: 22). Перевірте, будь ласка.")
        let arabic = catalog.text(PINServiceError(.wrongPIN(.ready(triesLeft: 2))).message, .arabic)
        #expect(arabic == "الرقم السري خاطئ. المحاولات المتبقية: 2.")
        let date = catalog.text(CheckInDecision.wrongDay(BusinessDay(year: 2026, month: 11, day: 24)).message, .arabic)
        #expect(date.contains("2026-11-24"))
    }
}

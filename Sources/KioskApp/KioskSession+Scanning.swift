import Foundation
public import KioskCore
public import KioskUI
import KioskMetrics
import Logging

extension KioskSession {
    /// Handles what the scanner reports and returns the screen to show.
    ///
    /// A code that cannot be read is a retry, not a fault: the current screen stays and says to scan again.
    public func handle(scanner event: ScannerEvent) async -> Screen {
        if technicianScanned(event) { return screen() }
        switch event {
        case .scanned(let code):
            noteActivity()
            scanNotice = nil
            await scanned(code)
        case .unreadable(let device, let problem):
            metrics.scanned(.unreadable)
            logger.info("Scan unreadable", metadata: ["kiosk.device": "\(device)"])
            scanNotice = Notice(kind: .warning, text: text("scan.unreadable") + " " + text(problem))
        case .attached(let device):
            metrics.device(kind: "scanner", level: .ok)
            logger.info("Scanner ready", metadata: ["kiosk.device": "\(device)"])
        case .detached(let device):
            metrics.device(kind: "scanner", level: .error)
            logger.warning("Scanner gone", metadata: ["kiosk.device": "\(device)"])
        }
        let shown = screen()
        await announce(shown)
        return shown
    }

    /// Routes a scanned code to the flow its payload belongs to, from any screen: a citizen who scans knows
    /// what they hold. The code's content never reaches the log, only its kind and size.
    func scanned(_ code: ScannedCode) async {
        guard let rules = settings.payloadRules else {
            metrics.scanned(.rejected)
            logger.info("Scan refused", metadata: ["kiosk.scan.reason": "no-rules", "kiosk.scan.bytes": "\(code.data.count)"])
            scanNotice = Notice(kind: .warning, text: text("scan.unknown"))
            return
        }
        let classified = rules.classify(code)
        metrics.scanned(classified.isSuccess ? .recognised : .rejected)
        switch classified {
        case .success(.appointment(let appointment)):
            logger.info("Code scanned", metadata: ["kiosk.scan.kind": "appointment"])
            await checkIn(appointment)
        case .success(.electionNotice(let notice)):
            logger.info("Code scanned", metadata: ["kiosk.scan.kind": "election-notice"])
            showPollingPlace(district: notice.district)
        case .success(.collectionReceipt(let number)):
            logger.info("Code scanned", metadata: ["kiosk.scan.kind": "collection-receipt"])
            await askCollectionStatus(number)
        case .failure(let rejection):
            logger.info(
                "Scan refused",
                metadata: [
                    "kiosk.scan.reason": "\(rejection.isUnrecognised ? "unrecognised" : "malformed")",
                    "kiosk.scan.symbology": "\(code.symbology.rawValue)", "kiosk.scan.bytes": "\(code.data.count)",
                ])
            scanNotice = Notice(kind: rejection.isRetryable ? .warning : .error, text: text(rejection.message))
        }
    }
}

// MARK: - Home actions

/// A lettered action on the home screen beside the services.
struct HomeAction: Equatable {
    /// The key, upper case.
    var key: String
    /// The text key of its label.
    var label: String
}

extension KioskSession {
    /// The actions this terminal offers: each only where it is set up (rules for codes, an imported directory,
    /// a central service to ask).
    var homeActions: [HomeAction] {
        var actions: [HomeAction] = []
        if settings.payloadRules?.rules.contains(where: { $0.target.kind == .appointment }) == true {
            actions.append(HomeAction(key: "T", label: "home.checkIn"))
        }
        if hasPollingDirectory {
            actions.append(HomeAction(key: "W", label: "home.pollingPlace"))
        }
        if collectionStatus != nil {
            actions.append(HomeAction(key: "A", label: "home.collection"))
        }
        if !feeServices.isEmpty {
            actions.append(HomeAction(key: "G", label: "home.payFee"))
        }
        return actions
    }

    func startAction(_ key: String) {
        switch key {
        case "T": state = .checkInPrompt
        case "W": startPollingSearch()
        case "A": state = .collectionSearch(entry: "", problem: nil)
        case "G": startPayment()
        default: break
        }
    }

    /// Typing into the screens with a text field: characters and digits type, backspace deletes, Enter searches.
    /// Returns false when the input is not for the field (the caller handles it).
    func handleEntry(_ input: KioskInput) async -> Bool {
        switch state {
        case let .pollingSearch(entry, _, suggestions):
            if input == .confirm {
                searchPollingPlace(entry)
            } else if let edited = Self.edited(entry, by: input) {
                state = .pollingSearch(entry: edited, problem: nil, suggestions: suggestions)
            } else {
                return false
            }
            return true
        case .collectionSearch(let entry, _):
            if input == .confirm {
                await askCollectionStatus(entry.trimmingCharacters(in: .whitespaces))
            } else if let edited = Self.edited(entry, by: input) {
                state = .collectionSearch(entry: edited, problem: nil)
            } else {
                return false
            }
            return true
        default:
            return false
        }
    }

    /// A text field's text after one key: characters and digits are added up to `limit`, backspace removes the last
    /// one (an empty field stays: holding the key down must not throw the citizen out of the search). Nil for any
    /// other key, and for a character that no longer fits, which then counts as that key.
    static func edited(_ text: String, by input: KioskInput, limit: Int = 60) -> String? {
        switch input {
        case .character(let character) where text.count < limit && !character.isNewline: text + String(character)
        case .digit(let digit) where text.count < limit: text + String(digit)
        case .deleteBackward: String(text.dropLast())
        default: nil
        }
    }
}

extension Result {
    /// Whether this is a success, for counting.
    var isSuccess: Bool {
        if case .success = self { true } else { false }
    }
}

import Foundation
public import KioskCore
import KioskStore
import KioskUI
import Logging

/// A payment being put together: the service, the fees chosen, the method and, for a SEPA mandate, the IBAN.
///
/// Its `id` is the payment's key, chosen when the flow starts: the store confirms each key once, so a second
/// confirm pays nothing more. The IBAN lives only here (and sealed in the store); leaving the flow drops it.
struct PaymentDraft: Equatable {
    var id = UUID()
    var service: ServiceID
    var chosen: [String] = []
    var method: PaymentMethod?
    var iban: IBAN?
}

/// What a capture on the pad gave: the signature, or what to tell the citizen.
enum SignatureOutcome {
    case signed(CapturedSignature)
    case problem(Message)
}

/// How a payment ended, as its last screen shows it.
struct PaymentDone: Equatable {
    var confirmation: PaymentConfirmation
    var preview: [String]
    var failure: Message?
    /// The payment key had been confirmed before: nothing was paid or printed again.
    var again: Bool
}

extension KioskSession {
    /// The methods the terminal offers: a SEPA mandate only with a signature pad and central's key to seal it to.
    /// Without that key (a standalone terminal, or before the first snapshot) no mandate is taken at all rather than
    /// one sealed locally for later: the terminal never holds a signature it could read back.
    var paymentMethods: [PaymentMethod] {
        [.cardAtCounter, .cashAtKasse] + (signaturePad != nil && centralSealingKey != nil ? [.sepaDirectDebit] : [])
    }

    /// The services with fees, as the first payment screen lists them (at most nine, keys 1-9).
    var feeServices: [Service] { Array(settings.catalog.services.filter { !$0.fees.isEmpty }.prefix(9)) }

    func fees(of draft: PaymentDraft) -> [FeeItem] { settings.catalog.service(draft.service)?.fees ?? [] }

    func chosenFees(_ draft: PaymentDraft) -> [FeeItem] { fees(of: draft).filter { draft.chosen.contains($0.id) } }

    func confirmation(for draft: PaymentDraft, method: PaymentMethod) -> PaymentConfirmation {
        let day = calendar.businessDay(of: now())
        let mandate = method == .sepaDirectDebit
        return PaymentConfirmation(
            id: draft.id, service: draft.service, items: chosenFees(draft).map { PaidFee(fee: $0) }, method: method,
            kassenzeichen: PaymentConfirmation.kassenzeichen(id: draft.id, day: day),
            mandateReference: mandate ? PaymentConfirmation.mandateReference(id: draft.id) : nil,
            maskedIBAN: mandate ? draft.iban?.masked : nil)
    }

    func startPayment() {
        do {
            centralSealingKey = try store.centralSealingKey()
        } catch {
            centralSealingKey = nil
            logger.warning("Central sealing key unreadable; no SEPA mandate", metadata: ["kiosk.error": "\(error)"])
        }
        let services = feeServices
        if services.count == 1 {
            choose(service: services[0])
        } else {
            state = .paymentService
        }
    }

    func choose(service: Service) {
        var draft = PaymentDraft(service: service.id)
        // A service with one fee has nothing to choose.
        if service.fees.count == 1 { draft.chosen = [service.fees[0].id] }
        state = .paymentFees(draft, problem: nil)
    }

    /// Inputs on the payment screens; false when the session is not in the payment flow. Esc leaves the flow from
    /// every step and nothing of it stays: nothing is written before the final confirmation.
    func handlePayment(_ input: KioskInput) async -> Bool {
        switch (state, input) {
        case (.paymentSigning, _):
            // The pad has its own OK and cancel; keys wait until the capture is over, so no second confirm slips in.
            return true
        case (.paymentDone, .confirm), (.paymentDone, .back):
            returnHome()
        case (.paymentIBAN(var draft, let entry, _), _):
            switch input {
            case .back:
                returnHome()
            case .confirm:
                do {
                    draft.iban = try IBAN(entry)
                    state = .paymentConfirm(draft)
                } catch {
                    state = .paymentIBAN(draft, entry: entry, problem: error.message)
                }
            case .toggleLanguage:
                return false
            default:
                guard let edited = Self.edited(entry, by: input, limit: 42) else { return true }
                state = .paymentIBAN(draft, entry: edited.uppercased(), problem: nil)
            }
        case (.paymentService, .digit(let digit)) where digit >= 1 && digit <= feeServices.count:
            choose(service: feeServices[digit - 1])
        case (.paymentFees(var draft, _), .digit(let digit)) where digit >= 1 && digit <= fees(of: draft).count:
            let fee = fees(of: draft)[digit - 1]
            if let index = draft.chosen.firstIndex(of: fee.id) { draft.chosen.remove(at: index) } else { draft.chosen.append(fee.id) }
            state = .paymentFees(draft, problem: nil)
        case (.paymentFees(let draft, _), .confirm):
            state =
                draft.chosen.isEmpty
                ? .paymentFees(draft, problem: Message(key: "payment.noFee", de: "Bitte mindestens eine Gebühr wählen.", en: "Please choose at least one fee."))
                : .paymentMethod(draft)
        case (.paymentMethod(var draft), .digit(let digit)) where digit >= 1 && digit <= paymentMethods.count:
            let method = paymentMethods[digit - 1]
            draft.method = method
            state = method == .sepaDirectDebit ? .paymentIBAN(draft, entry: "", problem: nil) : .paymentConfirm(draft)
        case (.paymentConfirm(let draft), .confirm):
            await confirm(draft)
        case (.paymentSignatureProblem(let draft, _), .character(let key)) where key.uppercased() == "R":
            await confirm(draft)
        case (.paymentService, .back), (.paymentFees, .back), (.paymentMethod, .back), (.paymentConfirm, .back),
            (.paymentSignatureProblem, .back):
            logger.info("Payment cancelled")
            returnHome()
        case (.paymentService, _), (.paymentFees, _), (.paymentMethod, _), (.paymentConfirm, _), (.paymentSignatureProblem, _),
            (.paymentDone, _):
            // The language key switches and backspace goes back (the session's general handling); everything else
            // is ignored on these screens.
            let general: Set<KioskInput> = [.toggleLanguage, .character("l"), .character("L"), .deleteBackward]
            return !general.contains(input) ? true : false
        default:
            return false
        }
        return true
    }

    /// The final confirmation: the signature first where the method needs one, then one transaction (payment,
    /// event, sealed mandate data), then the receipt. The state leaves the confirm screen before the first
    /// `await`, so a second confirm arriving meanwhile finds nothing to confirm.
    func confirm(_ draft: PaymentDraft) async {
        guard let method = draft.method else { return }
        state = .paymentSigning(draft)
        var mandate: MandateData?
        var confirmation = confirmation(for: draft, method: method)
        if method.needsSignature {
            guard let iban = draft.iban, let centralSealingKey else {
                state = .paymentMethod(draft)
                return
            }
            switch await captureSignature(amount: confirmation.total) {
            case .signed(let signature):
                mandate = MandateData(signature: signature, iban: iban, central: centralSealingKey)
                confirmation.signature = UUID()
                confirmation.sealedIBAN = UUID()
            case .problem(let problem):
                state = .paymentSignatureProblem(draft, problem)
                return
            }
        }
        let commit: PaymentCommit
        do {
            commit = try store.confirmPayment(confirmation, mandate: mandate, at: now())
        } catch {
            logger.error("Payment not confirmed", metadata: ["kiosk.error": "\(error)"])
            state = .failure(error.message)
            return
        }
        switch commit {
        case .alreadyConfirmed(let event):
            guard case .paymentConfirmed(let first) = event.payload else { return }
            logger.info("Payment confirmed before", metadata: ["kiosk.event.sequence": "\(event.sequence)"])
            state = .paymentDone(PaymentDone(confirmation: first, preview: [], failure: nil, again: true))
        case .confirmed(let event):
            needsCheckpoint = true
            logger.info(
                "Payment confirmed",
                metadata: [
                    "kiosk.payment.method": "\(method.rawValue)", "kiosk.payment.total-cents": "\(confirmation.total.cents)",
                    "kiosk.event.sequence": "\(event.sequence)", "kiosk.payment.signed": "\(mandate != nil)",
                ])
            var done = PaymentDone(confirmation: confirmation, preview: [], failure: nil, again: false)
            do {
                done.preview = try await printer.printReceipt(receiptPrintout(confirmation, at: event.time)).preview
            } catch {
                logger.warning("Receipt not printed", metadata: ["kiosk.print.reason": "\(error.reason)"])
                done.failure = error.message
                done.preview = error.preview
            }
            state = .paymentDone(done)
            afterCommit()
        }
    }

    /// One capture on the pad with the amount on its screen; the signature, or what to tell the citizen. A capture
    /// that ends without OK keeps nothing: its samples go out of scope here.
    func captureSignature(amount: Money) async -> SignatureOutcome {
        guard let signaturePad else { return .problem(SignatureCaptureError.notConnected.problem) }
        let events: AsyncStream<SignatureEvent>
        do {
            events = try await signaturePad.begin(SignaturePrompt(instruction: text("payment.pad.instruction"), amount: amount, language: language))
        } catch {
            logger.warning("Signature capture not started", metadata: ["kiosk.signature.reason": "\(error == .busy ? "busy" : "not-connected")"])
            return .problem(error.problem)
        }
        var dropped = 0
        for await event in events {
            switch event {
            case .confirmed(let signature):
                logger.info("Signature captured", metadata: ["kiosk.signature.strokes": "\(signature.strokes.count)", "kiosk.signature.dropped": "\(dropped)"])
                return .signed(signature)
            case .cancelled:
                logger.info("Signature cancelled on the pad")
                return .problem(Message(key: "payment.signatureCancelled", de: "Die Unterschrift wurde am Pad abgebrochen.", en: "The signature was cancelled on the pad."))
            case .detached(let device):
                logger.warning("Signature pad gone", metadata: ["kiosk.device": "\(device)"])
                return .problem(Message(
                    key: "payment.padDetached",
                    de: "Das Unterschriftenpad wurde getrennt. Es wurde nichts gespeichert.",
                    en: "The signature pad was disconnected. Nothing was saved."))
            case .droppedReports(let count):
                dropped += count
            case .point, .strokeEnded:
                break
            }
        }
        return .problem(Message(key: "payment.padSilent", de: "Das Unterschriftenpad antwortet nicht.", en: "The signature pad does not answer."))
    }

    func receiptPrintout(_ confirmation: PaymentConfirmation, at time: Date) -> ReceiptPrintout {
        let fees = settings.catalog.service(confirmation.service)?.fees ?? []
        let lines = confirmation.items.map { item in
            ReceiptLine(
                description: fees.first { $0.id == item.id }?.name ?? LocalizedText(german: item.name), quantity: item.quantity,
                unitAmount: item.amount)
        }
        let receipt = PaymentReceipt(
            siteName: settings.catalog.site.name, lines: lines, kassenzeichen: confirmation.kassenzeichen, method: confirmation.method,
            day: calendar.businessDay(of: time), time: calendar.timeOfDay(of: time), terminal: settings.configuration.terminal,
            mandateReference: confirmation.mandateReference, maskedIBAN: confirmation.maskedIBAN)
        return ReceiptPrintout(receipt: receipt, language: language, texts: settings.texts, paymentID: confirmation.id)
    }
}

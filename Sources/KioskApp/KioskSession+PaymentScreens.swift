import KioskCore
import KioskUI

extension KioskSession {
    /// The payment flow's screens, all within the shared screen model (options, a text field, a preview aside).
    func paymentScreen() -> Screen {
        let title = text("payment.title")
        switch state {
        case .paymentService:
            let options = feeServices.enumerated().map { index, service in
                Option(key: String(index + 1), label: service.name[language])
            }
            return Screen(
                id: "payment.service", title: title, subtitle: settings.catalog.site.name[language], body: [text("payment.chooseService")],
                options: options, footer: choiceFooter)
        case let .paymentFees(draft, problem):
            let options = fees(of: draft).enumerated().map { index, fee in
                Option(
                    key: String(index + 1), label: (draft.chosen.contains(fee.id) ? "✓ " : "") + fee.name[language],
                    detail: fee.amount.formatted(in: language))
            }
            let total = chosenFees(draft).reduce(Money.zero) { $0 + $1.amount }
            return Screen(
                id: "payment.fees", title: title, subtitle: serviceName(draft),
                notice: problem.map { Notice(kind: .warning, text: text($0)) },
                highlight: total.formatted(in: language), body: [text("payment.chooseFees")], options: options,
                footer: [FooterHint(key: "1-9", label: text("payment.toggle")), FooterHint(key: "Enter", label: text("payment.next"))]
                    + footer)
        case .paymentMethod(let draft):
            let options = paymentMethods.enumerated().map { index, method in
                Option(key: String(index + 1), label: text(method.textKey), detail: text(method.textKey + ".hint"))
            }
            return Screen(
                id: "payment.method", title: title, subtitle: serviceName(draft), highlight: total(draft),
                body: [text("payment.chooseMethod")], options: options, footer: choiceFooter)
        case let .paymentIBAN(draft, entry, problem):
            return Screen(
                id: "payment.iban", title: title, subtitle: serviceName(draft),
                notice: problem.map { Notice(kind: .warning, text: text($0)) }, highlight: total(draft),
                body: [text("payment.iban.prompt")], entry: TextEntry(label: "IBAN", text: Self.grouped(entry)),
                footer: [FooterHint(key: "Enter", label: text("payment.next"))] + entryFooter.dropFirst())
        case .paymentConfirm(let draft):
            return Screen(
                id: "payment.confirm", title: text("payment.confirmTitle"), subtitle: serviceName(draft), highlight: total(draft),
                body: summary(draft) + [text(draft.method?.needsSignature == true ? "payment.confirm.sign" : "payment.confirm.body")],
                footer: [FooterHint(key: "Enter", label: text("payment.confirm")), FooterHint(key: "Esc", label: text("payment.cancel"))])
        case .paymentSigning(let draft):
            return Screen(
                id: "payment.signing", title: text("payment.confirmTitle"), subtitle: serviceName(draft), highlight: total(draft),
                body: [text(draft.method?.needsSignature == true ? "payment.signing" : "payment.wait")], footer: [])
        case let .paymentSignatureProblem(draft, problem):
            return Screen(
                id: "payment.signature-problem", title: text("payment.confirmTitle"), subtitle: serviceName(draft),
                notice: Notice(kind: .warning, text: text(problem)), highlight: total(draft), body: [text("payment.nothingSaved")],
                options: [Option(key: "R", label: text("payment.retry"))],
                footer: [FooterHint(key: "Esc", label: text("payment.cancel"))])
        case .paymentDone(let done):
            let confirmation = done.confirmation
            let notice: Notice =
                if let failure = done.failure { Notice(kind: .error, text: text("payment.notPrinted") + " " + text(failure)) }
                else if done.again { Notice(kind: .info, text: text("payment.again")) }
                else { Notice(kind: .info, text: text("payment.printed")) }
            var body = [
                text("receipt.kassenzeichen", ["reference": confirmation.kassenzeichen]),
                text("receipt.method", ["method": text(confirmation.method.textKey)]),
            ]
            if let reference = confirmation.mandateReference { body.append(text("receipt.mandate", ["reference": reference])) }
            body.append(text("payment.next." + confirmation.method.rawValue))
            return Screen(
                id: done.failure == nil ? "payment.done" : "payment.not-printed", title: text("payment.doneTitle"),
                subtitle: settings.catalog.service(confirmation.service)?.name[language], notice: notice,
                highlight: confirmation.total.formatted(in: language), body: body, aside: done.preview.isEmpty ? nil : done.preview,
                footer: [FooterHint(key: "Enter", label: text("payment.finish"))] + footer)
        default:
            return homeScreen()
        }
    }

    var choiceFooter: [FooterHint] { [FooterHint(key: "1-9", label: text("footer.choose"))] + footer }

    func serviceName(_ draft: PaymentDraft) -> String {
        settings.catalog.service(draft.service)?.name[language] ?? draft.service.rawValue
    }

    func total(_ draft: PaymentDraft) -> String {
        chosenFees(draft).reduce(Money.zero) { $0 + $1.amount }.formatted(in: language)
    }

    /// The confirmation's lines: each fee with its amount, the method and, for a mandate, the masked IBAN.
    func summary(_ draft: PaymentDraft) -> [String] {
        var lines = chosenFees(draft).map { "\($0.name[language]): \($0.amount.formatted(in: language))" }
        if let method = draft.method { lines.append(text("payment.summary.method", ["method": text(method.textKey)])) }
        if let iban = draft.iban {
            lines.append(text("receipt.iban", ["iban": iban.masked]))
            lines.append(text("payment.mandateText"))
        }
        return lines
    }

    /// "DE89 3704 0044 …": the typed IBAN in groups of four, as it is printed on bank cards and letters.
    static func grouped(_ typed: String) -> String {
        let characters = Array(typed.filter { $0 != " " })
        return stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: " ")
    }
}

public import KioskCore

/// The layout of a payment receipt: site, positions with amounts flush right, total, Kassenzeichen,
/// payment method, date and time, terminal.
public enum ReceiptLayout {
    /// The document for one receipt in `language`, lined up for the printer's characters per line.
    ///
    /// Amounts are placed by counting printed characters, so the printer is needed: on a code table
    /// without "€" the amount prints as "EUR" and takes two columns more.
    public static func document(
        _ receipt: PaymentReceipt, language: Language, texts: TextCatalog, profile: PrinterProfile,
        transliterator: Transliterator = Transliterator()
    ) -> PrintDocument {
        let encoder = ESCPOSEncoder(profile: profile, transliterator: transliterator)
        let columns = ColumnText(encoder: encoder.textEncoder, columns: max(1, profile.charactersPerLine))
        func text(_ key: String, _ values: [String: String] = [:]) -> String {
            texts.text(key, language, values)
        }
        return PrintDocument {
            PrintElement.text(receipt.siteName[language], .heading)
            PrintElement.text(text("receipt.title"), TextStyle(bold: true, alignment: .center))
            PrintElement.rule
            for line in receipt.lines {
                PrintElement.text(
                    columns.lines(line.description[language], line.amount.formatted(in: language)).joined(
                        separator: "\n"))
                if line.quantity > 1 {
                    PrintElement.text(
                        "  "
                            + text(
                                "receipt.quantity",
                                ["count": "\(line.quantity)", "amount": line.unitAmount.formatted(in: language)]))
                }
            }
            PrintElement.rule
            PrintElement.text(
                columns.lines(text("receipt.total"), receipt.total.formatted(in: language)).joined(separator: "\n"),
                .emphasized)
            PrintElement.feed(lines: 1)
            PrintElement.text(text("receipt.kassenzeichen", ["reference": receipt.kassenzeichen]))
            PrintElement.text(text("receipt.method", ["method": text(receipt.method.textKey)]))
            if let reference = receipt.mandateReference {
                PrintElement.text(text("receipt.mandate", ["reference": reference]))
            }
            if let iban = receipt.maskedIBAN {
                PrintElement.text(text("receipt.iban", ["iban": iban]))
            }
            PrintElement.text(text("print.issued", ["date": receipt.day.germanFormat, "time": "\(receipt.time)"]))
            PrintElement.text(text("receipt.terminal", ["terminal": receipt.terminal.rawValue]))
            PrintElement.feed(lines: 1)
            PrintElement.text(text("receipt.keep"), .centered)
            PrintElement.cut(partial: true)
        }
    }
}

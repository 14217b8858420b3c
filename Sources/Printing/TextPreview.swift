/// Renders a document as lines of text exactly as wide as the paper, for the screen beside the ticket.
public struct TextPreview: Sendable {
    /// The printer.
    public let profile: PrinterProfile
    let transliterator: Transliterator

    /// Creates a preview for a profile.
    public init(profile: PrinterProfile) {
        self.profile = profile
        transliterator = Transliterator(codePage: profile.codePage)
    }

    /// The preview lines; the text is transliterated as the printer will print it.
    public func render(_ document: PrintDocument) -> [String] {
        var lines: [String] = []
        let width = profile.columns
        func place(_ text: String, _ alignment: TextStyle.Alignment) {
            let padding = max(0, width - text.count)
            let left =
                switch alignment {
                case .left: 0
                case .center: padding / 2
                case .right: padding
                }
            lines.append(String(repeating: " ", count: left) + text + String(repeating: " ", count: padding - left))
        }
        for element in document.elements {
            switch element {
            case let .text(text, style):
                let printable = transliterator.transliterate(text)
                if style.large {
                    for line in wrap(printable, width: width / 2) { place(line.map(String.init).joined(separator: " "), style.alignment) }
                } else {
                    for line in wrap(printable, width: width) { place(line, style.alignment) }
                }
            case .ticketNumber(let number):
                for row in BigDigits.rows(transliterator.transliterate(number)) { place(String(row.prefix(width)), .center) }
            case .qrCode(let payload):
                place("[QR]", .center)
                for line in wrap(payload, width: width) { place(line, .center) }
            case .rule:
                lines.append(String(repeating: "-", count: width))
            case .feed(let count):
                lines += Array(repeating: String(repeating: " ", count: width), count: max(0, count))
            case .cut:
                lines.append(String(repeating: "✂ ", count: width / 2).prefix(width).description)
            }
        }
        return lines
    }
}

/// A 3-row block font for the ticket number in the preview.
enum BigDigits {
    static let glyphs: [Character: [String]] = [
        "0": ["█▀█", "█ █", "▀▀▀"], "1": [" ▄█", "  █", "  ▀"], "2": ["▀▀█", "█▀▀", "▀▀▀"], "3": ["▀▀█", " ▀█", "▀▀▀"],
        "4": ["█ █", "▀▀█", "  ▀"], "5": ["█▀▀", "▀▀█", "▀▀▀"], "6": ["█▀▀", "█▀█", "▀▀▀"], "7": ["▀▀█", "  █", "  ▀"],
        "8": ["█▀█", "█▀█", "▀▀▀"], "9": ["█▀█", "▀▀█", "▀▀▀"], " ": ["  ", "  ", "  "],
    ]

    static func rows(_ text: String) -> [String] {
        (0..<3).map { row in
            text.map { character in
                glyphs[character]?[row] ?? (row == 1 ? " \(character) " : "   ")
            }.joined(separator: " ")
        }
    }
}

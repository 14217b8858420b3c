public import KioskTesting
public import Printing

/// The shared SplitMix64 generator of the test support.
public typealias SeededRandomNumberGenerator = KioskTesting.SeededRandomNumberGenerator

/// Random but reproducible documents for round-trip tests, with names and words in many scripts.
public struct RandomDocumentGenerator: Sendable {
    /// The random source; the same seed gives the same documents.
    public var random: SeededRandomNumberGenerator

    /// A generator for the seed.
    public init(seed: UInt64) {
        self.random = SeededRandomNumberGenerator(seed: seed)
    }

    /// Words and names in many scripts, typography, and a few characters no rule knows.
    public static let sampleWords: [String] = [
        "Bürgerbüro", "Wartemarke", "Jürgen", "Weiß", "Straße", "Größe", "Öffnungszeiten", "Gebühr", "12,00 €",
        "Ayşe", "Yılmaz", "Çelik", "Öztürk", "Łukasz", "Żółć", "Wojciech", "Zoë", "Ødegård", "Åse", "Søren",
        "Ахмед", "Шевченко", "Юрий", "Сергій", "Київ", "Наталья", "Ελένη", "Παπαδόπουλος", "Γιώργος",
        "محمد", "علي", "فاطمة", "مُحَمَّد", "„Termin“", "–", "…", "Nr.", "A\u{00A0}017", "e\u{301}te", "Ő", "ß",
        "Straße\u{00AD}nverkehr", "漢字", "🙂", "a", "an", "der", "die", "und", "Personalausweis",
        "Meldebescheinigung", "{curly}", "x",
    ]

    /// A document of random elements.
    public mutating func document(elementCount: ClosedRange<Int> = 1...12) -> PrintDocument {
        let count = Int.random(in: elementCount, using: &random)
        return PrintDocument((0..<count).map { _ in element() })
    }

    /// One random element of any kind.
    public mutating func element() -> PrintElement {
        switch Int.random(in: 0..<20, using: &random) {
        case 0..<8: .text(text(), style())
        case 8..<10: .ticketNumber(ticketNumber())
        case 10..<12: .qrCode(qrPayload(), moduleSize: Int.random(in: 1...16, using: &random))
        case 12: .barcode(ean13(), .ean13)
        case 13: .barcode(code128(), .code128)
        case 14: .image(bitmap(maxWidth: 200, maxHeight: 40))
        case 15: .rule
        case 16, 17: .feed(lines: Int.random(in: 0...5, using: &random))
        default: .cut(partial: Bool.random(using: &random))
        }
    }

    /// Words separated by single spaces; sometimes a word longer than any line.
    public mutating func text() -> String {
        let count = Int.random(in: 0...14, using: &random)
        var words: [String] = []
        for _ in 0..<count {
            if Int.random(in: 0..<12, using: &random) == 0 {
                words.append(asciiWord(length: Int.random(in: 20...70, using: &random)))
            } else {
                words.append(Self.sampleWords.randomElement(using: &random) ?? "x")
            }
        }
        return words.joined(separator: " ")
    }

    /// Any combination of bold, underline, size and alignment.
    public mutating func style() -> TextStyle {
        TextStyle(
            bold: Bool.random(using: &random),
            underline: Bool.random(using: &random),
            size: TextStyle.Size.allCases.randomElement(using: &random) ?? .normal,
            alignment: TextStyle.Alignment.allCases.randomElement(using: &random) ?? .left
        )
    }

    /// A ticket number such as "B 042", sometimes too long for the largest size.
    public mutating func ticketNumber() -> String {
        let letter = Character(Unicode.Scalar(UInt8.random(in: 0x41...0x5A, using: &random)))
        let number = Int.random(in: 0...999, using: &random)
        let digits = String(number)
        let base = "\(letter) \(String(repeating: "0", count: 3 - digits.count))\(digits)"
        return Int.random(in: 0..<6, using: &random) == 0 ? base + " Schalter 12" : base
    }

    /// A URL-like or Unicode payload of up to about 300 bytes.
    public mutating func qrPayload() -> String {
        if Bool.random(using: &random) {
            return "https://rathaus.example/t/" + asciiWord(length: Int.random(in: 1...280, using: &random))
        }
        return (0..<Int.random(in: 1...20, using: &random)).map { _ in
            Self.sampleWords.randomElement(using: &random) ?? "x"
        }.joined(separator: " ")
    }

    /// 12 random digits, or 13 with a correct check digit.
    public mutating func ean13() -> String {
        let digits = (0..<12).map { _ in Int.random(in: 0...9, using: &random) }
        let text = digits.map(String.init).joined()
        guard Bool.random(using: &random) else { return text }
        let sum = digits.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return text + String((10 - sum % 10) % 10)
    }

    /// Printable ASCII that fits 58 mm paper, "{" included.
    public mutating func code128() -> String {
        (0..<Int.random(in: 1...8, using: &random)).map { _ in
            Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random)))
        }.map(String.init).joined()
    }

    /// Random dots.
    public mutating func bitmap(maxWidth: Int, maxHeight: Int) -> MonochromeBitmap {
        let width = Int.random(in: 1...max(1, maxWidth), using: &random)
        let height = Int.random(in: 1...max(1, maxHeight), using: &random)
        let dots = (0..<(width * height)).map { _ in Bool.random(using: &random) }
        return MonochromeBitmap(width: width, height: height) { x, y in dots[y * width + x] }
    }

    /// Letters and digits without spaces.
    public mutating func asciiWord(length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<max(0, length)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
    }
}

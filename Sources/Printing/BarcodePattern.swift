/// Bars and spaces of the one-dimensional barcodes, as the printer draws them from GS k data.
enum BarcodePattern {
    /// Module widths, bar first, alternating bar and space, for the data of a barcode layout.
    static func modules(for symbology: BarcodeSymbology, text: String) -> [Bool]? {
        switch symbology {
        case .ean13: ean13(text)
        case .code128: code128(text)
        }
    }

    /// The digits printed under an EAN-13: with the check digit the printer adds to twelve digits.
    static func ean13HumanReadable(_ text: String) -> String {
        guard text.count == 12, let check = ean13CheckDigit(text) else { return text }
        return text + String(check)
    }

    private static func ean13CheckDigit(_ text: String) -> Int? {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count >= 12 else { return nil }
        let sum = digits.prefix(12).enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10
    }

    // MARK: EAN-13

    /// Odd-parity (L) left-hand codes; even parity (G) is R reversed and R is L inverted.
    private static let leftOdd = [
        "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111", "0001011",
    ]
    /// Which of the six left digits use even parity, by the first digit (which has no bars of its own).
    private static let parity = [
        "LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL",
    ]

    private static func ean13(_ text: String) -> [Bool]? {
        let full = ean13HumanReadable(text)
        let digits = full.compactMap(\.wholeNumberValue)
        guard digits.count == 13 else { return nil }
        func bits(_ pattern: String) -> [Bool] { pattern.map { $0 == "1" } }
        var modules = bits("101")
        for (position, digit) in digits[1...6].enumerated() {
            let odd = bits(leftOdd[digit])
            let even = Array(odd.map { !$0 }.reversed())
            modules += Array(parity[digits[0]])[position] == "L" ? odd : even
        }
        modules += bits("01010")
        for digit in digits[7...12] {
            modules += bits(leftOdd[digit]).map { !$0 }
        }
        return modules + bits("101")
    }

    // MARK: Code 128

    /// Bar and space widths of the symbol values 0...105 and the stop pattern (ISO/IEC 15417 table 1).
    private static let code128Widths = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]

    /// Code set B: start B, one value per printable ASCII character, check value, stop.
    private static func code128(_ text: String) -> [Bool]? {
        let values = text.unicodeScalars.map { Int($0.value) - 32 }
        guard !values.isEmpty, values.allSatisfy({ (0...94).contains($0) }) else { return nil }
        let startB = 104
        let check = values.enumerated().reduce(startB) { $0 + ($1.offset + 1) * $1.element } % 103
        var modules: [Bool] = []
        for value in [startB] + values + [check, 106] {
            for (index, width) in code128Widths[value].enumerated() {
                modules += Array(repeating: index % 2 == 0, count: Int(String(width))!)
            }
        }
        return modules
    }
}

@testable import KioskUI

extension CellGrid {
    /// The text of a band of columns in every row, trailing spaces removed.
    func lines(columns range: Range<Int>) -> [String] {
        (0..<rows).map { row in
            var text = ""
            for column in range where !self[row, column].isContinuation {
                text.append(self[row, column].character)
            }
            while text.last == " " {
                text.removeLast()
            }
            return text
        }
    }

    /// Column of the first cell of the first occurrence of `text` in a row, or nil.
    func column(of text: String, inRow row: Int) -> Int? {
        let cells = Array(cells(inRow: row))
        let target = Array(text)
        guard !target.isEmpty, target.count <= cells.count else { return nil }
        for start in 0...(cells.count - target.count) {
            var column = start
            var matched = true
            for character in target {
                while column < cells.count && cells[column].isContinuation {
                    column += 1
                }
                guard column < cells.count, cells[column].character == character else {
                    matched = false
                    break
                }
                column += 1
            }
            if matched {
                return start
            }
        }
        return nil
    }
}

/// A small deterministic generator so random tests fail the same way every time.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

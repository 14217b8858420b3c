/// The printer's font A as the PNG preview draws it: 12×24-dot cells, the size ESC/POS printers print
/// text in by default, for every character the encoder's code pages hold.
enum FontA {
    static let width = 12
    static let height = 24

    /// Rows of each glyph, top first, the leftmost dot in bit 11.
    static let glyphs: [Unicode.Scalar: [UInt16]] = {
        var glyphs: [Unicode.Scalar: [UInt16]] = [:]
        for line in glyphTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let value = UInt32(fields[0], radix: 16), let scalar = Unicode.Scalar(value)
            else { continue }
            let digits = Array(fields[1].utf8)
            glyphs[scalar] = (0..<height).map { row in
                UInt16(String(decoding: digits[(row * 3)..<(row * 3 + 3)], as: UTF8.self), radix: 16) ?? 0
            }
        }
        return glyphs
    }()

    /// The glyph of a scalar; what the font lacks prints as '?', as the encoder sends it.
    static func rows(for scalar: Unicode.Scalar) -> [UInt16] {
        glyphs[scalar] ?? glyphs["?"] ?? Array(repeating: 0, count: height)
    }
}

/// The modules of a symbol while it is built: function patterns, codewords, mask, format and version bits.
struct ModuleMatrix {
    let version: Int
    let size: Int
    /// Row-major, true for dark.
    var modules: [Bool]
    /// Finder, separator, timing, alignment, format and version modules: never masked, never data.
    var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        self.size = 17 + 4 * version
        self.modules = Array(repeating: false, count: size * size)
        self.isFunction = Array(repeating: false, count: size * size)
    }

    subscript(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// Centres of the alignment patterns along one axis (ISO/IEC 18004 annex E): 6, then evenly spaced
    /// from the far side in even steps, the first gap taking up the rest.
    static func alignmentPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let size = 17 + 4 * version
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        return [6] + (0..<(count - 1)).map { size - 7 - $0 * step }.reversed()
    }

    mutating func drawFunctionPatterns() {
        for index in 0..<size {
            setFunction(6, index, index % 2 == 0)
            setFunction(index, 6, index % 2 == 0)
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            drawFinder(centreX: x, centreY: y)
        }
        let positions = Self.alignmentPositions(version: version)
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                // The three corners with finder patterns have no alignment pattern.
                let last = positions.count - 1
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(centreX: x, centreY: y)
            }
        }
        // Reserved now so that codewords flow around them; the real format bits come after masking.
        drawFormatBits(.medium, mask: 0)
        drawVersionBits()
    }

    /// A 7×7 finder with its light separator, clipped at the symbol's edge.
    private mutating func drawFinder(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x, y, ring != 2 && ring != 4)
            }
        }
    }

    private mutating func drawAlignment(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(centreX + dx, centreY + dy, max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// 15 bits: level and mask, a BCH(15,5) remainder, XOR 0x5412 so that they are never all light.
    static func formatBits(_ level: ErrorCorrectionLevel, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        return (data << 10 | remainder) ^ 0x5412
    }

    /// 18 bits for versions 7 and up: the version and a BCH(18,6) remainder.
    static func versionBits(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        return version << 12 | remainder
    }

    /// Both copies of the format information, bit 0 being the least significant.
    mutating func drawFormatBits(_ level: ErrorCorrectionLevel, mask: Int) {
        let bits = Self.formatBits(level, mask: mask)
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Around the top-left finder, skipping the timing pattern in row and column 6.
        for index in 0...5 { setFunction(8, index, bit(index)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for index in 9..<15 { setFunction(14 - index, 8, bit(index)) }
        // Split between the top-right and bottom-left finders.
        for index in 0..<8 { setFunction(size - 1 - index, 8, bit(index)) }
        for index in 8..<15 { setFunction(8, size - 15 + index, bit(index)) }
        // The module beside the bottom-left finder that is always dark.
        setFunction(8, size - 8, true)
    }

    private mutating func drawVersionBits() {
        guard version >= 7 else { return }
        let bits = Self.versionBits(version: version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let a = size - 11 + index % 3
            let b = index / 3
            setFunction(a, b, dark)
            setFunction(b, a, dark)
        }
    }

    /// Codewords in two-module columns from the bottom right, upwards then downwards, skipping the timing
    /// column; modules left over (remainder bits) stay light.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for x in [right, right - 1] where !isFunction[y * size + x] && index < bitCount {
                    modules[y * size + x] = codewords[index >> 3] & (0x80 >> UInt8(index & 7)) != 0
                    index += 1
                }
            }
            right -= 2
        }
    }

    /// Whether mask `mask` inverts the module in column x, row y (ISO/IEC 18004 table 10).
    static func masks(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// Inverts the data modules where the mask says so; applying it twice undoes it.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.masks(mask, x: x, y: y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// The penalty of the symbol with `mask` and its format bits applied; the matrix itself stays as it is.
    func penalty(mask: Int, _ level: ErrorCorrectionLevel) -> Int {
        var candidate = self
        candidate.applyMask(mask)
        candidate.drawFormatBits(level, mask: mask)
        return Self.penalty(candidate.modules, size: size)
    }

    /// The four penalty rules of ISO/IEC 18004 section 7.8.3; the quiet zone counts as light.
    static func penalty(_ modules: [Bool], size: Int) -> Int {
        // Runs on every symbol for every mask, so it reads the modules in place rather than copying lines.
        modules.withUnsafeBufferPointer { dots in
            var score = 0
            for line in 0..<size {
                score += linePenalty(count: size) { dots[line * size + $0] }
                score += linePenalty(count: size) { dots[$0 * size + line] }
            }
            for y in 0..<(size - 1) {
                for x in 0..<(size - 1) {
                    let colour = dots[y * size + x]
                    if dots[y * size + x + 1] == colour, dots[(y + 1) * size + x] == colour,
                        dots[(y + 1) * size + x + 1] == colour
                    {
                        score += 3
                    }
                }
            }
            var dark = 0
            for dot in dots where dot { dark += 1 }
            let total = size * size
            // 10 points for each full 5 % the dark share is away from 50 %.
            return score + abs(dark * 20 - total * 10) / total * 10
        }
    }

    /// Rules 1 and 3 along one row or column: 3 points for five modules of one colour in a row and one more
    /// for each further one; 40 for a dark-light-dark×3-light-dark look-alike of a finder pattern with four
    /// light modules before it, and 40 more with four after it.
    private static func linePenalty(count: Int, _ module: (Int) -> Bool) -> Int {
        var score = 0
        var run = 0
        var previous = false
        // Light modules before the current one, the quiet zone included.
        var lightBefore = 4
        for index in 0..<count {
            let dark = module(index)
            run = index > 0 && dark == previous ? run + 1 : 1
            if run == 5 { score += 3 } else if run > 5 { score += 1 }
            previous = dark
            if dark, index + 7 <= count, isFinderLike(at: index, module) {
                if lightBefore >= 4 { score += 40 }
                if (index + 7..<(index + 11)).allSatisfy({ $0 >= count || !module($0) }) { score += 40 }
            }
            lightBefore = dark ? 0 : lightBefore + 1
        }
        return score
    }

    private static func isFinderLike(at start: Int, _ module: (Int) -> Bool) -> Bool {
        module(start) && !module(start + 1) && module(start + 2) && module(start + 3) && module(start + 4)
            && !module(start + 5) && module(start + 6)
    }

    /// Rules 1 and 3 for one line of modules.
    static func linePenalty(_ line: [Bool]) -> Int {
        linePenalty(count: line.count) { line[$0] }
    }
}

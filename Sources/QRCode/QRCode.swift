/// A QR code symbol (model 2, ISO/IEC 18004): its modules, version, error correction level and mask.
public struct QRCode: Sendable, Hashable {
    /// Symbol version 1...40; the symbol is 17 + 4 × version modules wide.
    public let version: Int
    /// The error correction level.
    public let errorCorrection: ErrorCorrectionLevel
    /// The data mask 0...7 applied.
    public let mask: Int
    /// Modules per side, without quiet zone.
    public let size: Int
    /// Row-major, true for a dark module.
    private let modules: [Bool]

    /// Light modules a reader needs around the symbol (ISO/IEC 18004 section 6.3.8).
    public static let quietZone = 4

    /// The smallest symbol holding the UTF-8 text, numeric and alphanumeric runs packed tighter, marked
    /// as UTF-8 (ECI 26) when it has characters beyond ASCII.
    ///
    /// - Parameters:
    ///   - mask: a fixed mask 0...7; nil chooses the one with the lowest penalty, as readers expect.
    ///   - minimumVersion: the smallest version to use, e.g. to keep a run of codes the same size.
    public init(
        text: String, errorCorrection: ErrorCorrectionLevel = .medium, mask: Int? = nil, minimumVersion: Int = 1
    ) throws(QRCodeError) {
        var cache: [Int: [QRSegment]] = [:]
        // Count field widths change at versions 10 and 27, and with them the best segmentation.
        try self.init(errorCorrection: errorCorrection, mask: mask, minimumVersion: minimumVersion) { version in
            let group = version <= 9 ? 9 : version <= 26 ? 26 : 40
            if let segments = cache[group] { return segments }
            let segments = QRSegment.optimal(for: text, version: group)
            cache[group] = segments
            return segments
        }
    }

    /// The smallest symbol holding `bytes` in one byte-mode segment without ECI, as an ESC/POS printer
    /// encodes them.
    public init(
        bytes: [UInt8], errorCorrection: ErrorCorrectionLevel = .medium, mask: Int? = nil, minimumVersion: Int = 1
    ) throws(QRCodeError) {
        let segments = [QRSegment(bytes: bytes)]
        try self.init(errorCorrection: errorCorrection, mask: mask, minimumVersion: minimumVersion) { _ in segments }
    }

    /// The smallest symbol holding the given segments in order.
    public init(
        segments: [QRSegment], errorCorrection: ErrorCorrectionLevel = .medium, mask: Int? = nil,
        minimumVersion: Int = 1
    ) throws(QRCodeError) {
        try self.init(errorCorrection: errorCorrection, mask: mask, minimumVersion: minimumVersion) { _ in segments }
    }

    private init(
        errorCorrection: ErrorCorrectionLevel, mask: Int?, minimumVersion: Int,
        segmentsFor: (Int) -> [QRSegment]
    ) throws(QRCodeError) {
        guard (1...40).contains(minimumVersion) else { throw QRCodeError(.versionOutOfRange(minimumVersion)) }
        if let mask, !(0...7).contains(mask) { throw QRCodeError(.maskOutOfRange(mask)) }
        var chosen: (version: Int, segments: [QRSegment])?
        var needed = 0
        for version in minimumVersion...40 {
            let segments = segmentsFor(version)
            let counts = segments.map { $0.encodedBitCount(version: version) }
            guard !counts.contains(nil) else { continue }
            needed = counts.reduce(0) { $0 + $1! }
            if needed <= Self.dataCodewordCount(version: version, errorCorrection) * 8 {
                chosen = (version, segments)
                break
            }
        }
        guard let chosen else {
            throw QRCodeError(
                .dataTooLong(bits: needed, capacity: Self.dataCodewordCount(version: 40, errorCorrection) * 8))
        }
        let data = Self.dataCodewords(chosen.segments, version: chosen.version, errorCorrection)
        let codewords = Self.interleavedCodewords(data, version: chosen.version, errorCorrection)
        var matrix = ModuleMatrix(version: chosen.version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(codewords)
        let chosenMask =
            mask ?? (0...7).min { first, second in
                matrix.penalty(mask: first, errorCorrection) < matrix.penalty(mask: second, errorCorrection)
            }!
        matrix.applyMask(chosenMask)
        matrix.drawFormatBits(errorCorrection, mask: chosenMask)
        self.version = chosen.version
        self.errorCorrection = errorCorrection
        self.mask = chosenMask
        self.size = matrix.size
        self.modules = matrix.modules
    }

    /// Whether the module in column `x`, row `y` is dark; modules outside the symbol (quiet zone) are light.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// The modules row by row, true for dark, without quiet zone.
    public var rows: [[Bool]] {
        (0..<size).map { y in Array(modules[(y * size)..<((y + 1) * size)]) }
    }

    // MARK: Capacity

    /// Modules of a symbol that carry codewords, after finder, timing, alignment, format and version patterns.
    static func rawDataModuleCount(version: Int) -> Int {
        var count = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentCount = version / 7 + 2
            count -= (25 * alignmentCount - 10) * alignmentCount - 55
            if version >= 7 { count -= 36 }
        }
        return count
    }

    /// Data codewords (without error correction) a symbol of `version` and `level` holds.
    public static func dataCodewordCount(version: Int, _ level: ErrorCorrectionLevel) -> Int {
        rawDataModuleCount(version: version) / 8 - level.codewordsPerBlock(version: version)
            * level.blockCount(version: version)
    }

    /// How many characters of `mode` fit in one segment of a symbol of `version` and `level`.
    public static func capacity(version: Int, _ level: ErrorCorrectionLevel, mode: QRSegment.Mode) -> Int {
        let available = dataCodewordCount(version: version, level) * 8 - 4 - mode.characterCountBits(version: version)
        let count: Int
        switch mode {
        case .numeric: count = available / 10 * 3 + [0, 0, 0, 0, 1, 1, 1, 2, 2, 2][available % 10]
        case .alphanumeric: count = available / 11 * 2 + (available % 11 >= 6 ? 1 : 0)
        case .byte: count = available / 8
        case .eci: return 0
        }
        return min(count, (1 << mode.characterCountBits(version: version)) - 1)
    }

    // MARK: Codewords

    /// Mode headers and data, terminator, padding to a byte and the 0xEC 0x11 pad codewords.
    static func dataCodewords(_ segments: [QRSegment], version: Int, _ level: ErrorCorrectionLevel) -> [UInt8] {
        var buffer = BitBuffer()
        for segment in segments {
            buffer.append(segment.mode.indicator, width: 4)
            buffer.append(segment.count, width: segment.mode.characterCountBits(version: version))
            buffer.bits += segment.bits
        }
        let capacity = dataCodewordCount(version: version, level) * 8
        buffer.append(0, width: min(4, capacity - buffer.bits.count))
        buffer.append(0, width: (8 - buffer.bits.count % 8) % 8)
        var bytes = buffer.bytes
        var pad: UInt8 = 0xEC
        while bytes.count < capacity / 8 {
            bytes.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return bytes
    }

    /// The data split into blocks, each block's error correction added, and all of it interleaved.
    static func interleavedCodewords(_ data: [UInt8], version: Int, _ level: ErrorCorrectionLevel) -> [UInt8] {
        let blockCount = level.blockCount(version: version)
        let correctionLength = level.codewordsPerBlock(version: version)
        let totalCodewords = rawDataModuleCount(version: version) / 8
        // Where the codewords do not divide evenly, the later blocks hold one data codeword more.
        let shortBlockCount = blockCount - totalCodewords % blockCount
        let shortBlockLength = totalCodewords / blockCount
        let generator = ReedSolomon.generator(degree: correctionLength)
        var dataBlocks: [[UInt8]] = []
        var correctionBlocks: [[UInt8]] = []
        var offset = 0
        for block in 0..<blockCount {
            let length = shortBlockLength - correctionLength + (block < shortBlockCount ? 0 : 1)
            let blockData = Array(data[offset..<(offset + length)])
            offset += length
            dataBlocks.append(blockData)
            correctionBlocks.append(ReedSolomon.remainder(of: blockData, generator: generator))
        }
        var result: [UInt8] = []
        result.reserveCapacity(totalCodewords)
        for index in 0..<(shortBlockLength - correctionLength + 1) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<correctionLength {
            for block in correctionBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// A QR code could not be made.
public struct QRCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        case dataTooLong(bits: Int, capacity: Int)
        case versionOutOfRange(Int)
        case maskOutOfRange(Int)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// Whether the data is more than a version 40 symbol at the level holds.
    public var isDataTooLong: Bool {
        if case .dataTooLong = kind { true } else { false }
    }

    public var description: String {
        switch kind {
        case .dataTooLong(let bits, let capacity):
            "QR data needs \(bits) bits, the largest symbol at this level holds \(capacity): shorten it or lower the error correction"
        case .versionOutOfRange(let version):
            "QR version \(version) does not exist: use 1...40"
        case .maskOutOfRange(let mask):
            "QR mask \(mask) does not exist: use 0...7"
        }
    }
}

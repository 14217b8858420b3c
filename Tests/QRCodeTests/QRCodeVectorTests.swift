import Testing

@testable import QRCode

/// Known answers from ISO/IEC 18004 and its tables, and structural checks of the drawn symbol.
@Suite struct QRCodeVectorTests {
    @Test func annexExampleNumericVersion1M() throws {
        // ISO/IEC 18004 annex I: "01234567" at 1-M.
        let segments = QRSegment.optimal(for: "01234567", version: 1)
        #expect(segments.map(\.mode) == [.numeric])
        let data = QRCode.dataCodewords(segments, version: 1, .medium)
        let padding: [UInt8] = [0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(data == [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80] + padding)
        let codewords = QRCode.interleavedCodewords(data, version: 1, .medium)
        #expect(Array(codewords.suffix(10)) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        let code = try QRCode(text: "01234567", errorCorrection: .medium)
        #expect(code.version == 1 && code.size == 21)
    }

    @Test func alphanumericHelloWorldVersion1M() throws {
        let segments = QRSegment.optimal(for: "HELLO WORLD", version: 1)
        #expect(segments.map(\.mode) == [.alphanumeric])
        let data = QRCode.dataCodewords(segments, version: 1, .medium)
        #expect(data == [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17])
        let codewords = QRCode.interleavedCodewords(data, version: 1, .medium)
        #expect(Array(codewords.suffix(10)) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func interleavingTakesDataThenCorrectionRoundRobin() {
        // 5-Q: two blocks of 15 and two of 16 data codewords, 18 correction codewords each.
        let data = (0..<62).map { UInt8($0) }
        let codewords = QRCode.interleavedCodewords(data, version: 5, .quartile)
        #expect(codewords.count == 134)
        #expect(Array(codewords.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        // After 15 rounds the short blocks are exhausted, and the long ones give their last codeword.
        #expect(Array(codewords[60..<62]) == [45, 61])
        let firstBlock = ReedSolomon.remainder(of: Array(data[0..<15]), generator: ReedSolomon.generator(degree: 18))
        #expect(codewords[62] == firstBlock[0] && codewords[66] == firstBlock[1])
    }

    @Test func formatInformationTable() {
        // ISO/IEC 18004 annex C, table C.1, by level then mask.
        let expected: [ErrorCorrectionLevel: [Int]] = [
            .low: [
                0b1110111_11000100, 0b1110010_11110011, 0b1111101_10101010, 0b1111000_10011101,
                0b1100110_00101111, 0b1100011_00011000, 0b1101100_01000001, 0b1101001_01110110,
            ],
            .medium: [
                0b1010100_00010010, 0b1010001_00100101, 0b1011110_01111100, 0b1011011_01001011,
                0b1000101_11111001, 0b1000000_11001110, 0b1001111_10010111, 0b1001010_10100000,
            ],
            .quartile: [
                0b0110101_01011111, 0b0110000_01101000, 0b0111111_00110001, 0b0111010_00000110,
                0b0100100_10110100, 0b0100001_10000011, 0b0101110_11011010, 0b0101011_11101101,
            ],
            .high: [
                0b0010110_10001001, 0b0010011_10111110, 0b0011100_11100111, 0b0011001_11010000,
                0b0000111_01100010, 0b0000010_01010101, 0b0001101_00001100, 0b0001000_00111011,
            ],
        ]
        for (level, row) in expected {
            #expect((0...7).map { ModuleMatrix.formatBits(level, mask: $0) } == row, "\(level)")
        }
    }

    @Test func versionInformation() {
        // ISO/IEC 18004 annex D, table D.1.
        let expected = [7: 0x07C94, 8: 0x085BC, 9: 0x09A99, 10: 0x0A4D3, 20: 0x149A6, 32: 0x209D5, 40: 0x28C69]
        for (version, bits) in expected {
            #expect(ModuleMatrix.versionBits(version: version) == bits, "version \(version)")
        }
    }

    @Test func alignmentPatternPositions() {
        // ISO/IEC 18004 annex E, table E.1.
        let expected: [Int: [Int]] = [
            1: [], 2: [6, 18], 7: [6, 22, 38], 15: [6, 26, 48, 70], 22: [6, 26, 50, 74, 98],
            32: [6, 34, 60, 86, 112, 138], 36: [6, 24, 50, 76, 102, 128, 154], 40: [6, 30, 58, 86, 114, 142, 170],
        ]
        for (version, positions) in expected {
            #expect(ModuleMatrix.alignmentPositions(version: version) == positions, "version \(version)")
        }
    }

    @Test func capacitiesMatchTable7() {
        // ISO/IEC 18004 table 7: numeric, alphanumeric, byte characters for versions 1, 10 and 40.
        let expected: [(Int, ErrorCorrectionLevel, [Int])] = [
            (1, .low, [41, 25, 17]), (1, .medium, [34, 20, 14]), (1, .quartile, [27, 16, 11]), (1, .high, [17, 10, 7]),
            (10, .low, [652, 395, 271]), (10, .medium, [513, 311, 213]), (10, .quartile, [364, 221, 151]),
            (10, .high, [288, 174, 119]),
            (40, .low, [7089, 4296, 2953]), (40, .medium, [5596, 3391, 2331]), (40, .quartile, [3993, 2420, 1663]),
            (40, .high, [3057, 1852, 1273]),
        ]
        for (version, level, counts) in expected {
            let actual = [QRSegment.Mode.numeric, .alphanumeric, .byte].map {
                QRCode.capacity(version: version, level, mode: $0)
            }
            #expect(actual == counts, "\(version)-\(level)")
        }
        let byteCapacityM = [
            14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
            711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099,
            2213, 2331,
        ]
        #expect((1...40).map { QRCode.capacity(version: $0, .medium, mode: .byte) } == byteCapacityM)
        // Total codewords (table 1): modules left for data after all function patterns.
        #expect([1, 7, 14, 40].map { QRCode.rawDataModuleCount(version: $0) / 8 } == [26, 196, 581, 3706])
    }

    @Test func versionGrowsExactlyAtCapacity() throws {
        for level in ErrorCorrectionLevel.allCases {
            for version in [1, 9, 10, 26, 27, 39] {
                let fits = QRCode.capacity(version: version, level, mode: .byte)
                #expect(
                    try QRCode(bytes: Array(repeating: 0x61, count: fits), errorCorrection: level).version == version)
                #expect(
                    try QRCode(bytes: Array(repeating: 0x61, count: fits + 1), errorCorrection: level).version
                        == version + 1)
            }
        }
        #expect(throws: QRCodeError.self) {
            try QRCode(bytes: Array(repeating: 0x61, count: 2954), errorCorrection: .low)
        }
        do {
            _ = try QRCode(bytes: Array(repeating: 0x61, count: 2332), errorCorrection: .medium)
            Issue.record("2332 bytes fitted at M")
        } catch {
            #expect(error.isDataTooLong)
        }
    }

    @Test func segmentationPacksDigitsAndCapitalsTighter() {
        #expect(QRSegment.optimal(for: "https://kiosk.example/q/1f0e", version: 1).map(\.mode) == [.byte])
        let reference = QRSegment.optimal(for: "Kassenzeichen 5.3220.004711.2026", version: 5)
        #expect(reference.map(\.mode) == [.byte, .alphanumeric])
        // ECI 26 (UTF-8): mode 0111, designator in one byte.
        #expect(QRSegment.utf8.bits == [false, false, false, true, true, false, true, false])
        #expect(QRSegment(eci: 1000)?.bits.count == 16 && QRSegment(eci: 100_000)?.bits.count == 24)
        let mixed = QRSegment.optimal(for: "Bürgerbüro 12345678901234567890", version: 5)
        #expect(mixed.map(\.mode) == [.eci, .byte, .numeric])
        let mixedBits = mixed.map { $0.encodedBitCount(version: 5)! }.reduce(0, +)
        let byteBits = QRSegment(bytes: Array("Bürgerbüro 12345678901234567890".utf8)).encodedBitCount(version: 5)!
        #expect(mixedBits < byteBits)
        #expect(QRSegment.optimal(for: "", version: 1).isEmpty)
    }

    @Test func functionPatternsFormatAndVersionBitsAreWhereReadersLook() throws {
        for (text, level) in [
            ("A", ErrorCorrectionLevel.high), (String(repeating: "x", count: 400), .low),
            (String(repeating: "Ä", count: 700), .quartile),
        ] {
            let code = try QRCode(text: text, errorCorrection: level)
            let size = code.size
            #expect(size == 17 + 4 * code.version)
            // Finder pattern: dark ring, light ring, dark 3x3 core, light separator.
            for (left, top) in [(0, 0), (size - 7, 0), (0, size - 7)] {
                for dy in 0..<7 {
                    for dx in 0..<7 {
                        let ring = max(abs(dx - 3), abs(dy - 3))
                        #expect(code[x: left + dx, y: top + dy] == (ring != 2))
                    }
                }
            }
            for index in 8..<(size - 8) {
                #expect(code[x: index, y: 6] == (index % 2 == 0))
                #expect(code[x: 6, y: index] == (index % 2 == 0))
            }
            #expect(code[x: 8, y: size - 8])
            // Both copies of the format information, read back as a reader does.
            var first = 0
            var second = 0
            let firstCopy = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
            let secondCopy = (0..<8).map { (size - 1 - $0, 8) } + (8..<15).map { (8, size - 15 + $0) }
            for (bit, (x, y)) in firstCopy.enumerated() where code[x: x, y: y] { first |= 1 << bit }
            for (bit, (x, y)) in secondCopy.enumerated() where code[x: x, y: y] { second |= 1 << bit }
            #expect(first == second)
            #expect(first == ModuleMatrix.formatBits(level, mask: code.mask))
            if code.version >= 7 {
                var upperRight = 0
                var lowerLeft = 0
                for bit in 0..<18 {
                    if code[x: size - 11 + bit % 3, y: bit / 3] { upperRight |= 1 << bit }
                    if code[x: bit / 3, y: size - 11 + bit % 3] { lowerLeft |= 1 << bit }
                }
                #expect(upperRight == ModuleMatrix.versionBits(version: code.version))
                #expect(lowerLeft == upperRight)
            }
        }
    }

    @Test func penaltyRules() {
        #expect(ModuleMatrix.linePenalty([true, true, true, true]) == 0)
        #expect(ModuleMatrix.linePenalty(Array(repeating: false, count: 7)) == 5)
        #expect(ModuleMatrix.linePenalty([true, true, true, true, true, false, false, false, false, false]) == 6)
        let finder = [true, false, true, true, true, false, true]
        let five = Array(repeating: true, count: 5)
        // At the edge the quiet zone supplies the light modules on one side.
        #expect(ModuleMatrix.linePenalty(finder + [false, false, false, false]) == 80)
        #expect(ModuleMatrix.linePenalty([true] + finder + [true]) == 0)
        // Five dark modules run into the pattern's first: a run of six (4 points), no light before it.
        #expect(ModuleMatrix.linePenalty(five + finder + [false, false, false, true]) == 4)
        #expect(ModuleMatrix.linePenalty(five + finder + [false, false, false, false, true]) == 44)
        #expect(ModuleMatrix.linePenalty([false, false, false, false] + finder) == 80)
        // A light 3x3 square: 2x2 blocks 4 x 3, six runs of three do not count, all light is 50 % off balance.
        #expect(ModuleMatrix.penalty(Array(repeating: false, count: 9), size: 3) == 12 + 100)
        // A checkerboard has no runs, no blocks, no finder look-alikes, and 5/9 dark.
        let checkerboard = (0..<9).map { ($0 / 3 + $0 % 3) % 2 == 0 }
        #expect(ModuleMatrix.penalty(checkerboard, size: 3) == 10)
    }

    @Test func chosenMaskHasTheLowestPenalty() throws {
        for text in ["01234567", "https://kiosk.example/q/4f1d2c", "Wahllokal Grundschule Süd, Raum 3"] {
            let chosen = try QRCode(text: text)
            let penalties = try (0...7).map { mask in
                let code = try QRCode(text: text, mask: mask)
                return ModuleMatrix.penalty(code.rows.flatMap { $0 }, size: code.size)
            }
            #expect(penalties[chosen.mask] == penalties.min(), "\(text): \(penalties)")
            #expect(Set(penalties).count > 1, "masks make a difference")
        }
    }

    @Test func svgDrawsExactlyTheDarkModules() throws {
        let code = try QRCode(text: "https://kiosk.example/q/1f0e")
        let svg = code.svg()
        let side = code.size + 2 * QRCode.quietZone
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\""))
        #expect(!svg.contains("width=\"\(side * 4)\""))
        #expect(code.svg(pixelsPerModule: 4).contains("width=\"\(side * 4)\" height=\"\(side * 4)\""))
        // Read the path back: every "Mx yhNv1h-Nz" paints N modules of row y from column x.
        let path = svg.split(separator: "d=\"")[1].split(separator: "\"")[0]
        var drawn = Array(repeating: Array(repeating: false, count: side), count: side)
        for rectangle in path.split(separator: "z") {
            let numbers = rectangle.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            #expect(numbers.count == 5 && numbers[3] == 1 && numbers[4] == -numbers[2])
            for x in numbers[0]..<(numbers[0] + numbers[2]) {
                #expect(!drawn[numbers[1]][x], "painted twice")
                drawn[numbers[1]][x] = true
            }
        }
        for y in 0..<side {
            for x in 0..<side {
                #expect(drawn[y][x] == code[x: x - QRCode.quietZone, y: y - QRCode.quietZone])
            }
        }
    }
}

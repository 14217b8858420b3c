import Testing

@testable import KioskUI

@Suite("Key decoder")
struct KeyDecoderTests {
    /// Decodes one complete read followed by a pause.
    func decode(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flush()
    }

    func decode(_ text: String) -> [Key] {
        decode(Array(text.utf8))
    }

    @Test(
        "single bytes and control keys",
        arguments: [
            ("a", [Key.character("a")]),
            ("L", [.character("L")]),
            (" ", [.character(" ")]),
            ("7", [.digit(7)]),
            ("0", [.digit(0)]),
            ("\r", [.enter]),
            ("\n", [.enter]),
            ("\t", [.tab]),
            ("\u{7F}", [.backspace]),
            ("\u{8}", [.backspace]),
            ("\u{3}", [.interrupt]),
            ("\u{4}", [.endOfInput]),
            ("\u{1}\u{2}\u{5}", []),
        ]
    )
    func controlKeys(input: String, expected: [Key]) {
        #expect(decode(input) == expected)
    }

    @Test(
        "UTF-8 characters, including umlauts and four-byte emoji",
        arguments: [
            ("ü", Character("ü")), ("Ä", "Ä"), ("ß", "ß"), ("€", "€"), ("日", "日"), ("😀", "😀"),
        ]
    )
    func utf8(input: String, expected: Character) {
        #expect(decode(input) == [.character(expected)])
    }

    @Test(
        "CSI sequences as xterm and tmux send them",
        arguments: [
            ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
            ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}[1~", .home), ("\u{1B}[4~", .end),
            ("\u{1B}[7~", .home), ("\u{1B}[8~", .end), ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
            ("\u{1B}[1;5A", .up), ("\u{1B}[1;2D", .left), ("\u{1B}[5;3~", .pageUp),
            ("\u{1B}[1;2P", .function(1)), ("\u{1B}[P", .function(1)), ("\u{1B}[S", .function(4)),
            ("\u{1B}[11~", .function(1)), ("\u{1B}[12~", .function(2)), ("\u{1B}[13~", .function(3)),
            ("\u{1B}[14~", .function(4)), ("\u{1B}[15~", .function(5)), ("\u{1B}[17~", .function(6)),
            ("\u{1B}[18~", .function(7)), ("\u{1B}[19~", .function(8)), ("\u{1B}[20~", .function(9)),
            ("\u{1B}[21~", .function(10)), ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)),
            ("\u{1B}[15;2~", .function(5)), ("\u{1B}[[A", .function(1)), ("\u{1B}[[E", .function(5)),
        ]
    )
    func controlSequences(input: String, expected: Key) {
        #expect(decode(input) == [expected])
    }

    @Test(
        "SS3 sequences: application cursor keys, F1–F4 and the keypad",
        arguments: [
            ("\u{1B}OA", Key.up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
            ("\u{1B}OH", .home), ("\u{1B}OF", .end), ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)),
            ("\u{1B}OR", .function(3)), ("\u{1B}OS", .function(4)), ("\u{1B}O5P", .function(1)),
            ("\u{1B}OM", .enter), ("\u{1B}Op", .digit(0)), ("\u{1B}Oy", .digit(9)),
        ]
    )
    func singleShift(input: String, expected: Key) {
        #expect(decode(input) == [expected])
    }

    @Test("several keys in one read come out in order")
    func sequenceOfKeys() {
        #expect(
            decode("1\u{1B}[Bü\r\u{1B}OP\u{3}") == [
                .digit(1), .down, .character("ü"), .enter, .function(1), .interrupt,
            ]
        )
    }

    @Test("a lone ESC waits for the pause, then is Escape")
    func loneEscape() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
        #expect(decoder.flush() == [])
    }

    @Test("ESC followed by an ordinary key, or by another ESC, is Escape and then that key")
    func escapeThenKey() {
        #expect(decode("\u{1B}x") == [.escape, .character("x")])
        #expect(decode("\u{1B}1") == [.escape, .digit(1)])
        #expect(decode("\u{1B}\u{1B}") == [.escape, .escape])
        #expect(decode("\u{1B}\u{1B}[A") == [.escape, .up])
    }

    @Test("sequences and characters split across reads are joined", arguments: 1..<5)
    func splitAcrossReads(cut: Int) {
        let bytes = Array("\u{1B}[15~".utf8)
        var decoder = KeyDecoder()
        let first = decoder.feed(bytes[..<min(cut, bytes.count)])
        let second = decoder.feed(bytes[min(cut, bytes.count)...])
        #expect(first == [])
        #expect(second == [.function(5)])
    }

    @Test("ESC and [ in separate reads, then the final byte")
    func escapeBracketSplit() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.feed([0x5B]) == [])
        #expect(decoder.feed([0x41, 0x61]) == [.up, .character("a")])
        #expect(!decoder.hasPending)
        #expect(decoder.feed([0xC3]) == [])
        #expect(decoder.feed([0xBC]) == [.character("ü")])
        #expect(decoder.feed([0xF0, 0x9F]) == [])
        #expect(decoder.feed([0x98, 0x80, 0x31]) == [.character("😀"), .digit(1)])
    }

    @Test("a sequence cut off by the pause is dropped, not turned into stray keys")
    func cutOffSequence() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[1;".utf8)) == [])
        #expect(decoder.flush() == [])
        #expect(decoder.feed(Array("a".utf8)) == [.character("a")])
        #expect(decoder.feed([0xE2, 0x82]) == [])
        #expect(decoder.flush() == [])
    }

    @Test(
        "unknown sequences and malformed bytes are skipped, and decoding goes on after them",
        arguments: [
            "\u{1B}[2~", "\u{1B}[3~", "\u{1B}[99~", "\u{1B}[Z", "\u{1B}[<0;12;5M", "\u{1B}[?1;2c", "\u{1B}[12;40R",
            "\u{1B}[ q", "\u{1B}[1;2;3;4A", "\u{1B}O~", "\u{1B}[[Z", "\u{FF}", "\u{C0}\u{80}", "\u{ED}\u{A0}\u{80}",
            "\u{F4}\u{90}\u{80}\u{80}", "\u{C2}\u{85}", "\u{80}", "\u{1B}[" + String(repeating: "1", count: 40) + "A",
        ]
    )
    func garbage(input: String) {
        // Written as Latin-1 so the test can hold bytes that are not valid UTF-8.
        let bytes = input.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let keys = decode(bytes + Array("q".utf8))
        #expect(keys.last == .character("q"))
        #expect(!keys.contains(.character("q")) || keys.firstIndex(of: .character("q")) == keys.count - 1)
        #expect(keys.count <= 2)
    }

    @Test("a control sequence broken by a control byte gives way to that byte")
    func interruptedSequence() {
        #expect(decode("\u{1B}[1\u{3}") == [.interrupt])
        #expect(decode("\u{1B}[1\u{1B}[B") == [.down])
        #expect(decode("\u{1B}O\r") == [.enter])
    }

    @Test("ten thousand random buffers never trap and never leave much pending (seeded)")
    func randomGarbage() {
        var random = SplitMix64(seed: 20_250_312)
        var decoder = KeyDecoder()
        var keys = 0
        // Bias towards the bytes that start sequences, so the odd paths are exercised too.
        let interesting: [UInt8] = [0x1B, 0x5B, 0x4F, 0x7E, 0x3B, 0x31, 0xC3, 0xE2, 0xF0, 0x80, 0xBF, 0x03]
        for round in 0..<10_000 {
            let length = Int.random(in: 0...48, using: &random)
            let buffer = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            keys += decoder.feed(buffer).count
            #expect(decoder.pendingCount <= KeyDecoder.maximumSequenceLength + 2)
            if round % 7 == 0 {
                keys += decoder.flush().count
                #expect(!decoder.hasPending)
            }
        }
        keys += decoder.flush().count
        #expect(keys > 0)
        #expect(decoder.feed(Array("\u{1B}[A".utf8)) == [.up])
    }
}

import KioskCore
import KioskTesting
import Testing
@testable import USBDevices

/// Seeded random and mutated USB reports against the scanner and signature pad decoders: whatever a device
/// sends, the decoders never trap, every failure is a message a citizen can act on, and the next clean scan
/// (or capture) after a pause decodes as if nothing had happened. The seed is in every message, so a failure
/// replays; `KIOSK_FUZZ_ITERATIONS` makes the run longer (README, "Fuzzing").
@Suite struct ReportFuzzTests {
    static let start = ContinuousClock.now
    static let problems: Set<Message> = [ScanProblem.incomplete, ScanProblem.garbled, ScanProblem.unknownKey]

    /// A report: random bytes, `valid` itself, or `valid` with a few bytes changed, cut or extended.
    static func report(_ valid: [UInt8], _ random: inout SeededRandomNumberGenerator) -> [UInt8] {
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            return (0..<Int.random(in: 0...80, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1:
            return valid
        default:
            var bytes = valid
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                case 1 where !bytes.isEmpty: bytes.removeLast(Int.random(in: 1...bytes.count, using: &random))
                default: bytes.append(UInt8.random(in: 0...255, using: &random))
                }
            }
            return bytes
        }
    }

    static func checkOutput(_ output: [DecodedScan], maximumLength: Int, seed: UInt64) {
        for decoded in output {
            switch decoded {
            // An empty code (a report of length 0) is possible; the payload rules refuse it as unknown.
            case .code(let code): #expect(code.data.count <= maximumLength, "seed \(seed)")
            case .unreadable(let problem): #expect(problems.contains(problem), "seed \(seed): \(problem)")
            }
        }
    }

    @Test(arguments: FuzzBudget.seeds([1, 2, 3]))
    func hidPOSReportsNeverTrapAndTheNextScanAfterAPauseDecodes(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var decoder = HIDPOSDecoder(maximumCodeLength: 512)
        var now = Self.start
        for _ in 0..<FuzzBudget.iterations(3_000) {
            var output: [DecodedScan] = []
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let valid = HIDPOSDecoderTests.report(
                    (0..<Int.random(in: 0...56, using: &random)).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) },
                    aim: ["]Q1", "]E0", "]C0", "]d2"].randomElement(using: &random)!, more: Bool.random(using: &random))
                let report = Self.report(valid, &random)
                now += .milliseconds(Int.random(in: 0...50, using: &random))
                decoder.feed(report, at: now, into: &output)
            }
            Self.checkOutput(output, maximumLength: 512, seed: seed)
            // A citizen's next scan comes after a pause: it decodes exactly, whatever came before.
            let code = (0..<Int.random(in: 1...56, using: &random)).map { _ in UInt8.random(in: 0x21...0x7E, using: &random) }
            now += .seconds(2)
            var next: [DecodedScan] = []
            decoder.feed(HIDPOSDecoderTests.report(code, aim: "]Q1"), at: now, into: &next)
            guard next.last == .code(ScannedCode(symbology: .qrCode, data: code)) else {
                Issue.record("seed \(seed): the scan after garbage gave \(next)")
                return
            }
        }
    }

    @Test(arguments: FuzzBudget.seeds([4, 5, 6]))
    func keyboardWedgeReportsNeverTrapAndTheNextScanAfterAPauseDecodes(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var decoder = KeyboardWedgeDecoder(layout: .german)
        var now = Self.start
        // Digits 1-9 and 0 need no modifier on any layout.
        let digits: [(UInt8, Character)] = (0..<10).map { (UInt8(0x1E + $0), Character(String(($0 + 1) % 10))) }
        for _ in 0..<FuzzBudget.iterations(3_000) {
            var output: [DecodedScan] = []
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let valid = KeyboardWedgeDecoderTests.key(UInt8.random(in: 0...0x70, using: &random), UInt8.random(in: 0...255, using: &random))
                let report = Self.report(valid, &random)
                now += .milliseconds(Int.random(in: 0...20, using: &random))
                decoder.feed(report, at: now, into: &output)
            }
            Self.checkOutput(output, maximumLength: 8192, seed: seed)
            let typed = (0..<Int.random(in: 1...20, using: &random)).map { _ in digits.randomElement(using: &random)! }
            // A scanner starts a scan with every key up.
            var keys: [[UInt8]] = [KeyboardWedgeDecoderTests.release]
            for (usage, _) in typed { keys += [KeyboardWedgeDecoderTests.key(usage), KeyboardWedgeDecoderTests.release] }
            keys += [KeyboardWedgeDecoderTests.enter, KeyboardWedgeDecoderTests.release]
            now += .seconds(2)
            var next: [DecodedScan] = []
            for report in keys {
                now += .milliseconds(1)
                decoder.feed(report, at: now, into: &next)
            }
            let expected = Array(String(typed.map(\.1)).utf8)
            guard next.last == .code(ScannedCode(symbology: .unknown, data: expected)) else {
                Issue.record("seed \(seed): the scan after garbage gave \(next)")
                return
            }
        }
    }

    @Test(arguments: FuzzBudget.seeds([7, 8, 9]))
    func wacomSTUReportsNeverTrapAndEventsAgreeWithTheSignature(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        let layout = WacomSTUTests.layout
        for _ in 0..<FuzzBudget.iterations(600) {
            var decoder = WacomSTUPenDecoder(layout: layout, device: "wacom-stu-430")
            var events: [SignatureEvent] = []
            var sequence = UInt16.random(in: 0...UInt16.max, using: &random)
            var time = UInt16.random(in: 0...UInt16.max, using: &random)
            for _ in 0..<Int.random(in: 1...60, using: &random) {
                sequence &+= UInt16.random(in: 0...3, using: &random)
                time &+= 5
                let valid = WacomSTUTests.pen(
                    Int.random(in: 0...layout.tabletMaxX + 200, using: &random), Int.random(in: 0...layout.tabletMaxY + 200, using: &random),
                    Int.random(in: 0...1023, using: &random), touching: Int.random(in: 0..<4, using: &random) != 0, time: time,
                    sequence: sequence)
                let report = Self.report(valid, &random)
                decoder.feed(report, hostMilliseconds: Int(time), into: &events)
                _ = WacomSTUReports.capability(report)
                _ = WacomSTUReports.status(report)
            }
            // Points then stroke ends rebuild exactly the strokes the signature holds; nothing follows the end.
            var strokes: [[PenSample]] = []
            var current: [PenSample] = []
            var dropped = 0
            var ended = false
            for event in events {
                #expect(!ended, "seed \(seed): an event after the capture ended")
                switch event {
                case .point(let sample):
                    #expect((0...0xFFFF).contains(sample.x) && (0...0xFFFF).contains(sample.y) && (0...0x0FFF).contains(sample.pressure), "seed \(seed)")
                    current.append(sample)
                case .strokeEnded:
                    strokes.append(current)
                    current = []
                case .droppedReports(let count):
                    #expect(count > 0, "seed \(seed)")
                    dropped += count
                case .confirmed(let signature):
                    #expect(signature.strokes == strokes && !strokes.isEmpty, "seed \(seed)")
                    ended = true
                case .cancelled, .detached:
                    ended = true
                }
            }
            #expect(dropped == decoder.droppedReports, "seed \(seed)")
            #expect(decoder.isFinished == ended, "seed \(seed)")
        }
    }
}

import KioskCore
import Testing
@testable import USBDevices

@Suite struct KeyboardWedgeDecoderTests {
    static let start = ContinuousClock.now
    static let release: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
    static let enter: [UInt8] = [0, 0, 0x28, 0, 0, 0, 0, 0]

    static func key(_ usage: UInt8, _ modifiers: UInt8 = 0) -> [UInt8] { [modifiers, 0, usage, 0, 0, 0, 0, 0] }

    /// Presses and releases each key, then Enter.
    static func typed(_ keys: [(UInt8, UInt8)]) -> [[UInt8]] {
        keys.flatMap { [key($0.0, $0.1), release] } + [enter, release]
    }

    static func decode(_ reports: [[UInt8]], layout: KeyboardLayoutTable) -> [DecodedScan] {
        var decoder = KeyboardWedgeDecoder(layout: layout)
        var output: [DecodedScan] = []
        for (index, report) in reports.enumerated() {
            decoder.feed(report, at: start + .milliseconds(index), into: &output)
        }
        return output
    }

    static func text(_ value: String) -> DecodedScan { .code(ScannedCode(symbology: .unknown, data: Array(value.utf8))) }

    @Test func germanLayoutSwapsYAndZAndHasUmlauts() {
        let keys: [(UInt8, UInt8)] = [(0x1C, 0), (0x1D, 0), (0x1C, 0x02), (0x2F, 0), (0x33, 0), (0x34, 0), (0x2D, 0), (0x2F, 0x20), (0x2D, 0x02)]
        #expect(Self.decode(Self.typed(keys), layout: .german) == [Self.text("zyZüöäßÜ?")])
        #expect(Self.decode(Self.typed(keys), layout: .usEnglish) == [Self.text("yzY[;'-{_")])
    }

    @Test func germanAltGrCharacters() {
        let altGr: UInt8 = 0x40
        let keys: [(UInt8, UInt8)] = [
            (0x14, altGr), (0x08, altGr), (0x24, altGr), (0x25, altGr), (0x26, altGr), (0x27, altGr), (0x2D, altGr),
            (0x30, altGr), (0x64, altGr), (0x10, altGr), (0x14, 0x05),
        ]
        #expect(Self.decode(Self.typed(keys), layout: .german) == [Self.text("@€{[]}\\~|µ@")])
    }

    @Test func shiftedDigitsDifferPerLayout() {
        let keys: [(UInt8, UInt8)] = (0x1E...0x27).map { ($0, 0x02) }
        #expect(Self.decode(Self.typed(keys), layout: .german) == [Self.text("!\"§$%&/()=")])
        #expect(Self.decode(Self.typed(keys), layout: .usEnglish) == [Self.text("!@#$%^&*()")])
    }

    @Test func aHeldKeyIsOneCharacterAndARepeatNeedsARelease() {
        let reports = [Self.key(0x04), Self.key(0x04), Self.key(0x04), Self.release, Self.key(0x04), Self.release, Self.enter, Self.release]
        #expect(Self.decode(reports, layout: .usEnglish) == [Self.text("aa")])
    }

    @Test func rolloverKeysEachCountOnce() {
        // b down, then b and c down together (c is new), then c alone (nothing new).
        let reports: [[UInt8]] = [
            [0, 0, 0x05, 0, 0, 0, 0, 0], [0, 0, 0x05, 0x06, 0, 0, 0, 0], [0, 0, 0x06, 0, 0, 0, 0, 0], Self.release, Self.enter,
        ]
        #expect(Self.decode(reports, layout: .usEnglish) == [Self.text("bc")])
    }

    @Test func anUnknownKeySpoilsOnlyItsOwnScan() {
        let reports = Self.typed([(0x04, 0), (0x3A, 0), (0x05, 0)]) + Self.typed([(0x06, 0)])
        #expect(Self.decode(reports, layout: .german) == [.unreadable(ScanProblem.unknownKey), Self.text("c")])
    }

    @Test func ctrlCombinationsAndTruncatedReportsAreUnreadable() {
        let reports = Self.typed([(0x04, 0x01)]) + [[0, 0, 0x04]] + Self.typed([(0x05, 0)]) + Self.typed([(0x07, 0)])
        #expect(Self.decode(reports, layout: .usEnglish) == [
            .unreadable(ScanProblem.unknownKey), .unreadable(ScanProblem.incomplete), Self.text("d"),
        ])
    }

    @Test func aScanWithoutEnterIsDroppedAfterTheIdleTimeout() {
        var decoder = KeyboardWedgeDecoder(layout: .german, idleTimeout: .milliseconds(500))
        var output: [DecodedScan] = []
        decoder.feed(Self.key(0x04), at: Self.start, into: &output)
        decoder.feed(Self.release, at: Self.start + .milliseconds(1), into: &output)
        decoder.expire(at: Self.start + .milliseconds(100), into: &output)
        #expect(output.isEmpty)
        decoder.expire(at: Self.start + .seconds(1), into: &output)
        #expect(output == [.unreadable(ScanProblem.incomplete)])
        for (index, report) in Self.typed([(0x05, 0)]).enumerated() {
            decoder.feed(report, at: Self.start + .seconds(2) + .milliseconds(index), into: &output)
        }
        #expect(output.last == Self.text("b"))
    }

    @Test func enterAloneEmitsNothing() {
        #expect(Self.decode([Self.enter, Self.release, Self.enter], layout: .german).isEmpty)
    }
}

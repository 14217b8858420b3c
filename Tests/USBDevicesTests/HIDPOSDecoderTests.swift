import KioskCore
import Testing
@testable import USBDevices

@Suite struct HIDPOSDecoderTests {
    static func report(_ data: [UInt8], aim: String = "]Q1", more: Bool = false, id: UInt8 = 2, length: Int? = nil) -> [UInt8] {
        var report = [UInt8](repeating: 0, count: 64)
        report[0] = id
        report[1] = UInt8(length ?? data.count)
        report.replaceSubrange(2..<5, with: Array(aim.utf8))
        report.replaceSubrange(5..<(5 + data.count), with: data)
        report[63] = more ? 1 : 0
        return report
    }

    static let start = ContinuousClock.now

    static func decode(_ reports: [[UInt8]], decoder: inout HIDPOSDecoder, step: Duration = .milliseconds(2)) -> [DecodedScan] {
        var output: [DecodedScan] = []
        for (index, report) in reports.enumerated() {
            decoder.feed(report, at: start + step * index, into: &output)
        }
        return output
    }

    @Test func aQRCodeOverThreeReportsIsConcatenated() {
        let code = Array((0..<130).map { UInt8(0x41 + $0 % 26) })
        var decoder = HIDPOSDecoder()
        let output = Self.decode(
            [Self.report(Array(code[0..<56]), more: true), Self.report(Array(code[56..<112]), more: true), Self.report(Array(code[112...]))],
            decoder: &decoder)
        #expect(output == [.code(ScannedCode(symbology: .qrCode, data: code))])
    }

    @Test func anEANInOneReportCarriesItsSymbology() {
        var decoder = HIDPOSDecoder()
        let output = Self.decode([Self.report(Array("4006381333931".utf8), aim: "]E0")], decoder: &decoder)
        #expect(output == [.code(ScannedCode(symbology: .ean, data: Array("4006381333931".utf8)))])
    }

    @Test func truncatedAndGarbledReportsAreUnreadableAndTheNextScanDecodes() {
        var decoder = HIDPOSDecoder()
        let good = Self.report(Array("OK".utf8), aim: "]C0")
        let output = Self.decode(
            [[0x02, 0x05], Self.report([1, 2], id: 0x07), Self.report([1], length: 57), Array(Self.report(Array("ABCDEFGH".utf8))[0..<8]), good],
            decoder: &decoder)
        #expect(output == [
            .unreadable(ScanProblem.incomplete), .unreadable(ScanProblem.garbled), .unreadable(ScanProblem.garbled),
            .unreadable(ScanProblem.incomplete), .code(ScannedCode(symbology: .code128, data: Array("OK".utf8))),
        ])
    }

    @Test func aShortFinalReportWithoutFlagByteIsAccepted() {
        var decoder = HIDPOSDecoder()
        let output = Self.decode([Array(Self.report(Array("ABC".utf8))[0..<8])], decoder: &decoder)
        #expect(output == [.code(ScannedCode(symbology: .qrCode, data: Array("ABC".utf8)))])
    }

    @Test func aContinuationThatNeverComesIsDroppedAfterTheTimeout() {
        var decoder = HIDPOSDecoder(continuationTimeout: .milliseconds(100))
        var output: [DecodedScan] = []
        decoder.feed(Self.report([1, 2, 3], more: true), at: Self.start, into: &output)
        decoder.expire(at: Self.start + .milliseconds(50), into: &output)
        #expect(output.isEmpty)
        decoder.expire(at: Self.start + .milliseconds(150), into: &output)
        #expect(output == [.unreadable(ScanProblem.incomplete)])
        decoder.feed(Self.report([9], aim: "]E0"), at: Self.start + .milliseconds(200), into: &output)
        #expect(output.last == .code(ScannedCode(symbology: .ean, data: [9])))
    }

    @Test func aFreshReportOfAnotherCodeDropsTheUnfinishedOne() {
        var decoder = HIDPOSDecoder()
        let output = Self.decode([Self.report([1, 2, 3], more: true), Self.report([7, 8], aim: "]E0")], decoder: &decoder)
        #expect(output == [.unreadable(ScanProblem.incomplete), .code(ScannedCode(symbology: .ean, data: [7, 8]))])
    }

    @Test func aLateReportAfterTheTimeoutIsNotGluedToTheOldPart() {
        var decoder = HIDPOSDecoder(continuationTimeout: .milliseconds(100))
        var output: [DecodedScan] = []
        decoder.feed(Self.report([1, 2], more: true), at: Self.start, into: &output)
        decoder.feed(Self.report([3]), at: Self.start + .seconds(2), into: &output)
        #expect(output == [.unreadable(ScanProblem.incomplete), .code(ScannedCode(symbology: .qrCode, data: [3]))])
    }

    @Test func aScannerThatNeverEndsACodeIsCutOff() {
        var decoder = HIDPOSDecoder(maximumCodeLength: 100)
        let output = Self.decode(Array(repeating: Self.report(Array(repeating: 0x30, count: 56), more: true), count: 3), decoder: &decoder)
        #expect(output == [.unreadable(ScanProblem.garbled)])
    }
}

// Scanner report decoding against a baseline measured in the same run:
//  HID POS: a 130-byte QR code in three 64-byte reports → ScannedCode, vs. copying the same reports into arrays;
//  keyboard wedge (de-DE): a 40-character code in 82 boot reports → ScannedCode, vs. copying the same reports.
// Throughput in scans per second and p99 latency per scan; the ratio says what decoding costs over the copy.
// Then scan → confirmation screen (ScanToScreen.swift).
// Usage: scan-decoding-benchmark [--scans N] [--rounds N]   (swift build -c release --product scan-decoding-benchmark)
import Foundation
import KioskCore
import USBDevices

let arguments = CommandLine.arguments
let scans = arguments.firstIndex(of: "--scans").flatMap { Int(arguments[$0 + 1]) } ?? 20_000

func hidPOSReports() -> [[UInt8]] {
    hidPOSReports(of: (0..<130).map { UInt8(0x41 + $0 % 26) })
}

/// HID POS reports of one QR code as a Honeywell scanner sends them: up to 56 data bytes each, the last without
/// the more-data bit.
func hidPOSReports(of code: [UInt8]) -> [[UInt8]] {
    stride(from: 0, to: code.count, by: 56).map { start in
        let part = code[start..<min(start + 56, code.count)]
        var report = [UInt8](repeating: 0, count: 64)
        report[0] = 0x02
        report[1] = UInt8(part.count)
        report.replaceSubrange(2..<5, with: Array("]Q1".utf8))
        report.replaceSubrange(5..<(5 + part.count), with: part)
        report[63] = start + 56 < code.count ? 1 : 0
        return report
    }
}

func wedgeReports() -> [[UInt8]] {
    // Letters, digits, a shifted letter and an umlaut, each pressed and released, then Enter.
    let keys: [(UInt8, UInt8)] = (0..<40).map { index in
        switch index % 4 {
        case 0: (0x04 + UInt8(index % 26), 0)
        case 1: (0x1E + UInt8(index % 10), 0)
        case 2: (0x1C, 0x02)
        default: (0x2F, 0)
        }
    }
    let release = [UInt8](repeating: 0, count: 8)
    return keys.flatMap { [[$0.1, 0, $0.0, 0, 0, 0, 0, 0], release] } + [[0, 0, 0x28, 0, 0, 0, 0, 0], release]
}

struct Measurement {
    let perSecond: Double
    let p99Microseconds: Double
}

/// Runs `scan` `count` times, timing each; returns throughput and p99.
func measure(_ count: Int, _ scan: () -> Int) -> (Measurement, Int) {
    var samples = [Double]()
    samples.reserveCapacity(count)
    var checksum = 0
    let clock = ContinuousClock()
    let total = clock.measure {
        for _ in 0..<count {
            let start = clock.now
            checksum &+= scan()
            let elapsed = clock.now - start
            samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
    }
    samples.sort()
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    return (Measurement(perSecond: Double(count) / seconds, p99Microseconds: samples[min(count - 1, count * 99 / 100)]), checksum)
}

func report(_ name: String, reports: [[UInt8]], decoder: some ScanReportDecoder) {
    var decoder = decoder
    var output: [DecodedScan] = []
    output.reserveCapacity(4)
    let now = ContinuousClock.now
    let (decoded, checksumA) = measure(scans) {
        output.removeAll(keepingCapacity: true)
        for report in reports { decoder.feed(report, at: now, into: &output) }
        guard output.count == 1, case .code(let code) = output[0] else { fatalError("\(name): decoding failed: \(output)") }
        return code.data.count
    }
    var sink: [[UInt8]] = []
    sink.reserveCapacity(reports.count)
    let (copied, checksumB) = measure(scans) {
        // Baseline: what the driver does with every report anyway, copying it out of the transfer buffer.
        sink.removeAll(keepingCapacity: true)
        for report in reports { sink.append(report.withUnsafeBufferPointer { Array($0) }) }
        return sink.count
    }
    print("\(name) (\(reports.count) reports per scan, \(scans) scans)")
    print(String(format: "  decode   %10.0f scans/s  p99 %7.2f µs", decoded.perSecond, decoded.p99Microseconds))
    print(String(format: "  copy     %10.0f scans/s  p99 %7.2f µs   (baseline)", copied.perSecond, copied.p99Microseconds))
    print(String(format: "  ratio    decode takes %.1fx the copy's time per scan (p99 %.1fx)  [checksums %d %d]",
        copied.perSecond / decoded.perSecond, decoded.p99Microseconds / copied.p99Microseconds, checksumA, checksumB))
}

report("HID POS, QR code of 130 bytes", reports: hidPOSReports(), decoder: HIDPOSDecoder())
report("keyboard wedge de-DE, 40 characters", reports: wedgeReports(), decoder: KeyboardWedgeDecoder(layout: .german))

try await benchmarkScanToScreen(rounds: arguments.firstIndex(of: "--rounds").flatMap { Int(arguments[$0 + 1]) } ?? 300)

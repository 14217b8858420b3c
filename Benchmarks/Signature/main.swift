// Signature pad benchmarks, each against a baseline measured in the same run:
//  pen decoding: 60 s of pen data at the pad's 200 reports/s (12 000 reports of report 34, strokes and lifts,
//   time-compressed: fed as fast as the decoder takes them) through WacomSTUPenDecoder, vs. copying the same
//   reports; every report must come out (points + lifts = reports sent, 0 dropped);
//  PNG: a 12-stroke, 1 200-sample signature rendered to a 1-bit PNG at 800×480, vs. encoding a blank bitmap of
//   the same size; the target is under 20 ms per signature.
// Usage: signature-benchmark [--rounds N]   (swift build -c release --product signature-benchmark)
import Foundation
import KioskCore
import Printing
import USBDevices

let arguments = CommandLine.arguments
let rounds = arguments.firstIndex(of: "--rounds").flatMap { Int(arguments[$0 + 1]) } ?? 20
let layout = SignaturePadLayout(
    tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 800, screenHeight: 480)

/// 60 s at 200 reports/s: strokes of 90 touching reports and 10 lifted ones, wandering over the signing area.
func penReports(seconds: Int = 60, rate: Int = 200) -> [[UInt8]] {
    (0..<(seconds * rate)).map { index in
        let touching = index % 100 < 90
        let x = 600 + (index * 7) % 8000
        let y = 1800 + Int(1200 * sin(Double(index) / 15))
        let pressure = touching ? 200 + index % 600 : 0
        let time = UInt16(truncatingIfNeeded: index * 5)
        let sequence = UInt16(truncatingIfNeeded: index + 1)
        return [
            0x34, 0x80 | (touching ? 0x10 : 0) | UInt8(pressure >> 8), UInt8(pressure & 0xFF), UInt8(x >> 8), UInt8(x & 0xFF),
            UInt8(y >> 8), UInt8(y & 0xFF), UInt8(time >> 8), UInt8(time & 0xFF), UInt8(sequence >> 8), UInt8(sequence & 0xFF),
        ]
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// Median and worst of `rounds` runs of `body`, in milliseconds; `body` returns a checksum so nothing is optimised away.
func time(_ body: () -> Int) -> (median: Double, worst: Double, checksum: Int) {
    var samples: [Double] = []
    var checksum = 0
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        let start = clock.now
        checksum &+= body()
        samples.append(milliseconds(start.duration(to: clock.now)))
    }
    samples.sort()
    return (samples[samples.count / 2], samples.last ?? 0, checksum)
}

let reports = penReports()
var lost = 0
var delivered = 0
let decoding = time {
    var decoder = WacomSTUPenDecoder(layout: layout, device: "bench")
    var events: [SignatureEvent] = []
    events.reserveCapacity(reports.count)
    for report in reports { decoder.feed(report, into: &events) }
    let points = events.reduce(0) { if case .point = $1 { $0 + 1 } else { $0 } }
    let lifts = reports.filter { $0[1] & 0x10 == 0 }.count
    lost = decoder.droppedReports
    delivered = points + lifts
    return events.count
}
let copying = time {
    var copies: [[UInt8]] = []
    copies.reserveCapacity(reports.count)
    for report in reports { copies.append(Array(report)) }
    return copies.count
}
print("pen decoding, 60 s at 200 reports/s (\(reports.count) reports, time-compressed):")
print(String(format: "  decoder  median %.2f ms (%.0f× real time), worst %.2f ms", decoding.median, 60_000 / decoding.median, decoding.worst))
print(String(format: "  baseline (copy the reports) median %.2f ms; decoder/copy %.1f×", copying.median, decoding.median / max(copying.median, 0.001)))
print("  reports in \(reports.count), out \(delivered) (points + lifts), reported lost \(lost)")

// A signature: 12 strokes of 100 samples each.
let strokes = (0..<12).map { stroke in
    (0..<100).map { index in
        PenSample(
            x: 600 + stroke * 700 + index * 6, y: 2000 + Int(900 * sin(Double(index) / 8 + Double(stroke))),
            pressure: 300 + (index * 13) % 700, time: stroke * 600 + index * 5)
    }
}
let signature = CapturedSignature(strokes: strokes, layout: layout, device: "bench")
let rendering = time { SignatureImage.png(signature).count }
let blank = MonochromeBitmap(width: 800, height: 480) { _, _ in false }
let baseline = time { PNGCodec.encode(blank).count }
print("signature to PNG (800×480, \(signature.sampleCount) samples), target < 20 ms:")
print(String(format: "  render + encode median %.2f ms, worst %.2f ms", rendering.median, rendering.worst))
print(String(format: "  baseline (encode a blank bitmap) median %.2f ms", baseline.median))
let ok = lost == 0 && delivered == reports.count && rendering.worst < 20
print(ok ? "signature benchmark: OK" : "signature benchmark: FAILED")
exit(ok ? 0 : 1)

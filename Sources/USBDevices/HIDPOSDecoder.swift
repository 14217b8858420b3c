import KioskCore

/// Decodes HID POS scanned-data reports (usage page 8C) in Honeywell's 64-byte layout:
/// `[0]` report id 02, `[1]` data length in this report (at most 56), `[2-4]` AIM id, `[5...]` data,
/// `[63]` bit 0 set when more data follows in the next report (the parts are concatenated).
package struct HIDPOSDecoder: ScanReportDecoder {
    /// Report id of a scanned-data report.
    package static let reportID: UInt8 = 0x02
    /// Report id, length, three AIM id bytes.
    static let headerLength = 5
    /// Data bytes one report can carry.
    static let maximumDataPerReport = 56
    /// Where the more-data flag sits.
    static let moreDataIndex = 63

    /// How long to wait for the next part of a code before dropping it; continuation reports follow within
    /// milliseconds, a citizen's next scan takes far longer.
    package var continuationTimeout: Duration
    /// A bound on one code, so a scanner that never clears the more-data flag cannot fill memory.
    package var maximumCodeLength: Int

    private var pending: [UInt8] = []
    private var pendingAIM: (UInt8, UInt8, UInt8)?
    private var lastPart: ContinuousClock.Instant?

    /// A decoder with nothing in progress.
    package init(continuationTimeout: Duration = .milliseconds(300), maximumCodeLength: Int = 8192) {
        self.continuationTimeout = continuationTimeout
        self.maximumCodeLength = maximumCodeLength
        pending.reserveCapacity(Self.maximumDataPerReport)
    }

    package mutating func feed(_ report: [UInt8], at now: ContinuousClock.Instant, into output: inout [DecodedScan]) {
        expire(at: now, into: &output)
        guard report.count >= Self.headerLength else { return fail(ScanProblem.incomplete, into: &output) }
        guard report[0] == Self.reportID else { return fail(ScanProblem.garbled, into: &output) }
        let length = Int(report[1])
        guard length <= Self.maximumDataPerReport else { return fail(ScanProblem.garbled, into: &output) }
        guard Self.headerLength + length <= report.count else { return fail(ScanProblem.incomplete, into: &output) }
        let aim = (report[2], report[3], report[4])
        if let pendingAIM, pendingAIM != aim {
            // A report of another code while one waits for its rest: the rest is not coming.
            fail(ScanProblem.incomplete, into: &output)
        }
        pending.append(contentsOf: report[Self.headerLength..<(Self.headerLength + length)])
        guard pending.count <= maximumCodeLength else { return fail(ScanProblem.garbled, into: &output) }
        // A shorter report than 64 bytes has no flag byte: it can only be the last part.
        let more = report.count > Self.moreDataIndex && report[Self.moreDataIndex] & 0x01 != 0
        if more {
            pendingAIM = aim
            lastPart = now
            return
        }
        let identifier = String(decoding: [aim.0, aim.1, aim.2], as: UTF8.self)
        output.append(.code(ScannedCode(symbology: Symbology(aimIdentifier: identifier), data: pending)))
        reset()
    }

    package mutating func expire(at now: ContinuousClock.Instant, into output: inout [DecodedScan]) {
        guard pendingAIM != nil, let lastPart, now - lastPart > continuationTimeout else { return }
        fail(ScanProblem.incomplete, into: &output)
    }

    package mutating func reset() {
        pending.removeAll(keepingCapacity: true)
        pendingAIM = nil
        lastPart = nil
    }

    private mutating func fail(_ problem: Message, into output: inout [DecodedScan]) {
        output.append(.unreadable(problem))
        reset()
    }
}

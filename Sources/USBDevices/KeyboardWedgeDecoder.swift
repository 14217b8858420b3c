import KioskCore

/// Decodes HID boot keyboard reports (`[modifiers][reserved][six key usages]`) from a keyboard-wedge scanner.
///
/// A key counts when it goes down: a key held across reports is one character, and the same character twice
/// needs a report without it in between, as real keyboards send. Enter ends the scan. A key the layout does not
/// know spoils the scan in progress (one unreadable event); decoding starts afresh after the next Enter or
/// after `idleTimeout` without reports.
package struct KeyboardWedgeDecoder: ScanReportDecoder {
    /// Size of a boot keyboard report.
    static let reportLength = 8
    /// What a keyboard reports in every slot when too many keys are down (ErrorRollOver).
    static let rollOver: UInt8 = 0x01

    /// The layout the scanner is set to.
    package let layout: KeyboardLayoutTable
    /// A scan without Enter for this long is dropped (scanners type a whole code within milliseconds).
    package var idleTimeout: Duration

    private var text: [UInt8] = []
    private var spoiled = false
    private var down: [UInt8] = []
    private var lastReport: ContinuousClock.Instant?

    /// A decoder for one layout.
    package init(layout: KeyboardLayoutTable, idleTimeout: Duration = .seconds(1)) {
        self.layout = layout
        self.idleTimeout = idleTimeout
        text.reserveCapacity(256)
        down.reserveCapacity(6)
    }

    package mutating func feed(_ report: [UInt8], at now: ContinuousClock.Instant, into output: inout [DecodedScan]) {
        expire(at: now, into: &output)
        lastReport = now
        guard report.count >= Self.reportLength else {
            output.append(.unreadable(ScanProblem.incomplete))
            spoil()
            down.removeAll(keepingCapacity: true)
            return
        }
        let modifiers = report[0]
        if report[2] == Self.rollOver {
            output.append(.unreadable(ScanProblem.garbled))
            spoil()
            return
        }
        var pressed: [UInt8] = []
        for index in 2..<Self.reportLength where report[index] != 0 { pressed.append(report[index]) }
        for usage in pressed where !down.contains(usage) {
            if KeyboardLayoutTable.isEnter(usage) {
                if !spoiled, !text.isEmpty {
                    output.append(.code(ScannedCode(symbology: .unknown, data: text)))
                }
                text.removeAll(keepingCapacity: true)
                spoiled = false
                continue
            }
            guard !spoiled else { continue }
            guard let character = layout.character(usage: usage, modifiers: modifiers) else {
                output.append(.unreadable(ScanProblem.unknownKey))
                spoil()
                continue
            }
            UTF8.encode(character) { text.append($0) }
        }
        down = pressed
    }

    package mutating func expire(at now: ContinuousClock.Instant, into output: inout [DecodedScan]) {
        guard let lastReport, now - lastReport > idleTimeout, spoiled || !text.isEmpty else { return }
        if !spoiled { output.append(.unreadable(ScanProblem.incomplete)) }
        reset()
    }

    package mutating func reset() {
        text.removeAll(keepingCapacity: true)
        spoiled = false
        down.removeAll(keepingCapacity: true)
        lastReport = nil
    }

    /// The rest of this scan is worthless: drop what was typed and swallow keys until Enter.
    private mutating func spoil() {
        text.removeAll(keepingCapacity: true)
        spoiled = true
    }
}

public import KioskCore

/// Turns STU pen reports into signature events: strokes in the signing area, taps on OK and cancel, and gaps in
/// the report sequence. Pure: the driver feeds it the bytes of each interrupt report in order.
///
/// A stroke belongs to where it starts: one that starts on a button is a tap on that button when it also ends
/// there (and draws nothing); one that starts anywhere else is ink, even where it crosses a button.
public struct WacomSTUPenDecoder: Sendable {
    private enum Touch { case none, ink, confirm, cancel }

    /// The geometry the taps and the scaling come from.
    public let layout: SignaturePadLayout
    private let device: String
    private var touch = Touch.none
    private var stroke: [PenSample] = []
    private var strokes: [[PenSample]] = []
    private var lastSequence: UInt16?
    private var lastTimeCount: UInt16?
    private var elapsed = 0
    private var lastPosition = (x: 0, y: 0)
    /// Reports lost so far in this capture.
    public private(set) var droppedReports = 0
    /// True once OK or cancel has been tapped: later reports are ignored.
    public private(set) var isFinished = false

    /// A decoder for one capture on a pad with `layout`; `device` is the catalog id stored with the signature.
    public init(layout: SignaturePadLayout, device: String) {
        self.layout = layout
        self.device = device
        strokes.reserveCapacity(16)
        stroke.reserveCapacity(512)
    }

    /// Decodes one report, appending what it means to `events`; `hostMilliseconds` stands in for the pad's clock
    /// when the report has none (report 01). Returns false when the report is not pen data.
    @discardableResult
    public mutating func feed(_ report: [UInt8], hostMilliseconds: Int = 0, into events: inout [SignatureEvent]) -> Bool {
        guard !isFinished else { return true }
        guard let pen = WacomSTUReports.pen(report) else { return false }
        if let sequence = pen.sequence {
            if let last = lastSequence, sequence != last &+ 1 {
                // A repeated number is a duplicate, not a loss; anything else skipped that many reports.
                if sequence == last { return true }
                let lost = Int(sequence &- last &- 1)
                droppedReports += lost
                events.append(.droppedReports(count: lost))
            }
            lastSequence = sequence
        }
        if let timeCount = pen.timeCount {
            if let last = lastTimeCount { elapsed += Int(timeCount &- last) }
            lastTimeCount = timeCount
        } else {
            elapsed = hostMilliseconds
        }
        let sample = PenSample(x: pen.x, y: pen.y, pressure: pen.pressure, time: elapsed)
        if pen.touching {
            touchDown(sample, into: &events)
        } else if touch != .none {
            liftOff(into: &events)
        }
        return true
    }

    private mutating func touchDown(_ sample: PenSample, into events: inout [SignatureEvent]) {
        let screen = layout.screenPoint(x: sample.x, y: sample.y)
        lastPosition = screen
        switch touch {
        case .none:
            if layout.confirmArea.contains(x: screen.x, y: screen.y) {
                touch = .confirm
            } else if layout.cancelArea.contains(x: screen.x, y: screen.y) {
                touch = .cancel
            } else {
                touch = .ink
                stroke.removeAll(keepingCapacity: true)
                stroke.append(sample)
                events.append(.point(sample))
            }
        case .ink:
            stroke.append(sample)
            events.append(.point(sample))
        case .confirm, .cancel:
            break
        }
    }

    private mutating func liftOff(into events: inout [SignatureEvent]) {
        let (x, y) = lastPosition
        switch touch {
        case .ink:
            strokes.append(stroke)
            events.append(.strokeEnded)
        case .confirm:
            // OK on an empty pad confirms nothing: the citizen has not signed yet.
            if layout.confirmArea.contains(x: x, y: y), !strokes.isEmpty {
                isFinished = true
                events.append(.confirmed(signature))
            }
        case .cancel:
            if layout.cancelArea.contains(x: x, y: y) {
                isFinished = true
                strokes.removeAll()
                events.append(.cancelled)
            }
        case .none:
            break
        }
        touch = .none
    }

    /// The finished strokes so far as a signature.
    public var signature: CapturedSignature {
        CapturedSignature(strokes: strokes, layout: layout, device: device, droppedReports: droppedReports)
    }
}

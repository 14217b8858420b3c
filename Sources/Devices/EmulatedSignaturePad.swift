public import Foundation
public import KioskCore

/// The emulated twin of a signature pad: each `begin` plays the next scripted capture (strokes, then OK, cancel
/// or an unplug) as the real driver would report it; for tests and the demo.
public final class EmulatedSignaturePad: SignatureCapturing, @unchecked Sendable {
    // @unchecked: the mutable state (`captures`, `prompts`) is read and written only under `lock`.

    /// One scripted step of a capture.
    public enum Step: Hashable, Sendable {
        /// A stroke of samples in tablet units (the pen down, moving, then lifted).
        case stroke([PenSample])
        /// Reports lost on the way.
        case drop(Int)
        /// A tap on OK.
        case confirm
        /// A tap on cancel.
        case cancel
        /// The cable is pulled.
        case unplug
    }

    /// The emulated pad's geometry (an STU-430 by default).
    public let layout: SignaturePadLayout
    private let device: String
    private let lock = NSLock()
    private var captures: [[Step]]
    private var prompts: [SignaturePrompt] = []
    /// The demo's control file; with it, the pad never runs out of captures (see `init`).
    private let control: URL?

    /// A pad that plays `captures` in turn, one per `begin`; `begin` throws `.notConnected` once they are used up.
    ///
    /// With a `control` file (the demo), once `captures` are used up each capture does what the file says: `sign`
    /// (also when the file is missing or empty) signs `sampleSignature` and taps OK, `cancel` taps cancel, `unplug`
    /// pulls the cable mid-signature, `absent` is a pad that is not connected.
    public init(
        captures: [[Step]], device: String = "emulated-signature-pad",
        layout: SignaturePadLayout = SignaturePadLayout(
            tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200),
        control: URL? = nil
    ) {
        self.captures = captures
        self.device = device
        self.layout = layout
        self.control = control
    }

    /// A made-up signature of three strokes across the signing area (a loop, a wave and an underline), as a
    /// scripted capture that ends with OK.
    public static func sampleSignature(layout: SignaturePadLayout) -> [Step] {
        let width = Double(layout.tabletMaxX)
        let height = Double(layout.tabletMaxY)
        let pressure = layout.maxPressure * 3 / 5
        var time = 0
        func stroke(_ count: Int, _ point: (Double) -> (Double, Double)) -> Step {
            .stroke((0..<count).map { index in
                let (x, y) = point(Double(index) / Double(count - 1))
                time += 5  // 200 reports a second
                return PenSample(x: Int(x * width), y: Int(y * height), pressure: pressure - abs(index - count / 2), time: time)
            })
        }
        let loop = stroke(80) { t in (0.15 + 0.08 * sin(t * 2 * .pi), 0.45 - 0.15 * cos(t * 2 * .pi) * (1 - t / 2)) }
        time += 120
        let wave = stroke(160) { t in (0.25 + 0.55 * t, 0.5 + 0.12 * sin(t * 6 * .pi)) }
        time += 150
        let line = stroke(60) { t in (0.2 + 0.65 * t, 0.72 + 0.02 * t) }
        return [loop, wave, line, .confirm]
    }

    /// What the control file asks of the next capture; nil: the pad is not connected.
    private func scriptFromControl(_ control: URL) -> [Step]? {
        let word = (try? String(contentsOf: control, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch word {
        case "cancel": return [.cancel]
        case "unplug":
            guard case .stroke(let first)? = Self.sampleSignature(layout: layout).first else { return [.unplug] }
            return [.stroke(first), .unplug]
        case "absent": return nil
        default: return Self.sampleSignature(layout: layout)
        }
    }

    /// The prompts shown so far, in order.
    public var shownPrompts: [SignaturePrompt] { lock.withLock { prompts } }

    /// Plays the next scripted capture.
    public func begin(_ prompt: SignaturePrompt) async throws(SignatureCaptureError) -> AsyncStream<SignatureEvent> {
        let script: [Step]? = lock.withLock {
            guard !captures.isEmpty else {
                guard let control, let script = scriptFromControl(control) else { return nil }
                prompts.append(prompt)
                return script
            }
            prompts.append(prompt)
            return captures.removeFirst()
        }
        guard let script else { throw .notConnected }
        var events: [SignatureEvent] = []
        var strokes: [[PenSample]] = []
        var dropped = 0
        play: for step in script {
            switch step {
            case .stroke(let samples):
                guard !samples.isEmpty else { continue }
                events += samples.map(SignatureEvent.point) + [.strokeEnded]
                strokes.append(samples)
            case .drop(let count):
                dropped += count
                events.append(.droppedReports(count: count))
            case .confirm:
                guard !strokes.isEmpty else { continue }
                events.append(.confirmed(CapturedSignature(strokes: strokes, layout: layout, device: device, droppedReports: dropped)))
                break play
            case .cancel:
                events.append(.cancelled)
                break play
            case .unplug:
                events.append(.detached(device: device))
                break play
            }
        }
        return AsyncStream { continuation in
            for event in events { continuation.yield(event) }
            continuation.finish()
        }
    }
}

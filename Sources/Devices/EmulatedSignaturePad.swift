import Foundation
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

    /// A pad that plays `captures` in turn, one per `begin`; `begin` throws `.notConnected` once they are used up.
    public init(
        captures: [[Step]], device: String = "emulated-signature-pad",
        layout: SignaturePadLayout = SignaturePadLayout(
            tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200)
    ) {
        self.captures = captures
        self.device = device
        self.layout = layout
    }

    /// The prompts shown so far, in order.
    public var shownPrompts: [SignaturePrompt] { lock.withLock { prompts } }

    /// Plays the next scripted capture.
    public func begin(_ prompt: SignaturePrompt) async throws(SignatureCaptureError) -> AsyncStream<SignatureEvent> {
        let script: [Step]? = lock.withLock {
            guard !captures.isEmpty else { return nil }
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

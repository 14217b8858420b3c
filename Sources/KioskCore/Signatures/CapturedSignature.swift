/// A handwritten signature as the pad captured it: strokes of pen samples and the geometry they were taken in.
///
/// Personal data (biometric): it goes to the encrypted store and to central, never to a log line or an error
/// description; `description` says only how big it is.
public struct CapturedSignature: Hashable, Sendable, CustomStringConvertible {
    /// The strokes in the order they were drawn; each holds at least one sample.
    public var strokes: [[PenSample]]
    /// The pad's tablet range, pressure range and screen, for scaling.
    public var layout: SignaturePadLayout
    /// The catalog id of the pad model.
    public var device: String
    /// Reports the pad sent that never arrived (sequence gaps), so a reviewer knows the trace has holes.
    public var droppedReports: Int

    /// A signature.
    public init(strokes: [[PenSample]], layout: SignaturePadLayout, device: String, droppedReports: Int = 0) {
        self.strokes = strokes.filter { !$0.isEmpty }
        self.layout = layout
        self.device = device
        self.droppedReports = droppedReports
    }

    /// Samples over all strokes.
    public var sampleCount: Int { strokes.reduce(0) { $0 + $1.count } }

    /// The smallest rectangle in tablet units holding every sample, or nil without samples.
    public var bounds: (minX: Int, minY: Int, maxX: Int, maxY: Int)? {
        let all = strokes.joined()
        guard let first = all.first else { return nil }
        var box = (minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for sample in all {
            box.minX = min(box.minX, sample.x)
            box.minY = min(box.minY, sample.y)
            box.maxX = max(box.maxX, sample.x)
            box.maxY = max(box.maxY, sample.y)
        }
        return box
    }

    /// Redacted: only the size.
    public var description: String { "CapturedSignature(\(strokes.count) strokes, \(sampleCount) samples)" }
}

/// How a touch panel's raw coordinates become screen pixels: the panel's range, how it is mounted, or an affine
/// matrix as libinput's `LIBINPUT_CALIBRATION_MATRIX` takes it.
public struct TouchCalibration: Hashable, Sendable {
    /// Quarter turns of the panel against the screen, clockwise.
    public enum Rotation: Int, Hashable, Sendable, CaseIterable {
        case none = 0
        case quarter = 90
        case half = 180
        case threeQuarters = 270
    }

    /// Raw X at the panel's left edge (as the panel reports, before rotation).
    public var minX: Int32
    /// Raw X at the right edge.
    public var maxX: Int32
    /// Raw Y at the top edge.
    public var minY: Int32
    /// Raw Y at the bottom edge.
    public var maxY: Int32
    /// How the panel is turned against the screen; ignored when `matrix` is set.
    public var rotation: Rotation
    /// Six numbers a b c d e f: screen x = a·x + b·y + c, y = d·x + e·y + f, on coordinates scaled to 0...1.
    public var matrix: [Double]?

    /// Creates a calibration; the default range is the one most USB touch controllers report.
    public init(
        minX: Int32 = 0, maxX: Int32 = 32767, minY: Int32 = 0, maxY: Int32 = 32767, rotation: Rotation = .none,
        matrix: [Double]? = nil
    ) {
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
        self.rotation = rotation
        self.matrix = matrix
    }

    /// The screen pixel of a raw panel point, clamped to the screen.
    public func point(rawX: Int32, rawY: Int32, width: Int, height: Int) -> (x: Int, y: Int) {
        let x = Double(rawX - minX) / Double(max(1, maxX - minX))
        let y = Double(rawY - minY) / Double(max(1, maxY - minY))
        var screenX: Double
        var screenY: Double
        if let matrix, matrix.count == 6 {
            screenX = matrix[0] * x + matrix[1] * y + matrix[2]
            screenY = matrix[3] * x + matrix[4] * y + matrix[5]
        } else {
            switch rotation {
            case .none: (screenX, screenY) = (x, y)
            // The panel turned a quarter clockwise: its top edge lies along the screen's right edge.
            case .quarter: (screenX, screenY) = (1 - y, x)
            case .half: (screenX, screenY) = (1 - x, 1 - y)
            case .threeQuarters: (screenX, screenY) = (y, 1 - x)
            }
        }
        screenX = min(max(screenX, 0), 1)
        screenY = min(max(screenY, 0), 1)
        return (min(width - 1, Int(screenX * Double(width))), min(height - 1, Int(screenY * Double(height))))
    }
}

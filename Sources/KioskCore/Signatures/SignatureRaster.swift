/// A signature drawn as black strokes on white, one bit a pixel, rows packed most significant bit first (the
/// layout of Printing's `MonochromeBitmap`, which turns it into a PNG).
public struct SignatureRaster: Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Packed rows, `(width + 7) / 8` bytes each; a set bit is ink.
    public private(set) var packedRows: [UInt8]

    /// Bytes per packed row.
    public var bytesPerRow: Int { (width + 7) / 8 }

    /// Draws `signature` scaled to fit `width` × `height` (keeping its aspect ratio, with a margin), lines between
    /// consecutive samples of a stroke, thicker where the pen pressed harder.
    public init(_ signature: CapturedSignature, width: Int, height: Int, maximumPenWidth: Int = 3) {
        self.width = max(width, 1)
        self.height = max(height, 1)
        packedRows = [UInt8](repeating: 0, count: (self.width + 7) / 8 * self.height)
        guard let box = signature.bounds else { return }
        let margin = 4
        let spanX = max(box.maxX - box.minX, 1)
        let spanY = max(box.maxY - box.minY, 1)
        let usableX = max(self.width - 2 * margin, 1)
        let usableY = max(self.height - 2 * margin, 1)
        // One scale for both axes, as a fraction usable/span of the smaller ratio, so the signature keeps its shape.
        let (numerator, denominator) = usableX * spanY <= usableY * spanX ? (usableX, spanX) : (usableY, spanY)
        let offsetX = margin + (usableX - spanX * numerator / denominator) / 2
        let offsetY = margin + (usableY - spanY * numerator / denominator) / 2
        let maxPressure = signature.layout.maxPressure
        func project(_ sample: PenSample) -> (Int, Int, Int) {
            let penWidth = 1 + (maximumPenWidth - 1) * min(sample.pressure, maxPressure) / maxPressure
            return (
                offsetX + (sample.x - box.minX) * numerator / denominator,
                offsetY + (sample.y - box.minY) * numerator / denominator, penWidth
            )
        }
        for stroke in signature.strokes {
            var previous = project(stroke[0])
            dot(previous.0, previous.1, previous.2)
            for sample in stroke.dropFirst() {
                let next = project(sample)
                line(from: previous, to: next)
                previous = next
            }
        }
    }

    /// True when the pixel is ink.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return packedRows[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    /// Inked pixels in total (for checks).
    public var inkCount: Int { packedRows.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Bresenham between two projected samples, the pen width growing or shrinking along the way.
    private mutating func line(from start: (Int, Int, Int), to end: (Int, Int, Int)) {
        var (x, y) = (start.0, start.1)
        let dx = abs(end.0 - x)
        let dy = -abs(end.1 - y)
        let stepX = x < end.0 ? 1 : -1
        let stepY = y < end.1 ? 1 : -1
        var error = dx + dy
        let penWidth = max(start.2, end.2)
        while true {
            dot(x, y, penWidth)
            if x == end.0, y == end.1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    /// A square pen tip of `size` pixels centred on the point.
    private mutating func dot(_ cx: Int, _ cy: Int, _ size: Int) {
        let low = -(size - 1) / 2
        for y in (cy + low)..<(cy + low + size) where y >= 0 && y < height {
            for x in (cx + low)..<(cx + low + size) where x >= 0 && x < width {
                packedRows[y * bytesPerRow + x / 8] |= 0x80 >> UInt8(x % 8)
            }
        }
    }
}

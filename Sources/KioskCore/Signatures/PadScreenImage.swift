/// A picture for a signature pad's screen, one bit a pixel (set = dark), rows packed most significant bit first;
/// the driver converts it to the pad's own image format.
public struct PadScreenImage: Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Packed rows, `(width + 7) / 8` bytes each.
    public let packedRows: [UInt8]

    /// An image from packed rows; nil when the byte count does not fit the size.
    public init?(width: Int, height: Int, packedRows: [UInt8]) {
        guard width > 0, height > 0, packedRows.count == (width + 7) / 8 * height else { return nil }
        self.width = width
        self.height = height
        self.packedRows = packedRows
    }

    /// True when the pixel is dark.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return packedRows[y * ((width + 7) / 8) + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }
}

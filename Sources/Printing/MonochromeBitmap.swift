/// A black-and-white image in printer dots, rows packed eight dots a byte, most significant bit leftmost.
public struct MonochromeBitmap: Sendable, Hashable {
    /// Width in dots.
    public let width: Int
    /// Height in dots (rows).
    public let height: Int
    /// The rows, `bytesPerRow` bytes each; a set bit is a black dot and padding bits are zero.
    public let packedRows: [UInt8]

    /// Bytes in one packed row.
    public var bytesPerRow: Int { (width + 7) / 8 }

    /// A bitmap from packed rows, or nil when the byte count does not match the size.
    public init?(width: Int, height: Int, packedRows: [UInt8]) {
        guard width >= 0, height >= 0, packedRows.count == (width + 7) / 8 * height else { return nil }
        self.width = width
        self.height = height
        let bytesPerRow = (width + 7) / 8
        let paddingMask: UInt8 = width % 8 == 0 ? 0xFF : ~(0xFF >> UInt8(width % 8))
        var rows = packedRows
        if paddingMask != 0xFF {
            // Cleared padding makes two bitmaps of the same picture compare equal.
            for row in 0..<height {
                rows[row * bytesPerRow + bytesPerRow - 1] &= paddingMask
            }
        }
        self.packedRows = rows
    }

    /// A bitmap whose dot at (x, y) is black where `isBlack` says so; negative sizes count as zero.
    public init(width: Int, height: Int, isBlack: (_ x: Int, _ y: Int) -> Bool) {
        let width = max(0, width)
        let height = max(0, height)
        let bytesPerRow = (width + 7) / 8
        var rows = [UInt8](repeating: 0, count: bytesPerRow * height)
        for y in 0..<height {
            for x in 0..<width where isBlack(x, y) {
                rows[y * bytesPerRow + x / 8] |= 0x80 >> UInt8(x % 8)
            }
        }
        self.width = width
        self.height = height
        self.packedRows = rows
    }

    /// A bitmap from rows of dots (true is black); shorter rows are padded with white to the longest.
    public init(rows: [[Bool]]) {
        let width = rows.map(\.count).max() ?? 0
        self.init(width: width, height: rows.count) { x, y in
            x < rows[y].count && rows[y][x]
        }
    }

    /// A bitmap from grey values row by row (0 black, 255 white); a dot is black below `threshold`.
    public init?(width: Int, height: Int, greyValues: [UInt8], threshold: UInt8 = 128) {
        guard width >= 0, height >= 0, greyValues.count == width * height else { return nil }
        self.init(width: width, height: height) { x, y in
            greyValues[y * width + x] < threshold
        }
    }

    /// Whether the dot at (x, y) is black; dots outside the bitmap are white.
    public subscript(x x: Int, y y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < height else { return false }
        return packedRows[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0
    }

    /// The left `width` dots of each row, or the bitmap itself when it is not wider.
    public func cropped(toWidth width: Int) -> MonochromeBitmap {
        guard width < self.width else { return self }
        return MonochromeBitmap(width: width, height: height) { x, y in self[x: x, y: y] }
    }

    /// The rows in `range`, clamped to the bitmap.
    public func rows(_ range: Range<Int>) -> MonochromeBitmap {
        let lower = min(max(0, range.lowerBound), height)
        let upper = min(max(lower, range.upperBound), height)
        let slice = Array(packedRows[(lower * bytesPerRow)..<(upper * bytesPerRow)])
        // The slice keeps the row length, so the size always matches.
        return MonochromeBitmap(width: width, height: upper - lower, packedRows: slice)!
    }
}

import CZlib

// zlib rather than stored deflate blocks written here: previews, screenshots and golden images are mostly flat
// colour and compress many times over, zlib is on every Debian machine already (zlib1g is required), and the
// decoder needs inflate anyway to read golden images back. This module is the only one that calls zlib.

/// Writes PNG files from raw scanlines; the callers pack their own pixels.
public enum PNGEncoder {
    /// The pixel layouts this encoder writes.
    public enum Format: Sendable {
        /// One bit a pixel, grey (a set bit is white), rows padded to whole bytes.
        case grey1
        /// One byte a pixel, grey.
        case grey8
        /// Three bytes a pixel: red, green, blue.
        case rgb8
        /// Four bytes a pixel: red, green, blue, alpha.
        case rgba8

        /// Bytes in one scanline of `width` pixels, without the filter byte.
        public func bytesPerRow(width: Int) -> Int {
            switch self {
            case .grey1: (width + 7) / 8
            case .grey8: width
            case .rgb8: width * 3
            case .rgba8: width * 4
            }
        }

        var header: [UInt8] {
            switch self {
            case .grey1: [1, 0]
            case .grey8: [8, 0]
            case .rgb8: [8, 2]
            case .rgba8: [8, 6]
            }
        }
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A PNG of `width`×`height` pixels from scanlines in `format`, `format.bytesPerRow(width:)` bytes each.
    public static func encode(width: Int, height: Int, format: Format, scanlines: [UInt8]) -> [UInt8] {
        let rowBytes = format.bytesPerRow(width: width)
        precondition(width > 0 && height > 0 && scanlines.count == rowBytes * height, "scanlines do not match the size")
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        // Bit depth and colour type, then deflate, adaptive filtering, no interlace.
        header += format.header + [0, 0, 0]
        var filtered: [UInt8] = []
        filtered.reserveCapacity((rowBytes + 1) * height)
        // Filter "up" (2) for colour images: screens repeat rows, which then deflate to almost nothing.
        let filter: UInt8 = format == .grey1 ? 0 : 2
        for row in 0..<height {
            filtered.append(filter)
            let start = row * rowBytes
            if filter == 0 || row == 0 {
                filtered += scanlines[start..<(start + rowBytes)]
            } else {
                for index in start..<(start + rowBytes) {
                    filtered.append(scanlines[index] &- scanlines[index - rowBytes])
                }
            }
        }
        var png = signature
        png += chunk("IHDR", header)
        png += chunk("IDAT", deflate(filtered, level: format == .grey1 ? Z_BEST_COMPRESSION : 6))
        png += chunk("IEND", [])
        return png
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return bigEndian(UInt32(body.count)) + typed + bigEndian(checksum(typed))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    static func deflate(_ bytes: [UInt8], level: Int32) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(source.count), level)
            }
        }
        // compressBound is always enough and the arguments are valid, so only memory can run out.
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")
        return Array(output.prefix(Int(length)))
    }
}

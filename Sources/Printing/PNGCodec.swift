import CZlib
public import Foundation

// zlib rather than stored deflate blocks written here: previews and golden images are mostly white paper
// and compress about twenty-fold, zlib is on every Debian machine already (zlib1g is required), and the
// decoder needs inflate anyway to read golden images back. This file is the only one that calls zlib.

/// Writes bitmaps as 1-bit greyscale PNG and reads PNG back into a bitmap.
public enum PNGCodec {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The bitmap as a 1-bit greyscale PNG, black dots black; a bitmap without dots becomes one white dot.
    public static func encode(_ bitmap: MonochromeBitmap) -> Data {
        let bitmap =
            bitmap.width > 0 && bitmap.height > 0
            ? bitmap : MonochromeBitmap(width: 1, height: 1) { _, _ in false }
        var header: [UInt8] = []
        header += bigEndian(UInt32(bitmap.width)) + bigEndian(UInt32(bitmap.height))
        // Bit depth 1, colour type 0 (grey), deflate, adaptive filtering, no interlace.
        header += [1, 0, 0, 0, 0]
        // In PNG grey a set bit is white; in the bitmap it is black.
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((bitmap.bytesPerRow + 1) * bitmap.height)
        for row in 0..<bitmap.height {
            scanlines.append(0)
            let start = row * bitmap.bytesPerRow
            scanlines += bitmap.packedRows[start..<(start + bitmap.bytesPerRow)].map { ~$0 }
        }
        var png = Data(signature)
        png += chunk("IHDR", header)
        png += chunk("IDAT", deflate(scanlines))
        png += chunk("IEND", [])
        return png
    }

    /// A PNG that could not be read.
    public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong with it.
        public let reason: String

        public var description: String { "PNG not readable: \(reason)" }
    }

    /// A non-interlaced 8-bit or lower PNG of any colour type, as dots: darker than mid-grey is black,
    /// transparency counts as white paper.
    public static func decode(_ data: Data) throws(DecodeError) -> MonochromeBitmap {
        let bytes = [UInt8](data)
        guard bytes.starts(with: signature) else { throw DecodeError(reason: "no PNG signature") }
        var position = signature.count
        var header: [UInt8] = []
        var palette: [UInt8] = []
        var transparency: [UInt8] = []
        var compressed: [UInt8] = []
        while position + 8 <= bytes.count {
            let length = Int(readBigEndian(bytes, position))
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            guard length >= 0, position + 12 + length <= bytes.count else {
                throw DecodeError(reason: "chunk \(type) cut off")
            }
            let body = Array(bytes[(position + 8)..<(position + 8 + length)])
            let stored = readBigEndian(bytes, position + 8 + length)
            guard stored == checksum(Array(type.utf8) + body) else {
                throw DecodeError(reason: "CRC mismatch in \(type)")
            }
            switch type {
            case "IHDR": header = body
            case "PLTE": palette = body
            case "tRNS": transparency = body
            case "IDAT": compressed += body
            default: break
            }
            position += 12 + length
            if type == "IEND" { break }
        }
        guard header.count == 13 else { throw DecodeError(reason: "no IHDR") }
        let width = Int(readBigEndian(header, 0))
        let height = Int(readBigEndian(header, 4))
        let depth = Int(header[8])
        let colourType = header[9]
        guard header[12] == 0 else { throw DecodeError(reason: "interlaced images are not supported") }
        let channels: Int
        switch colourType {
        case 0, 3: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw DecodeError(reason: "colour type \(colourType)")
        }
        guard depth == 8 || (channels == 1 && [1, 2, 4].contains(depth)) else {
            throw DecodeError(reason: "bit depth \(depth) with colour type \(colourType) is not supported")
        }
        guard width > 0, height > 0, width <= 1 << 16, height <= 1 << 20 else {
            throw DecodeError(reason: "size \(width)x\(height)")
        }
        let bitsPerPixel = depth * channels
        let rowBytes = (width * bitsPerPixel + 7) / 8
        let raw = try inflate(compressed, expectedCount: (rowBytes + 1) * height)
        let rows = try unfilter(raw, rowBytes: rowBytes, height: height, bytesPerPixel: max(1, bitsPerPixel / 8))
        func sample(_ row: [UInt8], _ index: Int) -> Int {
            guard depth < 8 else { return Int(row[index]) }
            let bitOffset = index * depth
            let byte = Int(row[bitOffset / 8])
            return (byte >> (8 - depth - bitOffset % 8)) & ((1 << depth) - 1)
        }
        let maximum = (1 << depth) - 1
        var grey = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let row = rows[y]
            for x in 0..<width {
                var value: Int
                var alpha = 255
                switch colourType {
                case 0:
                    value = sample(row, x) * 255 / maximum
                case 3:
                    let index = sample(row, x)
                    guard index * 3 + 2 < palette.count else { throw DecodeError(reason: "palette index \(index)") }
                    value =
                        (Int(palette[index * 3]) * 299 + Int(palette[index * 3 + 1]) * 587 + Int(palette[index * 3 + 2])
                            * 114) / 1000
                    if index < transparency.count { alpha = Int(transparency[index]) }
                case 2, 6:
                    let base = x * channels
                    value = (Int(row[base]) * 299 + Int(row[base + 1]) * 587 + Int(row[base + 2]) * 114) / 1000
                    if colourType == 6 { alpha = Int(row[base + 3]) }
                default:
                    value = Int(row[x * 2])
                    alpha = Int(row[x * 2 + 1])
                }
                // Over white paper.
                grey[y * width + x] = UInt8((value * alpha + 255 * (255 - alpha)) / 255)
            }
        }
        // The size was checked above, so the grey values always match it.
        return MonochromeBitmap(width: width, height: height, greyValues: grey)!
    }

    // MARK: Chunks and filters

    private static func chunk(_ type: String, _ body: [UInt8]) -> Data {
        let typed = Array(type.utf8) + body
        return Data(bigEndian(UInt32(body.count)) + typed + bigEndian(checksum(typed)))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func readBigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    private static func unfilter(
        _ raw: [UInt8], rowBytes: Int, height: Int, bytesPerPixel: Int
    ) throws(DecodeError) -> [[UInt8]] {
        var rows: [[UInt8]] = []
        var previous = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            let start = y * (rowBytes + 1)
            let filter = raw[start]
            var row = Array(raw[(start + 1)..<(start + 1 + rowBytes)])
            for index in 0..<rowBytes {
                let left = index >= bytesPerPixel ? Int(row[index - bytesPerPixel]) : 0
                let up = Int(previous[index])
                let upperLeft = index >= bytesPerPixel ? Int(previous[index - bytesPerPixel]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upperLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upperLeft))
                    predictor = a <= b && a <= c ? left : b <= c ? up : upperLeft
                default: throw DecodeError(reason: "filter type \(filter)")
                }
                row[index] = UInt8(truncatingIfNeeded: Int(row[index]) + predictor)
            }
            rows.append(row)
            previous = row
        }
        return rows
    }

    // MARK: zlib

    private static func checksum(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    private static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &length, source.baseAddress, uLong(source.count), Z_BEST_COMPRESSION)
            }
        }
        // compressBound is always enough and the arguments are valid, so only memory can run out.
        precondition(status == Z_OK, "zlib compress2 failed with \(status)")
        return Array(output.prefix(Int(length)))
    }

    private static func inflate(_ bytes: [UInt8], expectedCount: Int) throws(DecodeError) -> [UInt8] {
        var length = uLongf(expectedCount)
        var output = [UInt8](repeating: 0, count: expectedCount)
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                uncompress(target.baseAddress, &length, source.baseAddress, uLong(source.count))
            }
        }
        guard status == Z_OK, Int(length) == expectedCount else {
            throw DecodeError(reason: "image data does not inflate to \(expectedCount) bytes (zlib status \(status))")
        }
        return output
    }
}

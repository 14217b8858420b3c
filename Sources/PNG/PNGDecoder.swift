import CZlib

/// Reads non-interlaced PNG files of 8 bits a sample or less, any colour type, into RGBA.
public enum PNGDecoder {
    /// The image in `bytes` as RGBA samples.
    public static func decode(_ bytes: [UInt8]) throws(PNGDecodeError) -> PNGImage {
        guard bytes.starts(with: PNGEncoder.signature) else { throw PNGDecodeError(reason: "no PNG signature") }
        var position = PNGEncoder.signature.count
        var header: [UInt8] = []
        var palette: [UInt8] = []
        var transparency: [UInt8] = []
        var compressed: [UInt8] = []
        while position + 8 <= bytes.count {
            let length = Int(readBigEndian(bytes, position))
            let type = String(decoding: bytes[(position + 4)..<(position + 8)], as: UTF8.self)
            guard length >= 0, position + 12 + length <= bytes.count else {
                throw PNGDecodeError(reason: "chunk \(type) cut off")
            }
            let body = Array(bytes[(position + 8)..<(position + 8 + length)])
            let stored = readBigEndian(bytes, position + 8 + length)
            guard stored == PNGEncoder.checksum(Array(type.utf8) + body) else {
                throw PNGDecodeError(reason: "CRC mismatch in \(type)")
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
        guard header.count == 13 else { throw PNGDecodeError(reason: "no IHDR") }
        let width = Int(readBigEndian(header, 0))
        let height = Int(readBigEndian(header, 4))
        let depth = Int(header[8])
        let colourType = header[9]
        guard header[12] == 0 else { throw PNGDecodeError(reason: "interlaced images are not supported") }
        let channels: Int
        switch colourType {
        case 0, 3: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        case 6: channels = 4
        default: throw PNGDecodeError(reason: "colour type \(colourType)")
        }
        guard depth == 8 || (channels == 1 && [1, 2, 4].contains(depth)) else {
            throw PNGDecodeError(reason: "bit depth \(depth) with colour type \(colourType) is not supported")
        }
        guard width > 0, height > 0, width <= 1 << 16, height <= 1 << 20 else {
            throw PNGDecodeError(reason: "size \(width)x\(height)")
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
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            let row = rows[y]
            for x in 0..<width {
                let target = (y * width + x) * 4
                switch colourType {
                case 0:
                    let grey = UInt8(sample(row, x) * 255 / maximum)
                    rgba[target] = grey
                    rgba[target + 1] = grey
                    rgba[target + 2] = grey
                case 3:
                    let index = sample(row, x)
                    guard index * 3 + 2 < palette.count else { throw PNGDecodeError(reason: "palette index \(index)") }
                    rgba[target] = palette[index * 3]
                    rgba[target + 1] = palette[index * 3 + 1]
                    rgba[target + 2] = palette[index * 3 + 2]
                    if index < transparency.count { rgba[target + 3] = transparency[index] }
                case 2, 6:
                    let base = x * channels
                    rgba[target] = row[base]
                    rgba[target + 1] = row[base + 1]
                    rgba[target + 2] = row[base + 2]
                    if colourType == 6 { rgba[target + 3] = row[base + 3] }
                default:
                    rgba[target] = row[x * 2]
                    rgba[target + 1] = row[x * 2]
                    rgba[target + 2] = row[x * 2]
                    rgba[target + 3] = row[x * 2 + 1]
                }
            }
        }
        // The size was checked above, so the samples always match it.
        return PNGImage(width: width, height: height, rgba: rgba)!
    }

    static func readBigEndian(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    static func unfilter(
        _ raw: [UInt8], rowBytes: Int, height: Int, bytesPerPixel: Int
    ) throws(PNGDecodeError) -> [[UInt8]] {
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
                default: throw PNGDecodeError(reason: "filter type \(filter)")
                }
                row[index] = UInt8(truncatingIfNeeded: Int(row[index]) + predictor)
            }
            rows.append(row)
            previous = row
        }
        return rows
    }

    static func inflate(_ bytes: [UInt8], expectedCount: Int) throws(PNGDecodeError) -> [UInt8] {
        var length = uLongf(expectedCount)
        var output = [UInt8](repeating: 0, count: expectedCount)
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                uncompress(target.baseAddress, &length, source.baseAddress, uLong(source.count))
            }
        }
        guard status == Z_OK, Int(length) == expectedCount else {
            throw PNGDecodeError(reason: "image data does not inflate to \(expectedCount) bytes (zlib status \(status))")
        }
        return output
    }
}

public import PNG

/// An off-screen frame in XRGB8888 (one 32-bit word a pixel, 0xFFRRGGBB), the format every output converts from.
public struct PixelSurface: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Pixels row after row, no padding.
    public internal(set) var pixels: [UInt32]

    /// A surface filled with one colour.
    public init(width: Int, height: Int, color: PixelColor = PixelColor(hex: 0xFFFFFF)) {
        precondition(width > 0 && height > 0, "a surface needs at least one pixel")
        self.width = width
        self.height = height
        self.pixels = [UInt32](repeating: color.xrgb, count: width * height)
    }

    /// The whole surface as a rectangle.
    public var bounds: PixelRect { PixelRect(x: 0, y: 0, width: width, height: height) }

    /// The colour of one pixel.
    public subscript(x: Int, y: Int) -> PixelColor {
        let word = pixels[y * width + x]
        return PixelColor(red: UInt8((word >> 16) & 0xFF), green: UInt8((word >> 8) & 0xFF), blue: UInt8(word & 0xFF))
    }

    /// Paints a rectangle (clipped to the surface and to `clip`) in one colour.
    public mutating func fill(_ rect: PixelRect, color: PixelColor, clip: PixelRect? = nil) {
        var area = rect.intersection(bounds)
        if let clip { area = area.intersection(clip) }
        guard !area.isEmpty else { return }
        let word = color.xrgb
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in area.y..<area.maxY {
                let start = row * width + area.x
                buffer[start..<(start + area.width)].update(repeating: word)
            }
        }
    }

    /// Blends a coverage mask (0 transparent to 255 solid) of `color` onto the surface with its top left at (x, y).
    mutating func blend(
        mask: UnsafeBufferPointer<UInt8>, maskWidth: Int, maskHeight: Int, at originX: Int, _ originY: Int,
        color: PixelColor, clip: PixelRect
    ) {
        let area = PixelRect(x: originX, y: originY, width: maskWidth, height: maskHeight)
            .intersection(bounds).intersection(clip)
        guard !area.isEmpty else { return }
        let (red, green, blue) = (UInt32(color.red), UInt32(color.green), UInt32(color.blue))
        let width = self.width
        pixels.withUnsafeMutableBufferPointer { buffer in
            for row in area.y..<area.maxY {
                let maskRow = (row - originY) * maskWidth - originX
                let surfaceRow = row * width
                for column in area.x..<area.maxX {
                    let coverage = UInt32(mask[maskRow + column])
                    if coverage == 0 { continue }
                    let index = surfaceRow + column
                    if coverage == 255 {
                        buffer[index] = color.xrgb
                        continue
                    }
                    let old = buffer[index]
                    let inverse = 255 - coverage
                    // Integer blend with rounding: (a·c + b·(255−c) + 127) / 255.
                    let r = (red * coverage + ((old >> 16) & 0xFF) * inverse + 127) / 255
                    let g = (green * coverage + ((old >> 8) & 0xFF) * inverse + 127) / 255
                    let b = (blue * coverage + (old & 0xFF) * inverse + 127) / 255
                    buffer[index] = 0xFF00_0000 | r << 16 | g << 8 | b
                }
            }
        }
    }

    /// The surface as an RGB PNG file.
    public func pngBytes() -> [UInt8] {
        var samples = [UInt8](repeating: 0, count: width * height * 3)
        samples.withUnsafeMutableBufferPointer { target in
            for (index, word) in pixels.enumerated() {
                target[index * 3] = UInt8((word >> 16) & 0xFF)
                target[index * 3 + 1] = UInt8((word >> 8) & 0xFF)
                target[index * 3 + 2] = UInt8(word & 0xFF)
            }
        }
        return PNGEncoder.encode(width: width, height: height, format: .rgb8, scanlines: samples)
    }

    /// A surface from a decoded PNG (alpha is dropped: screens are opaque).
    public init(png image: PNGImage) {
        self.init(width: image.width, height: image.height)
        for index in 0..<(width * height) {
            let base = index * 4
            pixels[index] =
                0xFF00_0000 | UInt32(image.rgba[base]) << 16 | UInt32(image.rgba[base + 1]) << 8
                | UInt32(image.rgba[base + 2])
        }
    }
}

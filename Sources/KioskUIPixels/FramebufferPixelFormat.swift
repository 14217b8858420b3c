/// How a framebuffer stores a pixel: size and where each colour channel sits, as fbdev reports it.
public struct FramebufferPixelFormat: Hashable, Sendable {
    /// One channel's place in the pixel word.
    public struct Channel: Hashable, Sendable {
        /// Bit offset from the least significant bit.
        public var offset: Int
        /// Number of bits.
        public var length: Int

        /// Creates a channel.
        public init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }

    /// Bits a pixel: 16, 24 or 32.
    public var bitsPerPixel: Int
    /// Red channel.
    public var red: Channel
    /// Green channel.
    public var green: Channel
    /// Blue channel.
    public var blue: Channel

    /// Creates a format.
    public init(bitsPerPixel: Int, red: Channel, green: Channel, blue: Channel) {
        self.bitsPerPixel = bitsPerPixel
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// XRGB8888, the surface's own layout and the usual 32-bit framebuffer.
    public static let xrgb8888 = FramebufferPixelFormat(
        bitsPerPixel: 32, red: Channel(offset: 16, length: 8), green: Channel(offset: 8, length: 8),
        blue: Channel(offset: 0, length: 8))
    /// RGB565, common on small panels.
    public static let rgb565 = FramebufferPixelFormat(
        bitsPerPixel: 16, red: Channel(offset: 11, length: 5), green: Channel(offset: 5, length: 6),
        blue: Channel(offset: 0, length: 5))
    /// 24-bit BGR byte order as VESA VGA offers it (blue in the first byte).
    public static let rgb888 = FramebufferPixelFormat(
        bitsPerPixel: 24, red: Channel(offset: 16, length: 8), green: Channel(offset: 8, length: 8),
        blue: Channel(offset: 0, length: 8))

    /// Bytes a pixel.
    public var bytesPerPixel: Int { (bitsPerPixel + 7) / 8 }

    /// Whether the converter can write this format.
    public var isSupported: Bool {
        [16, 24, 32].contains(bitsPerPixel)
            && [red, green, blue].allSatisfy { $0.length >= 1 && $0.length <= 8 && $0.offset + $0.length <= bitsPerPixel }
    }

    /// One XRGB8888 pixel as this format's word (little-endian in memory, as on every fbdev this runs on).
    @inline(__always)
    public func encode(_ xrgb: UInt32) -> UInt32 {
        let r = (xrgb >> 16) & 0xFF
        let g = (xrgb >> 8) & 0xFF
        let b = xrgb & 0xFF
        return (r >> UInt32(8 - red.length)) << UInt32(red.offset)
            | (g >> UInt32(8 - green.length)) << UInt32(green.offset)
            | (b >> UInt32(8 - blue.length)) << UInt32(blue.offset)
    }

    /// Converts a rectangle of the surface into framebuffer memory with `lineLength` bytes a row.
    public func copy(_ rect: PixelRect, of surface: PixelSurface, to base: UnsafeMutableRawPointer, lineLength: Int) {
        let area = rect.intersection(surface.bounds)
        guard !area.isEmpty else { return }
        let bytes = bytesPerPixel
        surface.pixels.withUnsafeBufferPointer { pixels in
            if self == .xrgb8888 {
                // Same layout: plain row copies.
                for row in area.y..<area.maxY {
                    let source = pixels.baseAddress! + row * surface.width + area.x
                    (base + row * lineLength + area.x * 4).copyMemory(from: source, byteCount: area.width * 4)
                }
                return
            }
            // One loop per pixel size, the shifts worked out once: the per-pixel work is three shifts and masks.
            let shifts = (
                red: UInt32(red.offset), green: UInt32(green.offset), blue: UInt32(blue.offset),
                redDrop: UInt32(8 - red.length), greenDrop: UInt32(8 - green.length), blueDrop: UInt32(8 - blue.length))
            @inline(__always) func convert(_ xrgb: UInt32) -> UInt32 {
                (((xrgb >> 16) & 0xFF) >> shifts.redDrop) << shifts.red
                    | (((xrgb >> 8) & 0xFF) >> shifts.greenDrop) << shifts.green
                    | ((xrgb & 0xFF) >> shifts.blueDrop) << shifts.blue
            }
            for row in area.y..<area.maxY {
                let source = pixels.baseAddress! + row * surface.width + area.x
                let target = base + row * lineLength + area.x * bytes
                switch bytes {
                // storeBytes: the mapped memory is raw bytes, not bound to any Swift type.
                case 2:
                    for column in 0..<area.width {
                        target.storeBytes(
                            of: UInt16(truncatingIfNeeded: convert(source[column])), toByteOffset: column * 2, as: UInt16.self)
                    }
                case 3:
                    for column in 0..<area.width {
                        let word = convert(source[column])
                        target.storeBytes(of: UInt8(truncatingIfNeeded: word), toByteOffset: column * 3, as: UInt8.self)
                        target.storeBytes(of: UInt8(truncatingIfNeeded: word >> 8), toByteOffset: column * 3 + 1, as: UInt8.self)
                        target.storeBytes(of: UInt8(truncatingIfNeeded: word >> 16), toByteOffset: column * 3 + 2, as: UInt8.self)
                    }
                default:
                    for column in 0..<area.width {
                        target.storeBytes(of: convert(source[column]), toByteOffset: column * 4, as: UInt32.self)
                    }
                }
            }
        }
    }
}

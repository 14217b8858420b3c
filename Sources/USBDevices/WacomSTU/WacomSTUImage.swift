public import Devices
public import KioskCore

/// A screen image in the pixel formats of the STU pads: dark pixels black on white.
public enum WacomSTUImage {
    /// The pad's bytes for `image`, rows top first.
    ///
    /// 1-bit: eight pixels a byte, leftmost in the high bit, a set bit white (guess from the SDK's bitmap
    /// conversion, where 0 is the ink colour; check on a real STU-430). RGB565: two bytes a pixel, little-endian.
    /// 24-bit: blue, green, red.
    public static func encode(_ image: PadScreenImage, format: SignaturePadCapabilities.ImageFormat) -> [UInt8] {
        switch format {
        case .monochrome:
            return image.packedRows.map { ~$0 }
        case .rgb565:
            var bytes = [UInt8]()
            bytes.reserveCapacity(image.width * image.height * 2)
            for y in 0..<image.height {
                for x in 0..<image.width {
                    bytes += image[x: x, y: y] ? [0x00, 0x00] : [0xFF, 0xFF]
                }
            }
            return bytes
        case .bgr24:
            var bytes = [UInt8]()
            bytes.reserveCapacity(image.width * image.height * 3)
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let value: UInt8 = image[x: x, y: y] ? 0x00 : 0xFF
                    bytes += [value, value, value]
                }
            }
            return bytes
        }
    }
}

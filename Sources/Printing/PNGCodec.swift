public import Foundation
import PNG

// The PNG file format itself lives in the PNG module, shared with the screen renderer's screenshots; this file
// only turns dots into grey scanlines and back.

/// Writes bitmaps as 1-bit greyscale PNG and reads PNG back into a bitmap.
public enum PNGCodec {
    /// The bitmap as a 1-bit greyscale PNG, black dots black; a bitmap without dots becomes one white dot.
    public static func encode(_ bitmap: MonochromeBitmap) -> Data {
        let bitmap =
            bitmap.width > 0 && bitmap.height > 0
            ? bitmap : MonochromeBitmap(width: 1, height: 1) { _, _ in false }
        // In PNG grey a set bit is white; in the bitmap it is black.
        let scanlines = bitmap.packedRows.map { ~$0 }
        return Data(PNGEncoder.encode(width: bitmap.width, height: bitmap.height, format: .grey1, scanlines: scanlines))
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
        let image: PNGImage
        do {
            image = try PNGDecoder.decode([UInt8](data))
        } catch {
            throw DecodeError(reason: error.reason)
        }
        var grey = [UInt8](repeating: 255, count: image.width * image.height)
        for index in 0..<grey.count {
            let base = index * 4
            let value =
                (Int(image.rgba[base]) * 299 + Int(image.rgba[base + 1]) * 587 + Int(image.rgba[base + 2]) * 114) / 1000
            let alpha = Int(image.rgba[base + 3])
            // Over white paper.
            grey[index] = UInt8((value * alpha + 255 * (255 - alpha)) / 255)
        }
        // The decoder checked the size, so the grey values always match it.
        return MonochromeBitmap(width: image.width, height: image.height, greyValues: grey)!
    }
}

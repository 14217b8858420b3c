public import Foundation
public import KioskCore

/// The prompt screen of a signature pad drawn with the receipt font (font A): instruction and amount at the top,
/// a signing line, and framed OK and cancel buttons exactly where `SignaturePadLayout` says taps count.
public enum SignaturePromptImage {
    /// The screen image for `prompt` on a pad with `layout`.
    public static func render(_ prompt: SignaturePrompt, layout: SignaturePadLayout) -> PadScreenImage {
        var canvas = Canvas(width: layout.screenWidth, height: layout.screenHeight)
        // Font A is 24 dots high; pads from 400 lines up (530/540) get it doubled to stay readable at arm's length.
        let scale = layout.screenHeight >= 400 ? 2 : 1
        let lineHeight = FontA.height * scale
        canvas.text(prompt.instruction, x: 8, y: 4, scale: scale)
        if let amount = prompt.amount {
            canvas.text(amount.formatted(in: prompt.language), x: 8, y: 4 + lineHeight, scale: scale)
        }
        let signing = layout.signingArea
        canvas.fill(x: signing.x + 16, y: signing.y + signing.height - 8, width: signing.width - 32, height: scale)
        for (area, label) in [(layout.confirmArea, prompt.confirmLabel), (layout.cancelArea, prompt.cancelLabel)] {
            canvas.frame(area, thickness: 2 * scale)
            let textWidth = label.unicodeScalars.count * FontA.width * scale
            canvas.text(
                label, x: area.x + max((area.width - textWidth) / 2, 2), y: area.y + max((area.height - lineHeight) / 2, 2),
                scale: scale)
        }
        // The canvas is sized from the layout, so the byte count always fits.
        return PadScreenImage(width: canvas.width, height: canvas.height, packedRows: canvas.rows)!
    }

    private struct Canvas {
        let width: Int
        let height: Int
        var rows: [UInt8]

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
            rows = [UInt8](repeating: 0, count: (width + 7) / 8 * height)
        }

        mutating func set(_ x: Int, _ y: Int) {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            rows[y * ((width + 7) / 8) + x / 8] |= 0x80 >> UInt8(x % 8)
        }

        mutating func fill(x: Int, y: Int, width: Int, height: Int) {
            for row in y..<(y + max(height, 0)) {
                for column in x..<(x + max(width, 0)) { set(column, row) }
            }
        }

        mutating func frame(_ area: PadRectangle, thickness: Int) {
            fill(x: area.x, y: area.y, width: area.width, height: thickness)
            fill(x: area.x, y: area.y + area.height - thickness, width: area.width, height: thickness)
            fill(x: area.x, y: area.y, width: thickness, height: area.height)
            fill(x: area.x + area.width - thickness, y: area.y, width: thickness, height: area.height)
        }

        mutating func text(_ text: String, x: Int, y: Int, scale: Int) {
            var left = x
            for scalar in text.unicodeScalars {
                for (row, bits) in FontA.rows(for: scalar).enumerated() {
                    for column in 0..<FontA.width where bits & (0x800 >> UInt16(column)) != 0 {
                        fill(x: left + column * scale, y: y + row * scale, width: scale, height: scale)
                    }
                }
                left += FontA.width * scale
            }
        }
    }
}

/// A captured signature as a PNG for the document: the pure raster from KioskCore through the PNG codec.
public enum SignatureImage {
    /// A 1-bit PNG of `signature`, `width` × `height` pixels (default: the pad's screen size).
    public static func png(_ signature: CapturedSignature, width: Int? = nil, height: Int? = nil) -> Data {
        let raster = SignatureRaster(
            signature, width: width ?? signature.layout.screenWidth, height: height ?? signature.layout.screenHeight)
        // Same packing on both sides, so the bitmap always accepts the raster's bytes.
        let bitmap = MonochromeBitmap(width: raster.width, height: raster.height, packedRows: raster.packedRows)!
        return PNGCodec.encode(bitmap)
    }
}

/// The screen's fonts: shapes lines with HarfBuzz, rasterises glyphs with FreeType, caches both.
///
/// Holds C handles and caches without locks, so it has one owner: the renderer that draws with it, used from
/// one task at a time. That is why it is not `Sendable`.
public final class FontLibrary {
    private let rasterizer: GlyphRasterizer
    private let shaper: TextShaper

    /// Opens the font files; throws when one is missing or unreadable.
    public init(files: FontFiles = .debian) throws(FontError) {
        rasterizer = try GlyphRasterizer(files: files)
        shaper = try TextShaper(files: files)
    }

    /// Ascent and descent of a role at a pixel size.
    func lineMetrics(role: FontRole, size: Int) -> (ascent: Int, descent: Int) {
        rasterizer.lineMetrics(role: role, size: size)
    }

    /// Width in pixels of one line as it will be drawn.
    public func width(of text: String, role: FontRole, size: Int) -> Int {
        var total: Int32 = 0
        for run in BidiRuns.visualRuns(text) {
            total += shaper.shape(run.text, rightToLeft: run.rightToLeft, role: role, size: size).advance
        }
        return Int((total + 63) / 64)
    }

    /// Draws one line with its left end at `x` and its baseline at `baseline`, clipped to `clip`.
    func draw(
        _ text: String, role: FontRole, size: Int, x: Int, baseline: Int, color: PixelColor,
        into surface: inout PixelSurface, clip: PixelRect
    ) {
        var pen = Int32(x * 64)
        for run in BidiRuns.visualRuns(text) {
            let shaped = shaper.shape(run.text, rightToLeft: run.rightToLeft, role: role, size: size)
            for glyph in shaped.glyphs {
                let bitmap = rasterizer.glyph(glyph.id, role: role, size: size)
                guard bitmap.width > 0 && bitmap.height > 0 else { continue }
                // Whole-pixel pen positions: the masks are rendered once per glyph, not per subpixel phase.
                let left = Int((pen + glyph.x + 32) >> 6) + bitmap.left
                let top = baseline - Int((glyph.yOffset + 32) >> 6) - bitmap.top
                bitmap.coverage.withUnsafeBufferPointer { mask in
                    surface.blend(
                        mask: mask, maskWidth: bitmap.width, maskHeight: bitmap.height, at: left, top, color: color,
                        clip: clip)
                }
            }
            pen += shaped.advance
        }
    }

    /// Words of `text` laid into lines no wider than `width`; a word wider than a line is broken between letters.
    public func wrap(_ text: String, role: FontRole, size: Int, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if self.width(of: candidate, role: role, size: size) <= width {
                line = candidate
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            var piece = ""
            for character in word {
                if !piece.isEmpty && self.width(of: piece + String(character), role: role, size: size) > width {
                    lines.append(piece)
                    piece = ""
                }
                piece.append(character)
            }
            line = piece
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The line cut to `width` with "…" at its end when it is wider; unchanged when it fits.
    public func clip(_ text: String, role: FontRole, size: Int, width: Int) -> String {
        guard self.width(of: text, role: role, size: size) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces() + "…"
            if self.width(of: candidate, role: role, size: size) <= width { return candidate }
        }
        return ""
    }
}

@available(*, unavailable)
extension FontLibrary: Sendable {}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

import CFreeType

/// One glyph as a coverage mask, placed relative to the pen position on the baseline.
struct GlyphBitmap {
    /// Mask width.
    let width: Int
    /// Mask height.
    let height: Int
    /// From the pen to the mask's left edge.
    let left: Int
    /// From the baseline up to the mask's top edge.
    let top: Int
    /// Coverage, 0 to 255, `width` bytes a row.
    let coverage: [UInt8]
}

/// The FreeType side: one face per role, glyph masks cached by role, size and glyph id.
///
/// The only place that calls FreeType, and the one place that turns its error codes into `FontError`.
final class GlyphRasterizer {
    private struct Key: Hashable {
        let role: FontRole
        let size: Int
        let glyph: UInt32
    }

    private var library: FT_Library?
    private var faces: [FontRole: FT_Face] = [:]
    private var currentSize: [FontRole: Int] = [:]
    private var cache: [Key: GlyphBitmap] = [:]

    init(files: FontFiles) throws(FontError) {
        let status = FT_Init_FreeType(&library)
        guard status == 0, library != nil else { throw .library(code: status) }
        for role in FontRole.allCases {
            let path = files.path(for: role)
            var face: FT_Face?
            let status = FT_New_Face(library, path, 0, &face)
            guard status == 0, let face else { throw .face(path: path, code: status) }
            faces[role] = face
        }
    }

    deinit {
        // Faces first: they belong to the library. Also runs when a later face failed to open in init.
        for face in faces.values { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    /// Ascender and descender (positive, below the baseline) of a role at a pixel size, in whole pixels.
    func lineMetrics(role: FontRole, size: Int) -> (ascent: Int, descent: Int) {
        guard let face = faces[role] else { return (size, size / 4) }
        let units = Double(face.pointee.units_per_EM)
        let ascent = Double(face.pointee.ascender) * Double(size) / units
        let descent = -Double(face.pointee.descender) * Double(size) / units
        return (Int(ascent.rounded(.up)), Int(descent.rounded(.up)))
    }

    /// The glyph's mask, rendered on first use; an empty mask when FreeType cannot render it.
    func glyph(_ id: UInt32, role: FontRole, size: Int) -> GlyphBitmap {
        let key = Key(role: role, size: size, glyph: id)
        if let cached = cache[key] { return cached }
        let bitmap = render(id, role: role, size: size)
        cache[key] = bitmap
        return bitmap
    }

    private func render(_ id: UInt32, role: FontRole, size: Int) -> GlyphBitmap {
        let empty = GlyphBitmap(width: 0, height: 0, left: 0, top: 0, coverage: [])
        guard let face = faces[role] else { return empty }
        if currentSize[role] != size {
            guard FT_Set_Pixel_Sizes(face, 0, FT_UInt(size)) == 0 else { return empty }
            currentSize[role] = size
        }
        // A glyph FreeType cannot load or render is left out rather than failing the whole screen.
        guard FT_Load_Glyph(face, FT_UInt(id), CFreeType_loadFlagsUnhinted()) == 0,
            let slot = face.pointee.glyph,
            FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) == 0
        else { return empty }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width)
        let rows = Int(bitmap.rows)
        var coverage = [UInt8](repeating: 0, count: width * rows)
        if let buffer = bitmap.buffer, width > 0 {
            let pitch = Int(bitmap.pitch)
            for row in 0..<rows {
                // A negative pitch means the rows are stored bottom up.
                let source = pitch >= 0 ? buffer + row * pitch : buffer + (rows - 1 - row) * -pitch
                for column in 0..<width {
                    coverage[row * width + column] = source[column]
                }
            }
        }
        return GlyphBitmap(
            width: width, height: rows, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
            coverage: coverage)
    }
}

extension FontFiles {
    func path(for role: FontRole) -> String {
        switch role {
        case .regular: regular
        case .bold: bold
        case .monospaced: monospaced
        }
    }
}

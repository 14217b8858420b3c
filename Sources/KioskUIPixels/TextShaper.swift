import CHarfBuzz

/// One positioned glyph of a shaped run, in 26.6 fixed point pixels.
struct ShapedGlyph: Equatable {
    /// Glyph id in the role's font file (the same ids FreeType uses).
    let id: UInt32
    /// Pen position of this glyph from the run's start.
    let x: Int32
    /// Vertical offset, up is positive.
    let yOffset: Int32
}

/// A run shaped for one role and size: its glyphs in visual order and its advance.
struct ShapedRun {
    /// Glyphs left to right.
    let glyphs: [ShapedGlyph]
    /// Total advance, 26.6 fixed point.
    let advance: Int32
}

/// The HarfBuzz side: Arabic joining forms, marks and kerning come from the font's OpenType tables.
///
/// The only place that calls HarfBuzz. Faces are read from the same files FreeType opens, so glyph ids match.
final class TextShaper {
    private struct FontKey: Hashable {
        let role: FontRole
        let size: Int
    }

    private struct RunKey: Hashable {
        let role: FontRole
        let size: Int
        let text: String
        let rightToLeft: Bool
    }

    private var faces: [FontRole: OpaquePointer] = [:]
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var runs: [RunKey: ShapedRun] = [:]
    private let buffer: OpaquePointer

    init(files: FontFiles) throws(FontError) {
        buffer = hb_buffer_create()
        for role in FontRole.allCases {
            let path = files.path(for: role)
            let blob = hb_blob_create_from_file(path)
            let face = hb_face_create(blob, 0)
            hb_blob_destroy(blob)
            guard let face, hb_face_get_glyph_count(face) > 0 else {
                hb_face_destroy(face)
                throw .shaping(path: path)
            }
            faces[role] = face
        }
    }

    deinit {
        for font in fonts.values { hb_font_destroy(font) }
        for face in faces.values { hb_face_destroy(face) }
        hb_buffer_destroy(buffer)
    }

    /// A run of one direction shaped at a pixel size; cached, since screens repeat their texts on every frame.
    func shape(_ text: String, rightToLeft: Bool, role: FontRole, size: Int) -> ShapedRun {
        let key = RunKey(role: role, size: size, text: text, rightToLeft: rightToLeft)
        if let cached = runs[key] { return cached }
        let font = font(role: role, size: size)
        hb_buffer_reset(buffer)
        hb_buffer_add_utf8(buffer, text, -1, 0, -1)
        hb_buffer_set_direction(buffer, rightToLeft ? HB_DIRECTION_RTL : HB_DIRECTION_LTR)
        // Script and language from the text itself; the direction set above stays.
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(font, buffer, nil, 0)
        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer, &count)
        let positions = hb_buffer_get_glyph_positions(buffer, &count)
        var glyphs: [ShapedGlyph] = []
        glyphs.reserveCapacity(Int(count))
        var pen: Int32 = 0
        if let infos, let positions {
            for index in 0..<Int(count) {
                let position = positions[index]
                glyphs.append(
                    ShapedGlyph(id: infos[index].codepoint, x: pen + position.x_offset, yOffset: position.y_offset))
                pen += position.x_advance
            }
        }
        let run = ShapedRun(glyphs: glyphs, advance: pen)
        // Typed entries and countdowns make new strings forever; a bound keeps the cache from growing with them.
        if runs.count >= 8192 { runs.removeAll(keepingCapacity: true) }
        runs[key] = run
        return run
    }

    private func font(role: FontRole, size: Int) -> OpaquePointer {
        let key = FontKey(role: role, size: size)
        if let font = fonts[key] { return font }
        let font = hb_font_create(faces[role])!
        // Scale in 26.6 so that positions come out in 1/64 pixel, like FreeType's.
        hb_font_set_scale(font, Int32(size * 64), Int32(size * 64))
        fonts[key] = font
        return font
    }
}

/// A signature as an SVG document: one path a stroke in tablet units, a viewBox of the pad's tablet range, stroke
/// width from the stroke's mean pressure. For the document archive, where a vector form scales cleanly.
public enum SignatureSVG {
    /// The SVG text (UTF-8, no external references).
    public static func render(_ signature: CapturedSignature) -> String {
        let layout = signature.layout
        // One pixel of the pad's screen, in tablet units: the thinnest line that is still visible there.
        let unit = max(layout.tabletMaxX / max(layout.screenWidth, 1), 1)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(layout.tabletMaxX + 1) \(layout.tabletMaxY + 1)" \
            width="\(layout.screenWidth)" height="\(layout.screenHeight)">
            <g fill="none" stroke="#000" stroke-linecap="round" stroke-linejoin="round">

            """
        for stroke in signature.strokes {
            let meanPressure = stroke.reduce(0) { $0 + $1.pressure } / stroke.count
            let width = unit + 2 * unit * min(meanPressure, layout.maxPressure) / layout.maxPressure
            var path = "M\(stroke[0].x) \(stroke[0].y)"
            // A single sample (a dot) still needs a segment to be drawn.
            let rest = stroke.count > 1 ? Array(stroke.dropFirst()) : [stroke[0]]
            for sample in rest { path += " L\(sample.x) \(sample.y)" }
            svg += "<path stroke-width=\"\(width)\" d=\"\(path)\"/>\n"
        }
        svg += "</g>\n</svg>\n"
        return svg
    }
}

extension QRCode {
    /// The symbol as a standalone SVG element with a white quiet zone, one path for all dark modules.
    ///
    /// Without `pixelsPerModule` the SVG has only a viewBox and fills the box the page gives it, which is
    /// what a call display wants; with it, the SVG gets a fixed width and height.
    public func svg(pixelsPerModule: Int? = nil, quietZone: Int = QRCode.quietZone) -> String {
        let quietZone = max(0, quietZone)
        let side = size + 2 * quietZone
        var path = ""
        // One rectangle per horizontal run keeps the path short and leaves no hairlines between modules.
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x: x, y: y] else {
                    x += 1
                    continue
                }
                let start = x
                while x < size, self[x: x, y: y] { x += 1 }
                path += "M\(start + quietZone) \(y + quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        let dimensions = pixelsPerModule.map { " width=\"\(side * max(1, $0))\" height=\"\(side * max(1, $0))\"" } ?? ""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)"\(dimensions) \
            shape-rendering="crispEdges" role="img"><rect width="\(side)" height="\(side)" fill="#fff"/>\
            <path d="\(path)" fill="#000"/></svg>
            """
    }
}

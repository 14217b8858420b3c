/// Renders a document as the lines of text the paper will show, for the kiosk screen beside the ticket.
public struct TextPreview: Sendable {
    /// The encoder whose layout the preview follows, so that preview and paper agree.
    public let encoder: ESCPOSEncoder

    /// A preview for the printer.
    public init(profile: PrinterProfile, transliterator: Transliterator = Transliterator()) {
        self.encoder = ESCPOSEncoder(profile: profile, transliterator: transliterator)
    }

    /// Characters in every preview line: the profile's characters per line.
    public var width: Int { max(1, encoder.profile.charactersPerLine) }

    /// The lines, each exactly `width` characters, padded with spaces.
    public func render(_ document: PrintDocument) -> [String] {
        var lines: [String] = []
        for element in document.elements {
            lines += render(encoder.layout(element))
        }
        return lines
    }

    private func render(_ layout: ElementLayout) -> [String] {
        switch layout {
        case .text(let lines, let style, _):
            return lines.map { line in
                aligned(spread(CodePageEncoder.plainSpaces(line), style.size.widthMultiplier), style.alignment)
            }
        case .ticketNumber(let lines, _, _):
            return lines.flatMap { line -> [String] in
                let text = CodePageEncoder.plainSpaces(line)
                if let rows = BlockFont.render(text.uppercased()), rows[0].count <= width {
                    return rows.map { aligned($0, .center) }
                }
                return TextWrapper.wrap(text, width: max(1, width / 2)).map { aligned(spread($0, 2), .center) }
            }
        case .qrCode(_, let payload, _):
            let visible = String(payload.map { $0.unicodeScalars.contains(where: Self.isControl) ? " " : $0 })
            return chunks("[QR: \(visible)]").map { aligned($0, .center) }
        case .barcode(let barcode):
            return chunks("|||| \(barcode.text)").map { aligned($0, .center) }
        case .image(let bitmap, _):
            return chunks("[Logo \(bitmap.width)x\(bitmap.height)]").map { aligned($0, .center) }
        case .rule(let line):
            return [aligned(line, .left)]
        case .feed(let count):
            return Array(repeating: blank, count: count)
        case .cut(_, let feedLines, _):
            let marks = String((1..<width).map { $0 % 2 == 1 ? " " : "-" })
            return Array(repeating: blank, count: feedLines) + ["✂" + marks]
        case .omitted:
            return []
        }
    }

    private var blank: String { String(repeating: " ", count: width) }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }

    /// Double-width characters take two columns; a space after each shows that.
    private func spread(_ line: String, _ multiplier: Int) -> String {
        guard multiplier > 1 else { return line }
        return line.map { String($0) + String(repeating: " ", count: multiplier - 1) }.joined()
    }

    private func aligned(_ content: String, _ alignment: TextStyle.Alignment) -> String {
        let content = String(content.prefix(width))
        let free = width - content.count
        let left: Int
        switch alignment {
        case .left: left = 0
        case .center: left = free / 2
        case .right: left = free
        }
        return String(repeating: " ", count: left) + content + String(repeating: " ", count: free - left)
    }

    private func chunks(_ text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        repeat {
            result.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        } while !rest.isEmpty
        return result
    }
}

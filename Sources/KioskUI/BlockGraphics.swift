/// Black-and-white pictures (a QR code) as text: two picture rows per character row with half blocks.
public enum BlockGraphics {
    /// The lines for `rows` (true = dark) with a light margin of `quietZone` dots on every side.
    ///
    /// Drawn for a dark terminal background: light dots are the printed blocks and dark dots stay empty, so a
    /// phone sees dark modules on a light field as on paper.
    public static func halfBlockLines(_ rows: [[Bool]], quietZone: Int) -> [String] {
        let width = (rows.first?.count ?? 0) + 2 * quietZone
        let blank = [Bool](repeating: false, count: width)
        var padded = [[Bool]](repeating: blank, count: quietZone)
        for row in rows { padded.append([Bool](repeating: false, count: quietZone) + row + [Bool](repeating: false, count: quietZone)) }
        padded += [[Bool]](repeating: blank, count: quietZone)
        if padded.count % 2 == 1 { padded.append(blank) }
        return stride(from: 0, to: padded.count, by: 2).map { top in
            String(zip(padded[top], padded[top + 1]).map { upper, lower -> Character in
                switch (upper, lower) {
                case (false, false): "█"
                case (false, true): "▀"
                case (true, false): "▄"
                case (true, true): " "
                }
            })
        }
    }
}

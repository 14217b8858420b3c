public import Printing

// Every command the encoder uses is modelled. Other common Epson commands are consumed with their exact
// length and reported as `.unknown`, so one unmodelled command does not turn the rest into text. A stream
// that ends inside a command, or whose length field points past the end, throws `.truncated`; a modelled
// command with a parameter outside its documented range throws `.invalidParameter`.
/// Parses an ESC/POS byte stream into what a printer would do with it; strict, for checking recorded jobs.
public struct ESCPOSDecoder: Sendable {
    /// The code table in force before the first ESC t and after every ESC @ (the printer's power-on table).
    public var initialCodePage: CodePage

    /// A decoder.
    public init(initialCodePage: CodePage = .pc437) {
        self.initialCodePage = initialCodePage
    }

    /// The items of the stream in order.
    public func decode(_ bytes: [UInt8]) throws(DecodeError) -> [DecodedItem] {
        var parser = StreamParser(bytes: bytes, initialCodePage: initialCodePage)
        try parser.run()
        return parser.items
    }
}

/// The printer settings the decoder tracks between commands.
private struct PrinterState {
    /// nil after ESC t with a table this decoder does not know: bytes from 0x80 then decode as U+FFFD.
    var codePage: CodePage?
    var style = DecodedStyle()
    var alignment = TextStyle.Alignment.left
    // Epson defaults after ESC @.
    var barcodeHeight = 162
    var barcodeWidth = 3
    var hriPosition = 0
    var qrModel: UInt8 = 50
    var qrModuleSize = 3
    var qrErrorCorrection: UInt8 = 48
    var qrData: [UInt8]?

    init(codePage: CodePage) {
        self.codePage = codePage
    }
}

private struct PendingLine {
    var runs: [TextRun] = []
    var alignment: TextStyle.Alignment
    var style: DecodedStyle

    mutating func append(_ scalar: Unicode.Scalar, style: DecodedStyle) {
        if let last = runs.indices.last, runs[last].style == style {
            runs[last].text.unicodeScalars.append(scalar)
        } else {
            runs.append(TextRun(text: String(scalar), style: style))
        }
    }
}

private struct StreamParser {
    let bytes: [UInt8]
    let initialCodePage: CodePage
    var position = 0
    var items: [DecodedItem] = []
    var state: PrinterState
    var line: PendingLine?

    init(bytes: [UInt8], initialCodePage: CodePage) {
        self.bytes = bytes
        self.initialCodePage = initialCodePage
        self.state = PrinterState(codePage: initialCodePage)
    }

    mutating func run() throws(DecodeError) {
        while position < bytes.count {
            let start = position
            let byte = bytes[position]
            position += 1
            switch byte {
            case 0x0A:
                finishLine(terminated: true, blankLineWhenEmpty: true)
            case 0x0D:
                // Printers with automatic line feed off ignore CR; drivers send CR LF pairs.
                break
            case 0x10:
                try dataLinkEscape(start)
            case 0x1B:
                try escape(start)
            case 0x1C:
                try fileSeparator(start)
            case 0x1D:
                try groupSeparator(start)
            case 0x20...0x7E, 0x80...0xFF:
                appendText(byte)
            default:
                emit(.unknown([byte]))
            }
        }
        finishLine(terminated: false, blankLineWhenEmpty: false)
    }

    // MARK: Reading

    private func failure(_ reason: DecodeError.Reason, _ start: Int) -> DecodeError {
        DecodeError(reason: reason, offset: start, command: Array(bytes[start..<min(bytes.count, start + 3)]))
    }

    private mutating func take(_ count: Int, _ start: Int) throws(DecodeError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - position >= count else { throw failure(.truncated, start) }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    private mutating func takeByte(_ start: Int) throws(DecodeError) -> UInt8 {
        guard position < bytes.count else { throw failure(.truncated, start) }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func takeWord(_ start: Int) throws(DecodeError) -> Int {
        let low = try takeByte(start)
        let high = try takeByte(start)
        return Int(low) | Int(high) << 8
    }

    private func check(_ condition: Bool, _ start: Int) throws(DecodeError) {
        guard condition else { throw failure(.invalidParameter, start) }
    }

    /// The whole command from `start` up to the current position.
    private func consumed(from start: Int) -> [UInt8] {
        Array(bytes[start..<position])
    }

    // MARK: Output

    private mutating func appendText(_ byte: UInt8) {
        let scalar: Unicode.Scalar
        if byte < 0x80 {
            scalar = Unicode.Scalar(byte)
        } else {
            scalar = state.codePage?.scalar(for: byte) ?? "\u{FFFD}"
        }
        if line == nil {
            line = PendingLine(alignment: state.alignment, style: state.style)
        }
        line?.append(scalar, style: state.style)
    }

    /// Ends the pending line; a line feed on an empty buffer still prints a blank line, other commands do not.
    private mutating func finishLine(terminated: Bool, blankLineWhenEmpty: Bool) {
        if let pending = line {
            items.append(
                .text(
                    DecodedLine(
                        runs: pending.runs,
                        alignment: pending.alignment,
                        style: pending.style,
                        isTerminated: terminated
                    )
                )
            )
            line = nil
        } else if blankLineWhenEmpty {
            items.append(
                .text(DecodedLine(runs: [], alignment: state.alignment, style: state.style, isTerminated: true))
            )
        }
    }

    /// Appends an item after the text before it, which other output leaves unterminated.
    private mutating func emit(_ item: DecodedItem) {
        finishLine(terminated: false, blankLineWhenEmpty: false)
        items.append(item)
    }

    // MARK: ESC

    /// Parameter bytes of ESC commands that are consumed but not modelled.
    private static let escapeParameterCounts: [UInt8: Int] = [
        0x20: 1, 0x24: 2, 0x25: 1, 0x32: 0, 0x33: 1, 0x3D: 1, 0x3F: 1, 0x47: 1, 0x4C: 0, 0x4D: 1, 0x52: 1,
        0x53: 0, 0x54: 1, 0x56: 1, 0x57: 8, 0x5C: 2, 0x63: 2, 0x69: 0, 0x6D: 0, 0x70: 3, 0x72: 1, 0x75: 1,
        0x76: 0, 0x7B: 1,
    ]

    private mutating func escape(_ start: Int) throws(DecodeError) {
        let command = try takeByte(start)
        switch command {
        case 0x40:
            emit(.initialize)
            state = PrinterState(codePage: initialCodePage)
        case 0x74:
            let number = try takeByte(start)
            if let page = CodePage(escPosNumber: number) {
                state.codePage = page
                emit(.codePage(page))
            } else {
                state.codePage = nil
                emit(.unknown(consumed(from: start)))
            }
        case 0x45:
            state.style.bold = try takeByte(start) & 0x01 != 0
        case 0x21:
            let mode = try takeByte(start)
            // Bit 0 selects font B, which this model does not track; the other bits are the style.
            state.style.bold = mode & 0x08 != 0
            state.style.heightMultiplier = mode & 0x10 != 0 ? 2 : 1
            state.style.widthMultiplier = mode & 0x20 != 0 ? 2 : 1
            state.style.underline = mode & 0x80 != 0
        case 0x2D:
            let mode = try takeByte(start)
            try check([0, 1, 2, 48, 49, 50].contains(mode), start)
            state.style.underline = mode % 48 != 0
        case 0x61:
            let value = try takeByte(start)
            let alignment: TextStyle.Alignment
            switch value {
            case 0, 48: alignment = .left
            case 1, 49: alignment = .center
            case 2, 50: alignment = .right
            default: throw failure(.invalidParameter, start)
            }
            // ESC a only takes effect at the beginning of a line; elsewhere the printer ignores it.
            if line == nil {
                state.alignment = alignment
            }
        case 0x64:
            let lines = try takeByte(start)
            finishLine(terminated: true, blankLineWhenEmpty: false)
            items.append(.feed(lines: Int(lines)))
        case 0x4A:
            let dots = try takeByte(start)
            finishLine(terminated: true, blankLineWhenEmpty: false)
            items.append(.feedDots(Int(dots)))
        case 0x2A:
            let mode = try takeByte(start)
            let columns = try takeWord(start)
            try check([0, 1, 32, 33].contains(mode), start)
            _ = try take(columns * (mode < 32 ? 1 : 3), start)
            emit(.unknown(consumed(from: start)))
        case 0x44:
            // Tab positions: at most 32 ascending values, NUL-terminated.
            var count = 0
            while try takeByte(start) != 0 {
                count += 1
                try check(count <= 32, start)
            }
            emit(.unknown(consumed(from: start)))
        case 0x26:
            try userDefinedCharacters(start)
        case 0x28:
            _ = try takeByte(start)
            _ = try take(try takeWord(start), start)
            emit(.unknown(consumed(from: start)))
        default:
            if let count = Self.escapeParameterCounts[command] {
                _ = try take(count, start)
                emit(.unknown(consumed(from: start)))
            } else {
                emit(.unknown([0x1B, command]))
            }
        }
    }

    /// ESC & y c1 c2, then for each character a width x and y * x bytes.
    private mutating func userDefinedCharacters(_ start: Int) throws(DecodeError) {
        let height = try takeByte(start)
        let first = try takeByte(start)
        let last = try takeByte(start)
        try check((1...3).contains(height) && (32...126).contains(first) && (first...126).contains(last), start)
        for _ in first...last {
            let width = try takeByte(start)
            _ = try take(Int(height) * Int(width), start)
        }
        emit(.unknown(consumed(from: start)))
    }

    // MARK: GS

    /// Parameter bytes of GS commands that are consumed but not modelled.
    private static let groupParameterCounts: [UInt8: Int] = [
        0x24: 2, 0x2F: 1, 0x3A: 0, 0x42: 1, 0x49: 1, 0x4C: 2, 0x50: 2, 0x54: 1, 0x57: 2, 0x5C: 2, 0x5E: 3,
        0x61: 1, 0x62: 1, 0x66: 1, 0x72: 1,
    ]

    private mutating func groupSeparator(_ start: Int) throws(DecodeError) {
        let command = try takeByte(start)
        switch command {
        case 0x21:
            let size = try takeByte(start)
            try check(size >> 4 <= 7 && size & 0x0F <= 7, start)
            state.style.widthMultiplier = Int(size >> 4) + 1
            state.style.heightMultiplier = Int(size & 0x0F) + 1
        case 0x28:
            let function = try takeByte(start)
            let length = try takeWord(start)
            let parameters = try take(length, start)
            if function == 0x6B {
                try symbolFunction(Array(parameters), start)
            } else {
                emit(.unknown(consumed(from: start)))
            }
        case 0x68:
            let height = try takeByte(start)
            try check(height >= 1, start)
            state.barcodeHeight = Int(height)
        case 0x77:
            let width = try takeByte(start)
            try check((1...6).contains(width), start)
            state.barcodeWidth = Int(width)
        case 0x48:
            let position = try takeByte(start)
            try check((0...3).contains(position) || (48...51).contains(position), start)
            state.hriPosition = Int(position % 48)
        case 0x6B:
            try barcode(start)
        case 0x76:
            try rasterImage(start)
        case 0x56:
            try cut(start)
        case 0x38:
            let function = try takeByte(start)
            guard function == 0x4C else {
                emit(.unknown(consumed(from: start)))
                return
            }
            let parameters = try take(4, start)
            let length = parameters.reversed().reduce(0) { $0 << 8 | Int($1) }
            _ = try take(length, start)
            emit(.unknown(consumed(from: start)))
        case 0x2A:
            let width = try takeByte(start)
            let height = try takeByte(start)
            _ = try take(Int(width) * Int(height) * 8, start)
            emit(.unknown(consumed(from: start)))
        default:
            if let count = Self.groupParameterCounts[command] {
                _ = try take(count, start)
                emit(.unknown(consumed(from: start)))
            } else {
                emit(.unknown([0x1D, command]))
            }
        }
    }

    /// GS ( k: cn 49 is QR code; other symbols are consumed as unknown.
    private mutating func symbolFunction(_ parameters: [UInt8], _ start: Int) throws(DecodeError) {
        try check(parameters.count >= 2, start)
        guard parameters[0] == 0x31 else {
            emit(.unknown(consumed(from: start)))
            return
        }
        switch parameters[1] {
        case 0x41:
            try check(parameters.count == 4 && (49...51).contains(parameters[2]) && parameters[3] == 0, start)
            state.qrModel = parameters[2]
        case 0x43:
            try check(parameters.count == 3 && (1...16).contains(parameters[2]), start)
            state.qrModuleSize = Int(parameters[2])
        case 0x45:
            try check(parameters.count == 3 && (48...51).contains(parameters[2]), start)
            state.qrErrorCorrection = parameters[2]
        case 0x50:
            try check(parameters.count >= 4 && parameters.count <= 7092 && parameters[2] == 0x30, start)
            state.qrData = Array(parameters[3...])
        case 0x51:
            try check(parameters.count == 3 && parameters[2] == 0x30, start)
            guard let data = state.qrData else {
                // Printing with nothing stored prints nothing on a real printer.
                emit(.unknown(consumed(from: start)))
                return
            }
            emit(
                .qrCode(
                    DecodedQRCode(
                        data: data,
                        moduleSize: state.qrModuleSize,
                        errorCorrection: state.qrErrorCorrection,
                        model: state.qrModel
                    )
                )
            )
        default:
            emit(.unknown(consumed(from: start)))
        }
    }

    private mutating func barcode(_ start: Int) throws(DecodeError) {
        let command = try takeByte(start)
        let data: [UInt8]
        switch command {
        case 0...6:
            guard let end = bytes[position...].firstIndex(of: 0) else { throw failure(.truncated, start) }
            data = Array(bytes[position..<end])
            position = end + 1
        case 65...79:
            let count = try takeByte(start)
            data = Array(try take(Int(count), start))
        default:
            throw failure(.invalidParameter, start)
        }
        let symbology: BarcodeSymbology?
        let text: String?
        switch command {
        case 2, 67:
            try check((12...13).contains(data.count) && data.allSatisfy { (0x30...0x39).contains($0) }, start)
            symbology = .ean13
            text = String(decoding: data, as: UTF8.self)
        case 73:
            symbology = .code128
            text = try code128Text(data, start)
        default:
            symbology = nil
            text = data.allSatisfy { (0x20...0x7E).contains($0) } ? String(decoding: data, as: UTF8.self) : nil
        }
        emit(
            .barcode(
                DecodedBarcode(
                    command: command,
                    data: data,
                    symbology: symbology,
                    text: text,
                    height: state.barcodeHeight,
                    moduleWidth: state.barcodeWidth,
                    hriPosition: state.hriPosition
                )
            )
        )
    }

    /// The characters of Code 128 data in code set B ("{{" is a literal "{"), nil for other code sets.
    private func code128Text(_ data: [UInt8], _ start: Int) throws(DecodeError) -> String? {
        try check(data.count >= 2 && data[0] == 0x7B && (0x41...0x43).contains(data[1]), start)
        try check(data.allSatisfy { $0 < 0x80 }, start)
        var text = ""
        var onlyCodeSetB = data[1] == 0x42
        var index = 2
        while index < data.count {
            if data[index] == 0x7B {
                try check(index + 1 < data.count, start)
                if data[index + 1] == 0x7B {
                    text.append("{")
                } else {
                    onlyCodeSetB = false
                }
                index += 2
            } else {
                text.unicodeScalars.append(Unicode.Scalar(data[index]))
                index += 1
            }
        }
        return onlyCodeSetB ? text : nil
    }

    private mutating func rasterImage(_ start: Int) throws(DecodeError) {
        let function = try takeByte(start)
        guard function == 0x30 else {
            emit(.unknown(consumed(from: start)))
            return
        }
        let mode = try takeByte(start)
        let bytesPerRow = try takeWord(start)
        let rows = try takeWord(start)
        try check(((0...3).contains(mode) || (48...51).contains(mode)) && bytesPerRow >= 1 && rows >= 1, start)
        let data = try take(bytesPerRow * rows, start)
        guard let bitmap = MonochromeBitmap(width: bytesPerRow * 8, height: rows, packedRows: Array(data)) else {
            throw failure(.invalidParameter, start)
        }
        emit(.image(DecodedImage(bitmap: bitmap, doubleWidth: mode & 1 != 0, doubleHeight: mode & 2 != 0)))
    }

    private mutating func cut(_ start: Int) throws(DecodeError) {
        let mode = try takeByte(start)
        let cut: DecodedCut
        switch mode {
        case 0, 48: cut = DecodedCut(partial: false)
        case 1, 49: cut = DecodedCut(partial: true)
        case 65, 97, 103: cut = DecodedCut(partial: false, feed: Int(try takeByte(start)))
        case 66, 98, 104: cut = DecodedCut(partial: true, feed: Int(try takeByte(start)))
        default: throw failure(.invalidParameter, start)
        }
        emit(.cut(cut))
    }

    // MARK: DLE and FS

    private mutating func dataLinkEscape(_ start: Int) throws(DecodeError) {
        let command = try takeByte(start)
        switch command {
        case 0x04:
            let request = try takeByte(start)
            switch request {
            case 1...4:
                // Real-time commands act at once and leave the print buffer alone, so no line is ended.
                items.append(.statusRequest(request))
            case 7, 8:
                _ = try takeByte(start)
                items.append(.unknown(consumed(from: start)))
            default:
                throw failure(.invalidParameter, start)
            }
        case 0x05:
            _ = try takeByte(start)
            items.append(.unknown(consumed(from: start)))
        case 0x14:
            let function = try takeByte(start)
            switch function {
            case 1, 2: _ = try take(2, start)
            case 7: _ = try take(1, start)
            case 8: _ = try take(7, start)
            default: throw failure(.invalidParameter, start)
            }
            items.append(.unknown(consumed(from: start)))
        default:
            // A lone DLE: the byte after it is parsed on its own.
            position = start + 1
            emit(.unknown([0x10]))
        }
    }

    /// Parameter bytes of FS commands that are consumed but not modelled.
    private static let fileSeparatorParameterCounts: [UInt8: Int] = [
        0x21: 1, 0x26: 0, 0x2D: 1, 0x2E: 0, 0x3F: 2, 0x43: 1, 0x53: 2, 0x57: 1, 0x70: 2,
    ]

    private mutating func fileSeparator(_ start: Int) throws(DecodeError) {
        let command = try takeByte(start)
        if command == 0x28 {
            _ = try takeByte(start)
            _ = try take(try takeWord(start), start)
        } else if let count = Self.fileSeparatorParameterCounts[command] {
            _ = try take(count, start)
        }
        emit(.unknown(consumed(from: start)))
    }
}

public import Devices

/// What the encoder needs to know about one printer model; loaded from the device catalog.
public struct PrinterProfile: Sendable, Hashable, Codable, Identifiable {
    /// Stable catalog key, e.g. "epson-tm-t20".
    public var id: String
    /// Model name for technicians.
    public var name: String
    /// Paper roll width: 58 or 80.
    public var paperWidthMillimetres: Int
    /// Printable dots across the paper in the standard mode.
    public var dotsPerLine: Int
    /// Characters per line in font A at normal width.
    public var charactersPerLine: Int
    /// Code tables the printer selects with ESC t.
    public var codePages: [CodePage]
    /// Whether an autocutter is fitted.
    public var hasCutter: Bool
    /// Whether the printer answers DLE EOT status requests.
    public var supportsRealTimeStatus: Bool
    /// Lines fed before a cut so that the last printed line has passed the cutter or tear bar.
    public var feedLinesBeforeCut: Int

    /// A profile; see the static examples for real models.
    public init(
        id: String,
        name: String,
        paperWidthMillimetres: Int,
        dotsPerLine: Int,
        charactersPerLine: Int,
        codePages: [CodePage],
        hasCutter: Bool,
        supportsRealTimeStatus: Bool,
        feedLinesBeforeCut: Int = PrinterProfile.defaultFeedLinesBeforeCut
    ) {
        self.id = id
        self.name = name
        self.paperWidthMillimetres = paperWidthMillimetres
        self.dotsPerLine = dotsPerLine
        self.charactersPerLine = charactersPerLine
        self.codePages = codePages
        self.hasCutter = hasCutter
        self.supportsRealTimeStatus = supportsRealTimeStatus
        self.feedLinesBeforeCut = feedLinesBeforeCut
    }

    /// Lines fed before a cut when the catalog does not say: about 17 mm at the default line spacing.
    public static let defaultFeedLinesBeforeCut = 4

    /// The code table the encoder selects: PC858 where offered, else by `CodePage.preferenceOrder`.
    public var preferredCodePage: CodePage {
        // An empty list means the catalog knows nothing, and PC437 is what a printer starts with.
        CodePage.preferenceOrder.first(where: codePages.contains) ?? .pc437
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, paperWidthMillimetres, dotsPerLine, charactersPerLine, codePages, hasCutter
        case supportsRealTimeStatus, feedLinesBeforeCut
    }

    /// Decodes a catalog entry and rejects sizes no printer has, so a typo fails at load time.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.name = try container.decode(String.self, forKey: .name)
        self.paperWidthMillimetres = try container.decode(Int.self, forKey: .paperWidthMillimetres)
        self.dotsPerLine = try container.decode(Int.self, forKey: .dotsPerLine)
        self.charactersPerLine = try container.decode(Int.self, forKey: .charactersPerLine)
        self.codePages = try container.decode([CodePage].self, forKey: .codePages)
        self.hasCutter = try container.decode(Bool.self, forKey: .hasCutter)
        self.supportsRealTimeStatus = try container.decode(Bool.self, forKey: .supportsRealTimeStatus)
        self.feedLinesBeforeCut =
            try container.decodeIfPresent(Int.self, forKey: .feedLinesBeforeCut) ?? Self.defaultFeedLinesBeforeCut
        try Self.check(paperWidthMillimetres > 0, .paperWidthMillimetres, "must be positive", container)
        try Self.check((8...4096).contains(dotsPerLine), .dotsPerLine, "must be 8...4096", container)
        try Self.check((1...255).contains(charactersPerLine), .charactersPerLine, "must be 1...255", container)
        try Self.check((0...255).contains(feedLinesBeforeCut), .feedLinesBeforeCut, "must be 0...255", container)
    }

    private static func check(
        _ condition: Bool,
        _ key: CodingKeys,
        _ message: String,
        _ container: KeyedDecodingContainer<CodingKeys>
    ) throws {
        guard !condition else { return }
        throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
    }
}

extension PrinterProfile {
    /// The profile of a catalog entry; nil when the entry is no printer.
    ///
    /// Code pages the encoder does not know are skipped: the catalog may list more than we can use.
    public init?(model: DeviceModel) {
        guard let printer = model.printer else { return nil }
        self.init(
            id: model.id, name: model.name, paperWidthMillimetres: printer.paperWidthMillimetres,
            dotsPerLine: printer.dotsPerLine, charactersPerLine: printer.columns,
            codePages: printer.codePages.compactMap(CodePage.init(rawValue:)), hasCutter: printer.cutter != "none",
            supportsRealTimeStatus: printer.realTimeStatus)
    }
}

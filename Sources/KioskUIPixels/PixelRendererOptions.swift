/// How the pixel renderer lays screens out: size, pixel density and the two accessibility modes.
public struct PixelRendererOptions: Hashable, Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Pixel density of the panel, for touch targets measured in millimetres.
    public var dotsPerInch: Double
    /// White and yellow on black instead of the standard colours.
    public var highContrast: Bool
    /// Every font 40 % larger; the layout gives way as it does when space runs short.
    public var largeText: Bool

    /// Smallest edge of an option button, in millimetres (issue 6: touch targets at least 20 mm).
    public static let touchTargetMillimetres = 20.0

    /// Creates options; a 21.5" full-HD panel has about 102 dots per inch.
    public init(width: Int, height: Int, dotsPerInch: Double = 102, highContrast: Bool = false, largeText: Bool = false) {
        self.width = width
        self.height = height
        self.dotsPerInch = dotsPerInch
        self.highContrast = highContrast
        self.largeText = largeText
    }

    /// 1080×1920, the usual kiosk stele.
    public static let portrait = PixelRendererOptions(width: 1080, height: 1920)
    /// 1920×1080, a desk or wall terminal.
    public static let landscape = PixelRendererOptions(width: 1920, height: 1080)

    /// Whether the screen is wider than high.
    public var isLandscape: Bool { width > height }

    /// The colours for the chosen mode.
    public var theme: PixelTheme { highContrast ? .highContrast : .standard }

    /// The minimum touch target edge in pixels at this density.
    public var touchTargetPixels: Int {
        Int((Self.touchTargetMillimetres / 25.4 * dotsPerInch).rounded(.up))
    }
}

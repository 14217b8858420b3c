/// Where things are on a pad: its tablet coordinate range and screen size, and the areas of the prompt screen.
///
/// The prompt image and the tap recognition both come from this one value, so the buttons a citizen sees are the
/// buttons that answer. Areas are in screen pixels; pen samples are in tablet units and are scaled here.
public struct SignaturePadLayout: Hashable, Sendable, Codable {
    /// Largest x the pad reports.
    public var tabletMaxX: Int
    /// Largest y the pad reports.
    public var tabletMaxY: Int
    /// Largest pressure the pad reports.
    public var maxPressure: Int
    /// Tablet units per inch.
    public var resolution: Int
    /// Screen width in pixels.
    public var screenWidth: Int
    /// Screen height in pixels.
    public var screenHeight: Int

    /// A layout from the pad's capability answer.
    public init(tabletMaxX: Int, tabletMaxY: Int, maxPressure: Int, resolution: Int, screenWidth: Int, screenHeight: Int) {
        self.tabletMaxX = max(tabletMaxX, 1)
        self.tabletMaxY = max(tabletMaxY, 1)
        self.maxPressure = max(maxPressure, 1)
        self.resolution = max(resolution, 1)
        self.screenWidth = max(screenWidth, 1)
        self.screenHeight = max(screenHeight, 1)
    }

    /// Height of the button row at the bottom: a fifth of the screen, enough for a fingertip on a 430.
    public var buttonHeight: Int { screenHeight / 5 }
    /// Height of the text lines at the top (instruction and amount).
    public var headerHeight: Int { screenHeight / 4 }

    /// The OK button, bottom right.
    public var confirmArea: PadRectangle {
        PadRectangle(x: screenWidth / 2 + 4, y: screenHeight - buttonHeight, width: screenWidth / 2 - 8, height: buttonHeight - 4)
    }

    /// The cancel button, bottom left.
    public var cancelArea: PadRectangle {
        PadRectangle(x: 4, y: screenHeight - buttonHeight, width: screenWidth / 2 - 8, height: buttonHeight - 4)
    }

    /// Where the signature goes: between the header and the buttons.
    public var signingArea: PadRectangle {
        PadRectangle(x: 0, y: headerHeight, width: screenWidth, height: screenHeight - headerHeight - buttonHeight)
    }

    /// The screen pixel of a tablet position.
    public func screenPoint(x: Int, y: Int) -> (x: Int, y: Int) {
        (x * screenWidth / (tabletMaxX + 1), y * screenHeight / (tabletMaxY + 1))
    }
}

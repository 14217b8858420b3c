/// One pen report inside a stroke: position in the pad's tablet units, pressure, and time since the capture began.
public struct PenSample: Hashable, Sendable, Codable {
    /// Horizontal position, tablet units from the left edge.
    public var x: Int
    /// Vertical position, tablet units from the top edge.
    public var y: Int
    /// Pen pressure, 0 up to the pad's maximum.
    public var pressure: Int
    /// Milliseconds since the capture began (from the pad's own clock where it sends one).
    public var time: Int

    /// A sample.
    public init(x: Int, y: Int, pressure: Int, time: Int) {
        self.x = x
        self.y = y
        self.pressure = pressure
        self.time = time
    }
}

/// A rectangle in screen pixels, top-left origin.
public struct PadRectangle: Hashable, Sendable, Codable {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width.
    public var width: Int
    /// Height.
    public var height: Int

    /// A rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// True when the point lies inside (right and bottom edges excluded).
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}

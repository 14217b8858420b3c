/// A decoded PNG as 8-bit RGBA samples, whatever colour type and bit depth the file used.
public struct PNGImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Four bytes a pixel (red, green, blue, alpha), row after row, no padding.
    public let rgba: [UInt8]

    /// Creates an image; nil when the sample count does not match the size.
    public init?(width: Int, height: Int, rgba: [UInt8]) {
        guard width >= 0, height >= 0, rgba.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.rgba = rgba
    }
}

/// A PNG that could not be read.
public struct PNGDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with it.
    public let reason: String

    /// Creates the error with its reason.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason in a sentence for logs and test failures.
    public var description: String { "PNG not readable: \(reason)" }
}

import Foundation

/// The display when there is no framebuffer: every presented frame is written to one PNG file.
public final class OffscreenDisplay: PixelDisplay {
    /// Width of the frames it takes.
    public let width: Int
    /// Height of the frames it takes.
    public let height: Int
    /// The PNG file, replaced on every frame.
    public let path: String

    /// Creates a display that writes `path`.
    public init(width: Int, height: Int, path: String) {
        self.width = width
        self.height = height
        self.path = path
    }

    /// Writes the whole frame (a PNG cannot be patched in place); replaces the file atomically.
    public func present(_ surface: PixelSurface, changed: [PixelRect]) throws(FramebufferError) {
        guard surface.width == width && surface.height == height else {
            throw .sizeMismatch(expected: "\(width)x\(height)", actual: "\(surface.width)x\(surface.height)")
        }
        guard !changed.isEmpty else { return }
        do {
            try Data(surface.pngBytes()).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let code = (error as NSError).domain == NSPOSIXErrorDomain ? Int32((error as NSError).code) : 5
            throw .systemCall("write", path: path, errno: code)
        }
    }
}

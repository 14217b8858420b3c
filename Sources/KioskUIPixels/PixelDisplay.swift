/// Where finished frames go: the Linux framebuffer, or PNG files when there is none.
public protocol PixelDisplay: AnyObject {
    /// Width the display expects, in pixels.
    var width: Int { get }
    /// Height the display expects, in pixels.
    var height: Int { get }
    /// Shows the changed rectangles of the frame.
    func present(_ surface: PixelSurface, changed: [PixelRect]) throws(FramebufferError)
}

import CFramebuffer
#if canImport(Glibc)
import Glibc
#endif

/// A Linux fbdev device (`/dev/fbN`): screen info read once, memory mapped, frames converted into its format.
///
/// Owns the descriptor and the mapping; one owner, the display loop, so not `Sendable`.
public final class LinuxFramebuffer: PixelDisplay {
    /// Visible width in pixels.
    public let width: Int
    /// Visible height in pixels.
    public let height: Int
    /// The device's pixel format.
    public let format: FramebufferPixelFormat
    /// Bytes from one row to the next (may be more than width × bytes a pixel).
    public let lineLength: Int
    /// The driver's name, e.g. "VESA VGA", for the technician.
    public let identifier: String
    private let descriptor: Int32
    private let memory: UnsafeMutableRawPointer
    private let mappedLength: Int

    /// Opens and maps the device; throws when it is missing, not a framebuffer or in an unsupported format.
    public init(path: String = "/dev/fb0") throws(FramebufferError) {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw .systemCall("open", path: path, errno: Glibc.errno) }
        var variable = fb_var_screeninfo()
        var fixed = fb_fix_screeninfo()
        guard CFramebuffer_getVariableInfo(descriptor, &variable) == 0 else {
            let code = Glibc.errno
            close(descriptor)
            throw .systemCall("FBIOGET_VSCREENINFO", path: path, errno: code)
        }
        guard CFramebuffer_getFixedInfo(descriptor, &fixed) == 0 else {
            let code = Glibc.errno
            close(descriptor)
            throw .systemCall("FBIOGET_FSCREENINFO", path: path, errno: code)
        }
        let format = FramebufferPixelFormat(
            bitsPerPixel: Int(variable.bits_per_pixel),
            red: .init(offset: Int(variable.red.offset), length: Int(variable.red.length)),
            green: .init(offset: Int(variable.green.offset), length: Int(variable.green.length)),
            blue: .init(offset: Int(variable.blue.offset), length: Int(variable.blue.length)))
        guard format.isSupported else {
            close(descriptor)
            throw .unsupportedFormat(bitsPerPixel: format.bitsPerPixel)
        }
        let length = Int(fixed.smem_len)
        let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            let code = Glibc.errno
            close(descriptor)
            throw .systemCall("mmap", path: path, errno: code)
        }
        self.descriptor = descriptor
        self.memory = mapped
        self.mappedLength = length
        self.width = Int(variable.xres)
        self.height = Int(variable.yres)
        self.format = format
        self.lineLength = Int(fixed.line_length)
        self.identifier = withUnsafeBytes(of: fixed.id) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    deinit {
        munmap(memory, mappedLength)
        close(descriptor)
    }

    /// Copies the changed rectangles into the mapped memory, converting the pixel format on the way.
    public func present(_ surface: PixelSurface, changed: [PixelRect]) throws(FramebufferError) {
        guard surface.width == width && surface.height == height else {
            throw .sizeMismatch(expected: "\(width)x\(height)", actual: "\(surface.width)x\(surface.height)")
        }
        for rect in changed {
            format.copy(rect, of: surface, to: memory, lineLength: lineLength)
        }
    }
}

@available(*, unavailable)
extension LinuxFramebuffer: Sendable {}

import CDRM
#if canImport(Glibc)
import Glibc
#endif

/// A display through DRM/KMS (`/dev/dri/cardN`): the first connected connector in its preferred mode, showing a
/// dumb buffer (XRGB8888) that the renderer's frames are copied into. For drivers that offer modesetting but no
/// fbdev emulation; the CRTC's previous setting is put back when the display is closed.
///
/// Owns the descriptor, the buffer and its mapping; one owner, the display loop, so not `Sendable`.
public final class DRMDisplay: PixelDisplay {
    /// The mode's width in pixels.
    public let width: Int
    /// The mode's height in pixels.
    public let height: Int
    /// The driver and the mode, e.g. "bochs-drm 1024x768", for the technician.
    public let identifier: String
    private let descriptor: Int32
    private let memory: UnsafeMutableRawPointer
    private let mappedLength: Int
    private let pitch: Int
    private let handle: UInt32
    private let framebuffer: UInt32
    private let crtc: UInt32
    private let savedCrtc: UnsafeMutablePointer<drmModeCrtc>?
    private let connector: UInt32

    /// Opens the device and shows a blank buffer on its first connected output; throws when it has none, or the
    /// driver refuses a dumb buffer or the mode.
    public init(path: String = "/dev/dri/card0") throws(FramebufferError) {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw .systemCall("open", path: path, errno: Glibc.errno) }
        var cleanup: [() -> Void] = [{ close(descriptor) }]
        func fail(_ name: String, _ code: Int32 = Glibc.errno) -> FramebufferError {
            cleanup.reversed().forEach { $0() }
            return .systemCall(name, path: path, errno: code)
        }
        guard let resources = drmModeGetResources(descriptor) else { throw fail("drmModeGetResources") }
        defer { drmModeFreeResources(resources) }

        // The first connector with a monitor and a mode; its preferred mode, else the first listed.
        var chosen: (connector: UnsafeMutablePointer<drmModeConnector>, mode: drmModeModeInfo)?
        for index in 0..<Int(resources.pointee.count_connectors) {
            guard let connector = drmModeGetConnector(descriptor, resources.pointee.connectors[index]) else { continue }
            let connection = connector.pointee.connection
            if connection == DRM_MODE_CONNECTED, connector.pointee.count_modes > 0 {
                let modes = UnsafeBufferPointer(start: connector.pointee.modes, count: Int(connector.pointee.count_modes))
                let preferred = modes.first { $0.type & UInt32(DRM_MODE_TYPE_PREFERRED) != 0 } ?? modes[0]
                chosen = (connector, preferred)
                break
            }
            drmModeFreeConnector(connector)
        }
        guard let (connectorInfo, mode) = chosen else { throw fail("no connected output", ENODEV) }
        defer { drmModeFreeConnector(connectorInfo) }

        // The CRTC its encoder drives now, else the first one the encoder can drive.
        var crtcID: UInt32 = 0
        if let encoder = drmModeGetEncoder(descriptor, connectorInfo.pointee.encoder_id) {
            crtcID = encoder.pointee.crtc_id
            if crtcID == 0 {
                for index in 0..<Int(resources.pointee.count_crtcs) where encoder.pointee.possible_crtcs & (1 << UInt32(index)) != 0 {
                    crtcID = resources.pointee.crtcs[index]
                    break
                }
            }
            drmModeFreeEncoder(encoder)
        }
        if crtcID == 0, resources.pointee.count_crtcs > 0 { crtcID = resources.pointee.crtcs[0] }
        guard crtcID != 0 else { throw fail("no CRTC", ENODEV) }

        var create = drm_mode_create_dumb()
        create.width = UInt32(mode.hdisplay)
        create.height = UInt32(mode.vdisplay)
        create.bpp = 32
        guard CDRM_createDumb(descriptor, &create) == 0 else { throw fail("DRM_IOCTL_MODE_CREATE_DUMB") }
        let handle = create.handle
        cleanup.append { _ = CDRM_destroyDumb(descriptor, handle) }
        var framebufferID: UInt32 = 0
        // Depth 24 in 32 bits: XRGB8888, the renderer's own layout, so frames are plain row copies.
        guard drmModeAddFB(descriptor, create.width, create.height, 24, 32, create.pitch, handle, &framebufferID) == 0 else {
            throw fail("drmModeAddFB")
        }
        cleanup.append { _ = drmModeRmFB(descriptor, framebufferID) }
        var map = drm_mode_map_dumb()
        map.handle = handle
        guard CDRM_mapDumb(descriptor, &map) == 0 else { throw fail("DRM_IOCTL_MODE_MAP_DUMB") }
        let length = Int(create.size)
        let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, off_t(map.offset))
        guard let mapped, mapped != MAP_FAILED else { throw fail("mmap") }
        cleanup.append { munmap(mapped, length) }
        memset(mapped, 0, length)

        let saved = drmModeGetCrtc(descriptor, crtcID)
        var connectorID = connectorInfo.pointee.connector_id
        var modeInfo = mode
        guard drmModeSetCrtc(descriptor, crtcID, framebufferID, 0, 0, &connectorID, 1, &modeInfo) == 0 else {
            let code = Glibc.errno
            if let saved { drmModeFreeCrtc(saved) }
            throw fail("drmModeSetCrtc", code)
        }
        self.descriptor = descriptor
        self.memory = mapped
        self.mappedLength = length
        self.pitch = Int(create.pitch)
        self.handle = handle
        self.framebuffer = framebufferID
        self.crtc = crtcID
        self.savedCrtc = saved
        self.connector = connectorID
        self.width = Int(mode.hdisplay)
        self.height = Int(mode.vdisplay)
        let driver = drmGetVersion(descriptor).map { version in
            defer { drmFreeVersion(version) }
            return version.pointee.name.map { String(cString: $0) } ?? "drm"
        } ?? "drm"
        self.identifier = "\(driver) \(mode.hdisplay)x\(mode.vdisplay)"
    }

    deinit {
        if let savedCrtc {
            var connector = connector
            var mode = savedCrtc.pointee.mode
            _ = drmModeSetCrtc(
                descriptor, savedCrtc.pointee.crtc_id, savedCrtc.pointee.buffer_id, savedCrtc.pointee.x, savedCrtc.pointee.y,
                &connector, 1, &mode)
            drmModeFreeCrtc(savedCrtc)
        }
        munmap(memory, mappedLength)
        _ = drmModeRmFB(descriptor, framebuffer)
        _ = CDRM_destroyDumb(descriptor, handle)
        close(descriptor)
    }

    /// Copies the changed rectangles into the dumb buffer and tells the driver which parts changed (drivers that
    /// copy to the screen themselves, such as virtual and USB displays, need that; others ignore it).
    public func present(_ surface: PixelSurface, changed: [PixelRect]) throws(FramebufferError) {
        guard surface.width == width && surface.height == height else {
            throw .sizeMismatch(expected: "\(width)x\(height)", actual: "\(surface.width)x\(surface.height)")
        }
        var clips: [drmModeClip] = []
        for rect in changed {
            FramebufferPixelFormat.xrgb8888.copy(rect, of: surface, to: memory, lineLength: pitch)
            let area = rect.intersection(surface.bounds)
            guard !area.isEmpty else { continue }
            clips.append(drmModeClip(x1: UInt16(area.x), y1: UInt16(area.y), x2: UInt16(area.maxX), y2: UInt16(area.maxY)))
        }
        // ENOSYS: the driver scans the buffer out directly and needs no word; nothing to report.
        if !clips.isEmpty { _ = CDRM_dirty(descriptor, framebuffer, &clips, UInt32(clips.count)) }
    }
}

@available(*, unavailable)
extension DRMDisplay: Sendable {}

/// Why the Linux framebuffer cannot be used; the renderer then falls back to off-screen PNG.
public struct FramebufferError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: Hashable, Sendable {
        case systemCall(name: String, path: String, errno: Int32)
        case unsupportedFormat(bitsPerPixel: Int)
        case sizeMismatch(expected: String, actual: String)
    }

    private let reason: Reason

    static func systemCall(_ name: String, path: String, errno: Int32) -> FramebufferError {
        FramebufferError(reason: .systemCall(name: name, path: path, errno: errno))
    }
    static func unsupportedFormat(bitsPerPixel: Int) -> FramebufferError {
        FramebufferError(reason: .unsupportedFormat(bitsPerPixel: bitsPerPixel))
    }
    static func sizeMismatch(expected: String, actual: String) -> FramebufferError {
        FramebufferError(reason: .sizeMismatch(expected: expected, actual: actual))
    }

    /// The errno of a failed system call, or nil.
    public var errno: Int32? {
        if case .systemCall(_, _, let code) = reason { return code }
        return nil
    }

    /// What happened and what to do, in German and English.
    public var message: (de: String, en: String) {
        switch reason {
        case .systemCall(let name, let path, let code):
            ("Bildspeicher \(path) nicht nutzbar (\(name): errno \(code)); Gerät und Rechte (Gruppe video) prüfen.",
             "Framebuffer \(path) not usable (\(name): errno \(code)); check the device and permissions (group video).")
        case .unsupportedFormat(let bits):
            ("Bildspeicher mit \(bits) Bit je Pixel wird nicht unterstützt; 16, 24 oder 32 Bit einstellen.",
             "A framebuffer with \(bits) bits per pixel is not supported; set 16, 24 or 32 bits.")
        case .sizeMismatch(let expected, let actual):
            ("Bild \(actual) passt nicht zum Bildspeicher \(expected); Ausrichtung in der Konfiguration prüfen.",
             "Frame \(actual) does not match the framebuffer \(expected); check the orientation in the configuration.")
        }
    }

    /// Both languages in one line.
    public var description: String { "\(message.de) · \(message.en)" }
}

import Foundation
import KioskUIPixels
import PNG
import Testing

/// Pixel format conversion as fbdev drivers report formats, the device errors, the PNG output.
@Suite struct FramebufferTests {
    static func surface() -> PixelSurface {
        var surface = PixelSurface(width: 4, height: 2, color: PixelColor(hex: 0x000000))
        surface.fill(PixelRect(x: 0, y: 0, width: 1, height: 1), color: PixelColor(hex: 0xFF0000))
        surface.fill(PixelRect(x: 1, y: 0, width: 1, height: 1), color: PixelColor(hex: 0x00FF00))
        surface.fill(PixelRect(x: 2, y: 0, width: 1, height: 1), color: PixelColor(hex: 0x0000FF))
        surface.fill(PixelRect(x: 3, y: 0, width: 1, height: 1), color: PixelColor(hex: 0x123456))
        surface.fill(PixelRect(x: 0, y: 1, width: 4, height: 1), color: PixelColor(hex: 0xFFFFFF))
        return surface
    }

    static func convert(_ format: FramebufferPixelFormat, rect: PixelRect? = nil, lineLength: Int) -> [UInt8] {
        let surface = surface()
        var memory = [UInt8](repeating: 0xAA, count: lineLength * surface.height)
        memory.withUnsafeMutableBytes { buffer in
            format.copy(rect ?? surface.bounds, of: surface, to: buffer.baseAddress!, lineLength: lineLength)
        }
        return memory
    }

    @Test func xrgb8888IsCopiedAsIsWithRowPadding() {
        let bytes = Self.convert(.xrgb8888, lineLength: 20)
        #expect(Array(bytes[0..<16]) == [0, 0, 0xFF, 0xFF, 0, 0xFF, 0, 0xFF, 0xFF, 0, 0, 0xFF, 0x56, 0x34, 0x12, 0xFF])
        #expect(Array(bytes[16..<20]) == [0xAA, 0xAA, 0xAA, 0xAA], "padding at the row end stays untouched")
        #expect(Array(bytes[20..<24]) == [0xFF, 0xFF, 0xFF, 0xFF])
    }

    @Test func rgb565PacksFiveSixFive() {
        let bytes = Self.convert(.rgb565, lineLength: 8)
        let words = stride(from: 0, to: 8, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
        let last: UInt16 = (0x12 >> 3) << 11 | (0x34 >> 2) << 5 | (0x56 >> 3)
        let expected: [UInt16] = [0xF800, 0x07E0, 0x001F, last]
        #expect(words == expected)
    }

    @Test func vesaTwentyFourBitIsBlueGreenRed() {
        let bytes = Self.convert(.rgb888, lineLength: 12)
        #expect(Array(bytes[0..<12]) == [0, 0, 0xFF, 0, 0xFF, 0, 0xFF, 0, 0, 0x56, 0x34, 0x12])
    }

    @Test func swappedChannelsFollowTheReportedOffsets() {
        let bgrx = FramebufferPixelFormat(
            bitsPerPixel: 32, red: .init(offset: 0, length: 8), green: .init(offset: 8, length: 8), blue: .init(offset: 16, length: 8))
        let bytes = Self.convert(bgrx, lineLength: 16)
        #expect(Array(bytes[0..<4]) == [0xFF, 0, 0, 0])
        #expect(Array(bytes[8..<12]) == [0, 0, 0xFF, 0])
    }

    @Test func onlyTheChangedRectangleIsWritten() {
        let bytes = Self.convert(.xrgb8888, rect: PixelRect(x: 1, y: 1, width: 2, height: 1), lineLength: 16)
        #expect(bytes[0..<16].allSatisfy { $0 == 0xAA })
        #expect(Array(bytes[16..<20]) == [0xAA, 0xAA, 0xAA, 0xAA])
        #expect(Array(bytes[20..<28]) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Array(bytes[28..<32]) == [0xAA, 0xAA, 0xAA, 0xAA])
    }

    @Test func aFileThatIsNoFramebufferIsRefusedWithItsErrno() throws {
        #expect(throws: FramebufferError.self) { try LinuxFramebuffer(path: "/nonexistent/fb9") }
        do {
            _ = try LinuxFramebuffer(path: "/dev/null")
            Issue.record("/dev/null is not a framebuffer")
        } catch {
            #expect(error.errno == ENOTTY, "FBIOGET_VSCREENINFO on /dev/null fails with ENOTTY")
            #expect(error.message.de.contains("/dev/null") && error.message.en.lowercased().contains("framebuffer"))
        }
    }

    @Test func offscreenDisplayWritesThePNGOfTheFrame() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("offscreen-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let surface = Self.surface()
        let display = OffscreenDisplay(width: 4, height: 2, path: path)
        try display.present(surface, changed: [surface.bounds])
        let image = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(PixelSurface(png: image) == surface)
        #expect(throws: FramebufferError.self) { try display.present(PixelSurface(width: 3, height: 2), changed: []) }
    }
}

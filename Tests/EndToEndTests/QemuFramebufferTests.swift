import ChildProcess
import Foundation
import KioskTesting
import PNG
import Testing

/// The fbdev and DRM outputs on a real Linux kernel: scripts/qemu-framebuffer.sh boots a Debian kernel in qemu with
/// VESA graphics (fbdev, /dev/fb0) or with the bochs DRM driver loaded (KMS, /dev/dri/card0), runs
/// framebuffer-probe against it and takes a screendump, which must show the same frame as the off-screen render.
/// Skipped when qemu, busybox-static or a kernel image is missing.
@Suite(.timeLimit(.minutes(5))) struct QemuFramebufferTests {
    static var available: Bool {
        let kernels = (try? FileManager.default.contentsOfDirectory(atPath: "/boot"))?.filter { $0.hasPrefix("vmlinuz-") } ?? []
        let qemu = ["/usr/bin/qemu-system-x86_64", "/usr/local/bin/qemu-system-x86_64"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        return qemu && !kernels.isEmpty && FileManager.default.isExecutableFile(atPath: "/bin/busybox")
            && BuiltProducts.executable("framebuffer-probe") != nil
    }

    /// A binary PPM (P6, 8 bit) as RGB samples.
    static func readPPM(_ data: Data) -> (width: Int, height: Int, rgb: [UInt8])? {
        let bytes = [UInt8](data)
        var fields: [String] = []
        var index = 0
        while fields.count < 4 && index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            var field = ""
            while index < bytes.count, ![0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                field.append(Character(Unicode.Scalar(bytes[index])))
                index += 1
            }
            fields.append(field)
        }
        index += 1
        guard fields.count == 4, fields[0] == "P6", fields[3] == "255", let width = Int(fields[1]), let height = Int(fields[2]),
            bytes.count - index >= width * height * 3
        else { return nil }
        return (width, height, Array(bytes[index..<(index + width * height * 3)]))
    }

    /// What the guest says it drew on, per mode of the script.
    static let devices = ["fbdev": "framebuffer VESA VGA 1024x768 24 bpp", "drm": "drm bochs-drm "]

    @Test(.enabled(if: available, "needs qemu-system-x86, busybox-static, linux-image-amd64 and a built framebuffer-probe"),
          arguments: ["fbdev", "drm"])
    func screendumpOfTheVMShowsTheOffscreenFrame(mode: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("qemu-\(mode)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = KioskdTerminalTests.repository.appendingPathComponent("scripts/qemu-framebuffer.sh").path
        let probe = BuiltProducts.executable("framebuffer-probe")!.path
        var environment = ProcessInfo.processInfo.environment
        environment["KIOSK_QEMU_DISPLAY"] = mode
        let result = try ChildProcess.run("bash", [script, output.path, probe], environment: environment, timeout: .seconds(240))
        try #require(result.termination.succeeded, "qemu-framebuffer.sh: \(String(decoding: result.error, as: UTF8.self))")
        let console = try String(contentsOf: output.appendingPathComponent("console.log"), encoding: .utf8)
        #expect(console.contains(Self.devices[mode]!), "the guest kernel offers the \(mode) device: \(console)")
        #expect(console.contains("presented partial update"))

        let dump = try #require(Self.readPPM(try Data(contentsOf: output.appendingPathComponent("screen.ppm"))))
        let offscreen = try PNGDecoder.decode([UInt8](try Data(contentsOf: output.appendingPathComponent("offscreen.png"))))
        #expect(dump.width == offscreen.width && dump.height == offscreen.height)
        var differing = 0
        for pixel in 0..<(min(dump.width * dump.height, offscreen.width * offscreen.height)) {
            for channel in 0..<3 where abs(Int(dump.rgb[pixel * 3 + channel]) - Int(offscreen.rgba[pixel * 4 + channel])) > 2 {
                differing += 1
                break
            }
        }
        // Same renderer, same fonts, 8 bits a channel on both sides: the frames must agree pixel for pixel.
        #expect(differing == 0, "\(differing) pixels of the screendump differ from the off-screen frame")
        // And the frame is not blank: the title bar's blue is at the top left.
        #expect(dump.rgb[(10 * dump.width + 10) * 3 + 2] > 0x40 && dump.rgb[(10 * dump.width + 10) * 3] < 0x20)
    }
}

// Shows one screen on a Linux framebuffer, first whole, then as a partial update (the countdown ticks), and
// reports the device's format; with --png it renders the same final frame off screen instead. scripts/
// qemu-framebuffer.sh runs it inside a small VM and compares the VM's screendump with the --png image.
// With --drm it shows the same through DRM/KMS (a dumb buffer on the first connected output) instead of fbdev.
// Usage: framebuffer-probe [--device /dev/fb0] | --drm /dev/dri/card0 | --png FILE --width W --height H
import Foundation
import KioskUI
import KioskUIPixels

let arguments = CommandLine.arguments
func value(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

let first = Screen(
    id: "ticket.issued", title: "Ihre Wartenummer", subtitle: "Personalausweis", highlight: "A 017",
    body: ["Bitte nehmen Sie Ihre Wartemarke aus dem Drucker.", "Ласкаво просимо · مرحبا بكم · Hoş geldiniz"],
    options: [Option(key: "1", label: "Fertig"), Option(key: "2", label: "Noch eine Wartemarke")], selection: 0,
    footer: [FooterHint(key: "Enter", label: "Fertig"), FooterHint(key: "Esc", label: "Zurück")],
    countdown: "Zurück zum Start in 10 s")
var second = first
second.countdown = "Zurück zum Start in 9 s"

do {
    let fonts = try FontLibrary()
    if let png = value("--png") {
        guard let width = value("--width").flatMap(Int.init), let height = value("--height").flatMap(Int.init) else {
            FileHandle.standardError.write(Data("framebuffer-probe: --png needs --width and --height\n".utf8))
            exit(64)
        }
        let renderer = PixelRenderer(options: PixelRendererOptions(width: width, height: height), fonts: fonts)
        renderer.render(second)
        try OffscreenDisplay(width: width, height: height, path: png).present(renderer.surface, changed: [renderer.surface.bounds])
        exit(0)
    }
    // The first screen whole, then the countdown's tick as a partial update.
    func show(on device: any PixelDisplay) throws {
        let renderer = PixelRenderer(options: PixelRendererOptions(width: device.width, height: device.height), fonts: fonts)
        try renderer.render(first, to: device)
        let changed = renderer.render(second)
        try device.present(renderer.surface, changed: changed)
        print("presented partial update: \(changed.count) rectangles, \(changed.reduce(0) { $0 + $1.area }) pixels")
    }
    if let path = value("--drm") {
        let device = try DRMDisplay(path: path)
        print("drm \(device.identifier) \(device.width)x\(device.height)")
        try show(on: device)
        // The frame stays up while the display is open: the caller's screendump comes during this sleep.
        sleep(UInt32(value("--hold").flatMap(Int.init) ?? 0))
        exit(0)
    }
    let device = try LinuxFramebuffer(path: value("--device") ?? "/dev/fb0")
    let format = device.format
    print(
        "framebuffer \(device.identifier) \(device.width)x\(device.height) \(format.bitsPerPixel) bpp"
            + " red \(format.red.offset)/\(format.red.length) green \(format.green.offset)/\(format.green.length)"
            + " blue \(format.blue.offset)/\(format.blue.length) line \(device.lineLength)")
    try show(on: device)
} catch {
    print("framebuffer-probe: \(error)")
    exit(1)
}

// 5. The pixel renderer: a full 1080×1920 frame and a typical partial update (the idle countdown ticking), each
// against a baseline measured in the same run: filling the frame with one colour and copying it, the least any
// renderer has to do per frame.
import Foundation
import KioskUI
import KioskUIPixels

func benchmarkScreen(rounds: Int) throws {
    let fonts = try FontLibrary()
    let screen = Screen(
        id: "ticket.issued", title: "Ihre Wartenummer", subtitle: "Personalausweis", highlight: "A 017",
        body: [
            "Bitte nehmen Sie Ihre Wartemarke aus dem Drucker. Sie werden auf der Anzeige im Wartebereich aufgerufen.",
            "Voraussichtliche Wartezeit: ca. 15 Minuten.",
        ],
        options: [Option(key: "1", label: "Fertig"), Option(key: "2", label: "Noch eine Wartemarke")], selection: 0,
        footer: [FooterHint(key: "Enter", label: "Fertig"), FooterHint(key: "Esc", label: "Zurück")],
        countdown: "Zurück zum Start in 30 s")
    var options = PixelRendererOptions.portrait
    let renderer = PixelRenderer(options: options, fonts: fonts)
    // What an fbdev output does after rendering: VESA's 24-bit BGR, the slowest format the converter handles.
    let lineLength = options.width * 3
    var framebuffer = [UInt8](repeating: 0, count: lineLength * options.height)

    let coldStart = ContinuousClock.now
    var changed = renderer.render(screen)
    let cold = milliseconds(ContinuousClock.now - coldStart)

    // Full frame: switching the contrast mode makes every item change, so the whole frame is laid out and painted.
    var fullSamples: [Double] = []
    var presentSamples: [Double] = []
    for _ in 0..<rounds {
        options.highContrast.toggle()
        renderer.update(options: options)
        let start = ContinuousClock.now
        changed = renderer.render(screen)
        let rendered = ContinuousClock.now
        framebuffer.withUnsafeMutableBytes { memory in
            for rect in changed { FramebufferPixelFormat.rgb888.copy(rect, of: renderer.surface, to: memory.baseAddress!, lineLength: lineLength) }
        }
        fullSamples.append(milliseconds(rendered - start))
        presentSamples.append(milliseconds(ContinuousClock.now - rendered))
    }
    precondition(changed == [renderer.surface.bounds], "the full-frame rounds must redraw everything")

    // Partial: the countdown ticks once a second; everything else stays.
    var partialSamples: [Double] = []
    var partialArea = 0
    var ticking = screen
    for round in 0..<(rounds * 4) {
        ticking.countdown = "Zurück zum Start in \(30 - round % 30) s"
        let start = ContinuousClock.now
        changed = renderer.render(ticking)
        framebuffer.withUnsafeMutableBytes { memory in
            for rect in changed { FramebufferPixelFormat.rgb888.copy(rect, of: renderer.surface, to: memory.baseAddress!, lineLength: lineLength) }
        }
        partialSamples.append(milliseconds(ContinuousClock.now - start))
        partialArea = max(partialArea, changed.reduce(0) { $0 + $1.area })
    }

    // Baselines: one colour over the whole frame, and the frame copied as is into XRGB8888 memory.
    var surface = PixelSurface(width: options.width, height: options.height)
    var xrgb = [UInt8](repeating: 0, count: options.width * options.height * 4)
    var fillSamples: [Double] = []
    var copySamples: [Double] = []
    // Read back from every frame and printed, so that the optimiser cannot drop fills and copies nobody reads.
    var checksum = 0
    for round in 0..<rounds {
        let start = ContinuousClock.now
        surface.fill(surface.bounds, color: PixelColor(hex: round % 2 == 0 ? 0xFFFFFF : 0x000000))
        let filled = ContinuousClock.now
        xrgb.withUnsafeMutableBytes { memory in
            FramebufferPixelFormat.xrgb8888.copy(surface.bounds, of: surface, to: memory.baseAddress!, lineLength: options.width * 4)
        }
        fillSamples.append(milliseconds(filled - start))
        copySamples.append(milliseconds(ContinuousClock.now - filled))
        let probe = (round * 7919) % (options.width * options.height)
        checksum &+= Int(surface.pixels[probe]) &+ Int(xrgb[probe * 4]) &+ Int(framebuffer[(round * 104_729) % framebuffer.count])
    }

    let full = Percentiles(fullSamples)
    let present = Percentiles(presentSamples)
    let partial = Percentiles(partialSamples)
    let fill = Percentiles(fillSamples)
    let copy = Percentiles(copySamples)
    print("screen rendering (1080×1920, ticket screen, \(rounds) full frames, \(rounds * 4) countdown ticks)")
    print("  first frame (cold glyph caches) \(format(cold)) ms")
    print("  full frame render  p50 \(format(full.p50)) ms  p99 \(format(full.p99)) ms   (target < 16 ms)")
    print("  full frame to 24-bit fbdev memory p50 \(format(present.p50)) ms  p99 \(format(present.p99)) ms")
    print("  partial update (countdown, ≤ \(partialArea) px, render + convert) p50 \(format(partial.p50)) ms  p99 \(format(partial.p99)) ms   (target < 4 ms)")
    print("  baseline: fill frame p50 \(format(fill.p50)) ms, copy frame to XRGB memory p50 \(format(copy.p50)) ms (checksum \(checksum % 1000))")
    print("  ratio full render / (fill + copy) p50 \(format(full.p50 / (fill.p50 + copy.p50)))")
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    {
        print("  process peak RSS so far (fonts loaded, frames allocated): \(line.dropFirst(6).trimmingCharacters(in: .whitespaces))")
    }
}

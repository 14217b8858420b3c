// 5b. What the pixel kiosk costs in memory, against the same screen as an HTML page in headless Chromium measured
// in the same run: kioskd's peak RSS idle on the terminal and idle on the pixel renderer with its fonts loaded,
// Chromium's peak RSS summed over its process tree (sampled every 20 ms) and its time until the page's screenshot
// is written (an upper bound of its first paint).
import ChildProcess
import Foundation

/// Resident set sizes in kB from /proc/PID/status: current and peak.
func residentKilobytes(_ pid: pid_t) -> (rss: Int, peak: Int)? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    func field(_ name: String) -> Int? {
        status.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
    }
    guard let rss = field("VmRSS:"), let peak = field("VmHWM:") else { return nil }
    return (rss, peak)
}

/// The process and all its descendants, from /proc's parent links.
func processTree(_ root: pid_t) -> [pid_t] {
    var parents: [pid_t: pid_t] = [:]
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 1, let parent = pid_t(fields[1]) { parents[pid] = parent }
    }
    var tree: Set<pid_t> = [root]
    var grew = true
    while grew {
        grew = false
        for (pid, parent) in parents where tree.contains(parent) && !tree.contains(pid) {
            tree.insert(pid)
            grew = true
        }
    }
    return Array(tree)
}

func benchmarkScreenFootprint() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let kioskd = binaries.appendingPathComponent("kioskd").path
    guard FileManager.default.isExecutableFile(atPath: kioskd) else {
        print("kioskd footprint: skipped (swift build --product kioskd first)")
        return
    }
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-footprint-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: state) }
    let example = repository.appendingPathComponent("Kiosk/example")
    func configuration(_ display: String, name: String) throws -> String {
        let yaml = try String(contentsOf: example.appendingPathComponent("terminal.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "catalog: services.yaml", with: "catalog: \(example.path)/services.yaml\n  texts: \(repository.path)/Kiosk/texts")
            .replacingOccurrences(of: "codes: codes.yaml", with: "codes: \(example.path)/codes.yaml")
            .replacingOccurrences(of: "../../.demo-state/", with: "\(state.path)/\(name)-")
            .replacingOccurrences(of: "devices: ../../Devices", with: "devices: \(repository.path)/Devices")
            .replacingOccurrences(of: "url: http://127.0.0.1:8480", with: "url: http://127.0.0.1:9")
        let path = state.appendingPathComponent("\(name).yaml").path
        try (yaml + "\n" + display).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // On the pixel renderer, off-screen: no terminal needed; idle once the first frame is written.
    let offscreen = try configuration(
        "display:\n  kind: offscreen\n  output: \(state.path)/screen.png\n", name: "pixels")
    let pixels = try ChildProcess(kioskd, ["--config", offscreen, "--demo-time", "2026-11-23T09:00"])
    _ = pixels.waitUntilReady(within: .seconds(30)) { FileManager.default.fileExists(atPath: state.appendingPathComponent("screen.png").path) }
    Thread.sleep(forTimeInterval: 2)
    let pixelMemory = residentKilobytes(pixels.pid)
    _ = pixels.terminate()

    // On the terminal: in a tmux pane, the shell replaced by kioskd so the pane's pid is kioskd's.
    var terminalMemory: (rss: Int, peak: Int)?
    let terminalConfiguration = try configuration("", name: "terminal")
    let pane = "kiosk-footprint-\(UUID().uuidString.prefix(6))"
    if let started = try? ChildProcess.run(
        "tmux", ["new-session", "-d", "-P", "-F", "#{pane_pid}", "-s", pane, "-x", "120", "-y", "40",
                 "exec \(kioskd) --config \(terminalConfiguration) --demo-time 2026-11-23T09:00"], timeout: .seconds(10)),
        let pid = pid_t(started.text.trimmingCharacters(in: .whitespacesAndNewlines))
    {
        Thread.sleep(forTimeInterval: 4)
        terminalMemory = residentKilobytes(pid)
        _ = try? ChildProcess.run("tmux", ["kill-session", "-t", pane], timeout: .seconds(10))
    }

    // The same screen as a page in headless Chromium.
    var chromiumPeak = 0
    var chromiumSeconds = 0.0
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") {
        let page = state.appendingPathComponent("ticket.html")
        try ticketPage.write(to: page, atomically: true, encoding: .utf8)
        let shot = state.appendingPathComponent("chromium.png")
        let start = Date()
        let chromium = try ChildProcess(
            "/usr/bin/chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(state.path)/chromium-profile", "--window-size=1080,1920",
             "--screenshot=\(shot.path)", page.absoluteString])
        while chromium.poll() == nil {
            let sum = processTree(chromium.pid).compactMap { residentKilobytes($0)?.rss }.reduce(0, +)
            chromiumPeak = max(chromiumPeak, sum)
            if chromiumSeconds == 0, FileManager.default.fileExists(atPath: shot.path) { chromiumSeconds = Date().timeIntervalSince(start) }
            Thread.sleep(forTimeInterval: 0.02)
            if Date().timeIntervalSince(start) > 60 { _ = chromium.terminate(); break }
        }
        if chromiumSeconds == 0 { chromiumSeconds = Date().timeIntervalSince(start) }
    }

    print("kioskd memory, idle (ticket system of the example site, standalone)")
    if let terminalMemory { print("  terminal renderer:          RSS \(terminalMemory.rss) kB, peak \(terminalMemory.peak) kB") }
    if let pixelMemory { print("  pixel renderer, off-screen: RSS \(pixelMemory.rss) kB, peak \(pixelMemory.peak) kB (fonts loaded, 1080×1920 frame)") }
    if chromiumPeak > 0 {
        print("  baseline: headless Chromium, same screen as HTML: peak RSS (process tree) \(chromiumPeak) kB, screenshot after \(format(chromiumSeconds * 1000)) ms")
        if let pixelMemory {
            print("  ratio kioskd pixel peak / Chromium peak \(format(Double(pixelMemory.peak) / Double(chromiumPeak)))   (target ≤ 0.100)")
        }
    }
}

/// The ticket screen of the render benchmark as an HTML page with the same texts, colours and sizes.
let ticketPage = """
    <!doctype html><html lang="de"><meta charset="utf-8"><style>
    body{margin:0;width:1080px;height:1920px;font-family:'DejaVu Sans',sans-serif;background:#fff;color:#1a1a1a}
    header{background:#00305e;color:#fff;font:bold 56px 'DejaVu Sans';padding:20px 48px}
    h2{font-size:44px;margin:32px 48px} .num{font:bold 260px 'DejaVu Sans';text-align:center;color:#00305e}
    p{font-size:36px;margin:16px 48px} .opt{border:3px solid #333;margin:20px 48px;height:110px;font-size:40px;line-height:110px;padding-left:24px}
    .count{position:absolute;bottom:80px;width:100%;background:#fff3b0;font:bold 36px 'DejaVu Sans';text-align:center;padding:12px 0}
    footer{position:absolute;bottom:0;width:100%;background:#222;color:#fff;font-size:30px;padding:20px 48px}
    </style><header>Ihre Wartenummer</header><h2>Personalausweis</h2><div class="num">A 017</div>
    <p>Bitte nehmen Sie Ihre Wartemarke aus dem Drucker. Sie werden auf der Anzeige im Wartebereich aufgerufen.</p>
    <p>Voraussichtliche Wartezeit: ca. 15 Minuten.</p><div class="opt">1 Fertig</div><div class="opt">2 Noch eine Wartemarke</div>
    <div class="count">Zurück zum Start in 30 s</div><footer>[Enter] Fertig [Esc] Zurück</footer></html>
    """

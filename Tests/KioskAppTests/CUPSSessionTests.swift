import Foundation
import KioskCore
import KioskStore
import KioskUI
import Logging
import Printing
import PrintingTesting
import KioskTesting
import Testing
@testable import KioskApp

/// The ticket flow with a real cupsd and the printer emulator behind it: what the citizen sees and what the store
/// keeps when printing works and when it does not.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CUPSSessionTests {
    let day = BusinessDay(year: 2026, month: 11, day: 23)
    let clock = TestClock(SiteCalendar.berlin.instant(of: TimeOfDay(hour: 9, minute: 0), on: BusinessDay(year: 2026, month: 11, day: 23)))

    /// The session's database folder, removed when the suite instance goes.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-cups-\(UUID().uuidString)")

    func session(_ rig: CUPSTestRig, directStatus: Bool = true) throws -> (KioskSession, KioskStore, CUPSPrinter, PrinterProfile) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        var loaded = try SiteLoader.load(configuration: repository.appendingPathComponent("Kiosk/example/terminal.yaml"))
        loaded.settings.configuration.central = nil
        let store = try KioskStore(
            path: directory.appendingPathComponent("kiosk.sqlite").path, terminal: loaded.settings.configuration.terminal,
            logger: Logger(label: "test"))
        let printer = CUPSPrinter(settings: rig.settings(directStatus: directStatus), profile: loaded.printerProfile, logger: Logger(label: "test"))
        let clock = self.clock
        let session = KioskSession(settings: loaded.settings, store: store, printer: printer, logger: Logger(label: "test"), now: { clock.now })
        return (session, store, printer, loaded.printerProfile)
    }

    @Test func aTicketPrintsThroughCUPSAfterItIsCommitted() async throws {
        guard let rig = CUPSTestRig.start(orReport: { Issue.record("\($0)") }) else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        let (session, store, _, profile) = try session(rig)
        let screen = await session.handle(.digit(1))
        #expect(screen.id == "ticket.issued")
        #expect(screen.highlight == "A 001")
        let ticket = try #require(try store.tickets(day: day).first)
        let expected = ESCPOSEncoder(profile: profile).encode(TicketLayout.document(await session.printout(for: ticket)))
        #expect(rig.emulator.waitForRecorded(count: expected.count) == expected)
        #expect(try store.allOutboxEntries().map(\.type).suffix(2) == ["ticket.issued", "ticket.printed"])
    }

    @Test func paperEndKeepsTheNumberOnScreenAndTheTicketInTheStore() async throws {
        guard let rig = CUPSTestRig.start("paper-end", orReport: { Issue.record("\($0)") }) else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        let (session, store, _, _) = try session(rig)
        let screen = await session.handle(.digit(1))
        #expect(screen.id == "ticket.not-printed")
        #expect(screen.highlight == "A 001")
        #expect(screen.notice?.kind == .error)
        #expect(screen.notice?.text.contains("kein Papier") == true)
        // Instead of the paper, the ticket's follow-the-queue QR code: it reads back as the ticket's link.
        let ticket = try #require(try store.tickets(day: day).first)
        let lines = try #require(screen.aside)
        #expect(try Self.decode(lines).lowercased() == (await session.printout(for: ticket)).followLink)
        #expect(lines.allSatisfy { $0.count <= 34 }, "fits the preview box of a 100-column terminal")
        #expect(try store.tickets(day: day).map(\.number.display) == ["A 001"])
        #expect(try store.allOutboxEntries().last?.type == "ticket.print-failed")
        #expect(try store.lastPrintOutcome()?.failure == "media-empty")
        #expect(rig.emulator.recorded.isEmpty)

        // The next citizen, with paper loaded, gets the next number on paper.
        try rig.emulator.setState("ok")
        _ = await session.handle(.back)
        clock.now += 60
        #expect(await session.handle(.digit(1)).id == "ticket.issued")
        #expect(try store.lastPrintOutcome()?.printed == true)
    }

    @Test func cupsdDownKeepsTheTicket() async throws {
        guard let rig = CUPSTestRig.start(orReport: { Issue.record("\($0)") }) else { return }
        defer { try? FileManager.default.removeItem(at: directory) }
        rig.cupsd.stop()
        let (session, store, _, _) = try session(rig, directStatus: false)
        let screen = await session.handle(.digit(2))
        #expect(screen.id == "ticket.not-printed")
        #expect(screen.highlight?.isEmpty == false)
        #expect(try store.tickets(day: day).count == 1)
        #expect(try store.lastPrintOutcome()?.failure == "cups-unreachable")
    }

    /// Reads a half-block QR code off the screen lines with zbar, each character cell as 4×4 pixels per dot row.
    static func decode(_ lines: [String]) throws -> String {
        let scale = 4
        let width = (lines.first?.count ?? 0) * scale
        var pixels: [UInt8] = []
        for line in lines {
            for half in 0..<2 {
                var row: [UInt8] = []
                for character in line {
                    // A drawn half is light (the terminal's foreground), an empty one dark.
                    let light = half == 0 ? (character == "█" || character == "▀") : (character == "█" || character == "▄")
                    row += [UInt8](repeating: light ? 255 : 0, count: scale)
                }
                for _ in 0..<scale { pixels += row }
            }
        }
        return String(decoding: try BarcodeScanner.readQRCode(grey: pixels, width: width, height: pixels.count / width), as: UTF8.self)
    }
}

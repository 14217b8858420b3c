import Foundation
import KioskCore
import Logging
import Printing
import PrintingTesting
import Testing

/// Starts the rig, or says why it cannot: a failure in CI, a printed skip elsewhere.
func startRig(_ state: String = "ok") -> CUPSTestRig? {
    CUPSTestRig.start(state) { Issue.record("\($0)") }
}

/// A ticket as the kiosk prints it, with a fresh id.
func examplePrintout(number: String = "A 017") -> TicketPrintout {
    TicketPrintout(
        siteName: "Bürgerbüro Musterstadt", serviceName: "Personalausweis beantragen", number: number,
        issued: "23.11.2026, 09:15 Uhr", estimate: "etwa 10 Minuten",
        instructions: ["Bitte warten Sie, bis Ihre Nummer aufgerufen wird.", "Please wait until your number is called."],
        followLink: "https://kiosk.invalid/q/3f2a9c1e", terminal: "musterstadt-t1", ticketID: UUID())
}

/// A real cupsd with a raw queue to the printer emulator: bytes, states and failures end to end.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CUPSPrinterTests {
    let logger = Logger(label: "cups-test")

    func expectedBytes(_ printout: TicketPrintout, _ profile: PrinterProfile = .epsonTMT20) -> [UInt8] {
        ESCPOSEncoder(profile: profile).encode(TicketLayout.document(printout))
    }

    func statusRequests(_ rig: CUPSTestRig) -> Int {
        rig.emulator.events.filter { $0.hasPrefix("status ") }.count
    }

    @Test func aTicketReachesThePrinterByteForByte() async throws {
        guard let rig = startRig() else { return }
        let printer = CUPSPrinter(settings: rig.settings(), profile: .epsonTMT20, logger: logger)
        let printout = examplePrintout()
        let printed = try await printer.printTicket(printout)

        let expected = expectedBytes(printout)
        let recorded = rig.emulator.waitForRecorded(count: expected.count)
        #expect(recorded == expected, "recorded \(recorded.count) bytes, expected \(expected.count)")
        let items = try ESCPOSDecoder().decode(recorded)
        let number = try #require(items.lines.first { $0.text == "A 017" })
        #expect(number.style.widthMultiplier == 4 && number.style.bold)
        #expect(items.textLines.contains("Please wait until your number is called."))
        #expect(items.qrCodes.map(\.payload) == ["https://kiosk.invalid/q/3f2a9c1e"])
        #expect(items.cuts == [DecodedCut(partial: true)])
        #expect(printed.preview.contains { $0.contains("Personalausweis beantragen") })
        // Asked before the job and after it: 4 status bytes each time.
        #expect(statusRequests(rig) == 8)
        #expect(try rig.cupsd.jobs(rig.queue, which: "completed").count == 1)
        #expect(try rig.cupsd.jobs(rig.queue).isEmpty)
    }

    @Test func statusBytesInsideTheJobArePrintedNotAnswered() async throws {
        guard let rig = startRig() else { return }
        let printer = CUPSPrinter(settings: rig.settings(), profile: .epsonTMT20, logger: logger)
        let image = try #require(MonochromeBitmap(width: 24, height: 2, packedRows: [0x10, 0x04, 0x01, 0x10, 0x04, 0x04]))
        let document = PrintDocument([
            .text("Test"), .qrCode("\u{10}\u{04}\u{02}\u{10}\u{04}\u{03}"), .image(image), .cut(partial: false),
        ])
        _ = try await printer.printDocument(document, jobName: "kiosk-dle-in-data")

        let expected = ESCPOSEncoder(profile: .epsonTMT20).encode(document)
        #expect(rig.emulator.waitForRecorded(count: expected.count) == expected)
        #expect(statusRequests(rig) == 8, "only the status checks before and after the job are answered")
        let items = try ESCPOSDecoder().decode(rig.emulator.recorded)
        #expect(items.qrCodes.first?.data == [0x10, 0x04, 0x02, 0x10, 0x04, 0x03])
        #expect(items.images.first?.bitmap == image)
    }

    @Test func aRetriedTicketIsPrintedOnce() async throws {
        guard let rig = startRig() else { return }
        let printer = CUPSPrinter(settings: rig.settings(), profile: .epsonTMT20, logger: logger)
        let printout = examplePrintout()
        _ = try await printer.printTicket(printout)
        _ = try await printer.printTicket(printout)
        var other = examplePrintout(number: "A 018")
        other.ticketID = UUID()
        _ = try await printer.printTicket(other)

        let expected = expectedBytes(printout) + expectedBytes(other)
        let recorded = rig.emulator.waitForRecorded(count: expected.count)
        try await Task.sleep(for: .milliseconds(300))  // a second copy would arrive within this
        #expect(rig.emulator.recorded == expected)
        #expect(recorded == expected)
        #expect(try rig.cupsd.jobs(rig.queue, which: "completed").count == 2)
    }

    @Test func cupsdDownIsAClearErrorAtOnce() async throws {
        guard let rig = startRig() else { return }
        rig.cupsd.stop()
        let printer = CUPSPrinter(settings: rig.settings(directStatus: false), profile: .epsonTMT20, logger: logger)
        let started = ContinuousClock.now
        await #expect {
            _ = try await printer.print([0x1B, 0x40], jobName: "kiosk-down")
        } throws: { error in
            guard let error = error as? CUPSError else { return false }
            return error.reason == "cups-unreachable" && error.description.contains("läuft cupsd?")
                && error.description.contains("is cupsd running?")
        }
        #expect(ContinuousClock.now - started < .seconds(6))
        do {
            _ = try await printer.printTicket(examplePrintout())
            Issue.record("printed without cupsd")
        } catch {
            #expect(error.reason == "cups-unreachable")
            #expect(!error.preview.isEmpty, "the screen can still show the ticket")
        }
        let status = await printer.status()
        #expect(status.blocking == .offline)
        #expect(rig.emulator.recorded.isEmpty)
    }

    @Test func aMissingQueueSaysHowToCreateIt() async throws {
        guard let rig = startRig() else { return }
        var settings = rig.settings(directStatus: false)
        settings.queue = "kein-drucker"
        let printer = CUPSPrinter(settings: settings, profile: .epsonTMT20, logger: logger)
        await #expect {
            _ = try await printer.print([0x1B, 0x40], jobName: "kiosk-missing")
        } throws: { error in
            guard let error = error as? CUPSError else { return false }
            return error.reason == "queue-missing" && error.description.contains("lpadmin -p kein-drucker")
        }
        #expect(await printer.status().conditions == [.offline])
    }

    @Test func anUnreachablePrinterFailsTheJobAndLeavesNothingBehind() async throws {
        guard let rig = startRig() else { return }
        // A queue whose socket printer is gone; the backend gives up after 2 s, CUPS then holds the job.
        let gone = PrinterEmulatorProcess.unusedPort()
        try rig.cupsd.addRawQueue("gone", printerPort: gone, connectTimeoutSeconds: 2)
        var settings = rig.settings(directStatus: false, jobTimeout: .seconds(30))
        settings.queue = "gone"
        let printer = CUPSPrinter(settings: settings, profile: .epsonTMT20, logger: logger)
        let started = ContinuousClock.now
        do {
            _ = try await printer.printTicket(examplePrintout())
            Issue.record("printed to a printer that is not there")
        } catch {
            #expect(error.reason == "offline")
            #expect(error.message[.german] == "Der Drucker ist nicht erreichbar.")
        }
        #expect(ContinuousClock.now - started < .seconds(25), "ended by CUPS holding the job, not by the timeout")
        // Cancelled, so that it cannot come out later when the printer is back.
        #expect(try rig.cupsd.jobs("gone").isEmpty)

        // With the printer's own port configured, the job is refused before it reaches CUPS.
        settings.directStatus = NetworkEndpoint(host: "127.0.0.1", port: gone)
        let direct = CUPSPrinter(settings: settings, profile: .epsonTMT20, logger: logger)
        let before = try rig.cupsd.jobs("gone", which: "all").count
        let quick = ContinuousClock.now
        do {
            _ = try await direct.printTicket(examplePrintout())
            Issue.record("printed to a printer that is not there")
        } catch {
            #expect(error.reason == "offline")
        }
        #expect(ContinuousClock.now - quick < .seconds(3))
        #expect(try rig.cupsd.jobs("gone", which: "all").count == before, "no job was submitted")
    }

    @Test func paperEndBeforeTheJobRefusesItAndKeepsNothingInCUPS() async throws {
        guard let rig = startRig("paper-end") else { return }
        let printer = CUPSPrinter(settings: rig.settings(), profile: .epsonTMT20, logger: logger)
        do {
            _ = try await printer.printTicket(examplePrintout())
            Issue.record("printed without paper")
        } catch {
            #expect(error.reason == "media-empty")
            #expect(error.message[.german] == "Der Drucker hat kein Papier mehr.")
            #expect(error.preview.contains { $0.contains("Personalausweis beantragen") })
        }
        #expect(try rig.cupsd.jobs(rig.queue, which: "all").isEmpty)
        #expect(!rig.emulator.events.contains { $0.hasPrefix("held") || $0.hasPrefix("printed") })
        #expect(await printer.status().conditions == [.paperEnd])
    }

    @Test func paperEndDuringTheJobIsReportedAndTheRestNeverPrintsOnItsOwn() async throws {
        guard let rig = startRig("ok paper-after=100") else { return }
        let printer = CUPSPrinter(settings: rig.settings(), profile: .epsonTMT20, logger: logger)
        let printout = examplePrintout()
        let expected = expectedBytes(printout)
        do {
            _ = try await printer.printTicket(printout)
            Issue.record("the whole ticket printed although the paper ran out")
        } catch {
            #expect(error.reason == "media-empty")
        }
        #expect(rig.emulator.recorded == Array(expected.prefix(100)))
        #expect(rig.emulator.events.contains("clear \(expected.count - 100)"), "the rest was dropped from the printer's buffer")

        // Paper loaded: the half ticket does not finish by itself; printing it again gives one whole ticket.
        try rig.emulator.setState("ok")
        try await Task.sleep(for: .milliseconds(200))
        #expect(rig.emulator.recorded.count == 100)
        _ = try await printer.printTicket(printout)
        #expect(rig.emulator.waitForRecorded(count: 100 + expected.count) == Array(expected.prefix(100)) + expected)
    }

    @Test func paperNearEndPrintsAndWarns() async throws {
        guard let rig = startRig("near-end") else { return }
        let printer = CUPSPrinter(settings: rig.settings(), profile: .epsonTMT20, logger: logger)
        let printout = examplePrintout()
        _ = try await printer.printTicket(printout)
        #expect(rig.emulator.waitForRecorded(count: expectedBytes(printout).count) == expectedBytes(printout))

        let monitor = PrinterStatusMonitor(printer: printer, interval: .seconds(60), logger: logger)
        let status = await monitor.refresh()
        #expect(status.conditions == [.paperNearEnd])
        #expect(monitor.latest?.health == DeviceHealth(device: "printer", status: "media-low", severity: .warning))

        try rig.emulator.setState("cover-open")
        #expect(await monitor.refresh().conditions == [.coverOpen])
        do {
            _ = try await printer.printTicket(examplePrintout())
            Issue.record("printed with the cover open")
        } catch {
            #expect(error == .coverOpen || error.reason == "cover-open")
        }
    }

    @Test func aStoppedQueueIsReportedWithWhatToDo() async throws {
        guard let rig = startRig() else { return }
        try rig.cupsd.run("/usr/sbin/cupsdisable", [rig.queue])
        let printer = CUPSPrinter(settings: rig.settings(directStatus: false, jobTimeout: .seconds(10)), profile: .epsonTMT20, logger: logger)
        #expect(await printer.status().conditions == [.stopped])
        await #expect {
            _ = try await printer.print(expectedBytes(examplePrintout()), jobName: "kiosk-stopped")
        } throws: { error in
            (error as? CUPSError)?.reason == "stopped" && "\(error)".contains("cupsenable ticket")
        }
        #expect(try rig.cupsd.jobs(rig.queue).isEmpty, "the job was cancelled, not left to print after cupsenable")
        #expect(rig.emulator.recorded.isEmpty)
    }
}

import Foundation
import KioskCore
import PrintingTesting
import Testing
@testable import Printing

@Suite struct TicketLayoutTests {
    static let printout = TicketPrintout(
        siteName: "Bürgerbüro Musterstadt", serviceName: "Meldebescheinigung", number: "M 017",
        issued: "23.11.2026, 09:15 Uhr", estimate: "ca. 15 Min.",
        instructions: ["Bitte warten Sie, bis Ihre Nummer aufgerufen wird.", "Please wait until your number is called."],
        followLink: "https://kiosk.example/q/1f0e", terminal: "musterstadt-t1")

    @Test(arguments: [PrinterProfile.epsonTMT20, .generic58mm, .bixolonSRP350])
    func ticketDecodesToItsTextQRAndCut(profile: PrinterProfile) throws {
        let bytes = ESCPOSEncoder(profile: profile).encode(TicketLayout.document(Self.printout))
        let items = try ESCPOSDecoder().decode(bytes)
        let text = items.textLines.joined(separator: " ")
        for expected in ["Meldebescheinigung", "M 017", "23.11.2026, 09:15 Uhr", "ca. 15 Min.", "musterstadt-t1",
                         "Please wait until your number is called."] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
        #expect(items.qrCodes.map(\.payload) == ["https://kiosk.example/q/1f0e"])
        #expect(items.cuts.count == (profile.hasCutter ? 1 : 0))
        let preview = TextPreview(profile: profile).render(TicketLayout.document(Self.printout))
        #expect(preview.allSatisfy { $0.count == profile.charactersPerLine })
    }

    @Test func emulatedPrinterAppendsWholeJobsAndCanSimulatePaperEnd() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("printer-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: file) }
        let printer = EmulatedTicketPrinter(output: file, profile: .epsonTMT20)
        _ = try await printer.printTicket(Self.printout)
        _ = try await printer.printTicket(Self.printout)
        let once = ESCPOSEncoder(profile: .epsonTMT20).encode(TicketLayout.document(Self.printout))
        #expect(try [UInt8](Data(contentsOf: file)) == once + once, "two byte-exact jobs")
        printer.simulate(.paperEnd)
        do {
            _ = try await printer.printTicket(Self.printout)
            Issue.record("printed without paper")
        } catch {
            #expect(error.reason == "media-empty")
            #expect(!error.preview.isEmpty)
        }
        #expect(try [UInt8](Data(contentsOf: file)) == once + once, "a failed job writes nothing")
    }
}

import KioskCore
import Testing

/// The terminal's `printer:` section: the emulated twin, a CUPS queue, and mistakes reported where they are.
@Suite struct TerminalConfigurationTests {
    func parse(_ printer: String) throws(CatalogError) -> TerminalConfiguration.PrinterSettings {
        try TerminalConfiguration.parse(yaml: "terminal: { id: t1 }\n" + printer, source: "terminal.yaml").printer
    }

    @Test func withoutASectionTheEmulatedPrinterIsUsed() throws {
        let printer = try parse("")
        #expect(printer.kind == "emulated")
        #expect(printer.queue == nil)
    }

    @Test func aCUPSQueueWithItsServerAndStatusPort() throws {
        let printer = try parse(
            """
            printer:
              kind: cups
              server: localhost:631
              queue: TM-T20_Foyer
              status: 192.168.10.40:9100
              profile: epson-tm-t20
              jobTimeoutSeconds: 20
              statusIntervalSeconds: 15
            """)
        #expect(printer.kind == "cups")
        #expect(printer.server == "localhost:631")
        #expect(printer.queue == "TM-T20_Foyer")
        #expect(printer.status == "192.168.10.40:9100")
        #expect(printer.jobTimeoutSeconds == 20)
        #expect(printer.statusIntervalSeconds == 15)
    }

    @Test func mistakesNameTheFieldInBothLanguages() {
        func message(_ yaml: String) -> String {
            do {
                _ = try parse(yaml)
                return "accepted"
            } catch {
                return error.description
            }
        }
        #expect(message("printer: { kind: cups }").contains("printer.queue fehlt"))
        #expect(message("printer: { kind: cups }").contains("printer.queue is missing"))
        #expect(message("printer: { kind: usb }").contains("allowed: emulated, cups"))
        #expect(message("printer: { kind: cups, queue: 'a b' }").contains("printer.queue 'a b'"))
        #expect(message("printer: { kind: cups, queue: t, status: 'drucker:99999' }").contains("printer.status expects host:port"))
        #expect(message("printer: { kind: cups, queue: t, jobTimeoutSeconds: 1 }") != "accepted")
    }
}

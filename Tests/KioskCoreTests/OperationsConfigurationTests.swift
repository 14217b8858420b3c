import KioskCore
import Testing

/// The terminal's `metrics:` and `technician:` sections.
@Suite struct OperationsConfigurationTests {
    func parse(_ yaml: String) throws(CatalogError) -> TerminalConfiguration {
        try TerminalConfiguration.parse(yaml: "terminal: { id: t1 }\n" + yaml, source: "terminal.yaml")
    }

    @Test func metricsListenOnLoopbackByDefaultOnAChosenPortOrNotAtAll() throws {
        #expect(try parse("").metrics == TerminalConfiguration.LoopbackEndpoint(host: "127.0.0.1", port: 9464))
        #expect(try parse("metrics: { listen: \"127.0.0.1:19464\" }").metrics == TerminalConfiguration.LoopbackEndpoint(host: "127.0.0.1", port: 19464))
        #expect(try parse("metrics: { listen: \"[::1]:9464\" }").metrics == TerminalConfiguration.LoopbackEndpoint(host: "::1", port: 9464))
        #expect(try parse("metrics: { listen: off }").metrics == nil)
    }

    @Test func metricsRefuseAnAddressBeyondTheMachine() {
        for listen in ["0.0.0.0:9464", "192.168.1.5:9464", "127.0.0.1", "127.0.0.1:0", "localhost:70000"] {
            #expect(throws: CatalogError.self, "\(listen)") { try parse("metrics: { listen: \"\(listen)\" }") }
        }
    }

    @Test func theTechnicianPINIsABcryptHashOrNothing() throws {
        let hash = "$2b$10$" + String(repeating: "a", count: 53)
        #expect(try parse("technician:\n  pinHash: \"\(hash)\"\n").technicianPINHash == hash)
        #expect(try parse("").technicianPINHash == nil)
        #expect(throws: CatalogError.self) { try parse("technician:\n  pinHash: \"246813\"\n") }
    }
}

import KioskCore
import Testing

@Suite struct TerminalCentralConfigurationTests {
    static func yaml(central: String) -> String {
        """
        terminal:
          id: t1
        central:
        \(central)
        """
    }

    @Test func theIdentityFilesAreReadFromCentralTLS() throws {
        let configuration = try TerminalConfiguration.parse(
            yaml: Self.yaml(central: "  url: https://central.example:8443\n  tls:\n    key: id/key.pem\n    certificate: id/t1.pem\n    ca: id/ca.pem"),
            source: "terminal.yaml")
        #expect(configuration.central?.tls == TerminalConfiguration.IdentityFiles(key: "id/key.pem", certificate: "id/t1.pem", ca: "id/ca.pem"))
        let defaults = try TerminalConfiguration.parse(
            yaml: Self.yaml(central: "  url: https://central.example:8443\n  tls: {}"), source: "terminal.yaml")
        #expect(defaults.central?.tls?.key == "identity/terminal-key.pem")
        let plain = try TerminalConfiguration.parse(yaml: Self.yaml(central: "  url: http://127.0.0.1:8480"), source: "terminal.yaml")
        #expect(plain.central?.tls == nil)
    }

    @Test func aClientCertificateOverPlainHTTPIsAConfigurationError() {
        do {
            _ = try TerminalConfiguration.parse(
                yaml: Self.yaml(central: "  url: http://127.0.0.1:8480\n  tls:\n    key: k.pem"), source: "terminal.yaml")
            Issue.record("accepted central.tls with an http:// URL")
        } catch {
            #expect(error.line == 4, "points at central.url")
            #expect(error.description.contains("https://"))
        }
    }
}

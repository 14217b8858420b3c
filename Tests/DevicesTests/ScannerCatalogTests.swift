import Foundation
import KioskCore
import Testing
@testable import Devices

@Suite struct ScannerCatalogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theCommittedScannersCarryTheirModeLayoutAndCommand() throws {
        let catalog = try DeviceCatalog.load(directory: Self.repository.appendingPathComponent("Devices"))
        let honeywell = try #require(catalog.models["honeywell-voyager-1450g"])
        #expect(honeywell.kind == .scanner)
        #expect(honeywell.usb?.vendor == "0c2e")
        #expect(honeywell.scanner?.mode == .hidPOS)
        #expect(honeywell.scanner?.enableCommand == [0xFE, 0x01])
        #expect(honeywell.scanner?.endpoint == 0x81)
        let zebra = try #require(catalog.models["zebra-ds2208"])
        #expect(zebra.usb?.vendor == "05e0")
        #expect(zebra.scanner == ScannerCapabilities(mode: .keyboardWedge, layout: .german))
        let datalogic = try #require(catalog.models["datalogic-quickscan-qd2430"])
        #expect(datalogic.usb?.vendor == "05f9")
        #expect(datalogic.scanner?.layout == .usEnglish)
        #expect(datalogic.scanner?.enableCommand == nil)
    }

    @Test func optionalFieldsTakeTheirDefaults() throws {
        let model = try DeviceCatalog.parse(
            yaml: "id: s\nkind: scanner\nname: S\nusb: { vendor: \"0c2e\", product: \"0001\" }\nscanner: { mode: hid-pos }\n",
            source: "s.yaml")
        #expect(model.scanner == ScannerCapabilities(mode: .hidPOS, layout: nil, enableCommand: nil, interface: 0, endpoint: 0x81))
    }

    static let head = "id: s\nkind: scanner\nname: S\nusb: { vendor: \"0c2e\", product: \"0001\" }\n"

    @Test(arguments: [
        (head + "scanner:\n  mode: serial\n", 6, "hid-pos or keyboard-wedge"),
        (head + "scanner:\n  mode: keyboard-wedge\n", 6, "needs scanner.layout"),
        (head + "scanner:\n  mode: keyboard-wedge\n  layout: fr-FR\n", 7, "de-DE or en-US"),
        (head + "scanner:\n  mode: hid-pos\n  layout: de-DE\n", 7, "keyboard-wedge only"),
        (head + "scanner:\n  mode: hid-pos\n  enableCommand: fe0\n", 7, "hex bytes"),
        (head + "scanner:\n  mode: keyboard-wedge\n  layout: de-DE\n  enableCommand: fe01\n", 8, "hid-pos only"),
        (head + "scanner:\n  mode: hid-pos\n  endpoint: \"02\"\n", 7, "IN endpoint"),
        (head, 1, "field 'scanner' is missing"),
        ("id: s\nkind: scanner\nname: S\nscanner: { mode: hid-pos }\n", 2, "needs usb"),
    ] as [(String, Int, String)])
    func brokenScannerEntriesNameTheLine(yaml: String, line: Int, problem: String) {
        do {
            _ = try DeviceCatalog.parse(yaml: yaml, source: "s.yaml")
            Issue.record("accepted a broken entry")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(problem), "\(error)")
        }
    }
}

import Foundation
import KioskCore
import Testing
@testable import Devices

@Suite struct DeviceCatalogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theCommittedCatalogLoadsWithTheRequiredPrinters() throws {
        let catalog = try DeviceCatalog.load(directory: Self.repository.appendingPathComponent("Devices"))
        let printers = catalog.models.values.filter { $0.kind == .printer }
        #expect(Set(printers.map(\.id)).isSuperset(of: ["epson-tm-t20", "epson-tm-t88", "generic-58mm"]))
        #expect(catalog.models["epson-tm-t20"]?.usb == USBID(vendor: "04b8", product: "0e03"))
        #expect(catalog.models["generic-58mm"]?.printer?.columns == 32)
        #expect(printers.allSatisfy { ($0.printer?.codePages.contains("pc858")) == true })
    }

    @Test(arguments: [
        ("id: x\nkind: toaster\nname: X\n", 2, "Unknown device kind"),
        ("id: x\nkind: printer\nname: X\nusb: { vendor: 4b8, product: 0e03 }\n", 4, "4 hex digits"),
        ("id: x\nkind: printer\nname: X\nprinter: { paperWidthMillimetres: 80, dotsPerLine: 576, columns: 48, codePages: [pc858], cutter: laser }\n", 4, "cutter"),
    ] as [(String, Int, String)])
    func brokenEntriesNameTheLine(yaml: String, line: Int, problem: String) {
        do {
            _ = try DeviceCatalog.parse(yaml: yaml, source: "x.yaml")
            Issue.record("accepted a broken entry")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(problem), "\(error)")
        }
    }
}

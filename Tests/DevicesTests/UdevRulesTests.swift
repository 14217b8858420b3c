import Foundation
import KioskCore
import Testing
@testable import Devices

@Suite struct UdevRulesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theCommittedRulesAreWhatTheCatalogGives() throws {
        let catalog = try DeviceCatalog.load(directory: Self.repository.appendingPathComponent("Devices"))
        let committed = try String(
            contentsOf: Self.repository.appendingPathComponent("udev").appendingPathComponent(UdevRules.fileName), encoding: .utf8)
        #expect(committed == UdevRules.render(catalog), "run: kioskctl udev-rules > udev/\(UdevRules.fileName)")
    }

    @Test func everyDrivenUSBModelHasOneRuleAndPrintersNone() throws {
        let catalog = try DeviceCatalog.load(directory: Self.repository.appendingPathComponent("Devices"))
        let rules = UdevRules.render(catalog).split(separator: "\n").filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let driven = catalog.models.values.filter { ($0.kind == .scanner || $0.kind == .signaturePad) && $0.usb != nil }
        #expect(rules.count == driven.count)
        for model in driven {
            let usb = try #require(model.usb)
            #expect(rules.filter { $0.contains("ATTR{idVendor}==\"\(usb.vendor)\", ATTR{idProduct}==\"\(usb.product)\"") }.count == 1, "\(model.id)")
        }
        for printer in catalog.models.values where printer.kind == .printer {
            #expect(!rules.contains { $0.contains("ATTR{idProduct}==\"\(printer.usb?.product ?? "-")\"") }, "\(printer.id)")
        }
        // Each rule is a comma-separated list of KEY{attr}=="value" matches and assignments, as udev reads them.
        let pair = /(SUBSYSTEM|ENV\{[A-Z_]+\}|ATTR\{[A-Za-z]+\})=="[^"]*"|(GROUP|MODE)="[^"]*"|SYMLINK\+="kiosk\/[a-z0-9-]+"/
        for rule in rules {
            let parts = rule.split(separator: ", ").map(String.init)
            #expect(parts.allSatisfy { $0.wholeMatch(of: pair) != nil }, "\(rule)")
            #expect(parts.contains("GROUP=\"kiosk\"") && parts.contains("MODE=\"0660\""))
        }
    }

    @Test func aModelWithoutUSBIdsGetsNoRule() {
        let catalog = DeviceCatalog(models: [DeviceModel(id: "pad", kind: .signaturePad, name: "Pad", usb: nil, printer: nil)])
        #expect(!UdevRules.render(catalog).contains("SUBSYSTEM"))
    }
}

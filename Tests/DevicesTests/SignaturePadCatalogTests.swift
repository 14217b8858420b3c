import Devices
import Foundation
import KioskCore
import Testing

/// The signature pad section of the catalog, and the emulated pad.
@Suite struct SignaturePadCatalogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func theThreeWacomPadsAreInTheCatalog() throws {
        let catalog = try DeviceCatalog.load(directory: Self.repository.appendingPathComponent("Devices"))
        let pads = catalog.models.values.filter { $0.kind == .signaturePad }.sorted { $0.id < $1.id }
        #expect(pads.map(\.id) == ["wacom-stu-430", "wacom-stu-530", "wacom-stu-540"])
        #expect(pads.map { $0.usb?.product } == ["00a4", "00a5", "00a8"])
        #expect(pads.allSatisfy { $0.usb?.vendor == "056a" && $0.signaturePad?.family == .wacomSTU })
        #expect(pads.map { $0.signaturePad?.imageFormat } == [.monochrome, .bgr24, .bgr24])
        #expect(pads[0].signaturePad?.screenWidth == 320 && pads[1].signaturePad?.screenHeight == 480)
    }

    @Test func aBrokenEntryNamesItsLine() {
        let yaml = """
            id: pad
            kind: signature-pad
            name: Pad
            usb: { vendor: "056a", product: "00a4" }
            signaturePad:
              family: wacom-stu
              imageFormat: 8bit
              screenWidth: 320
              screenHeight: 200
            """
        do {
            _ = try DeviceCatalog.parse(yaml: yaml, source: "pad.yaml")
            Issue.record("an unknown image format must be refused")
        } catch {
            #expect(error.line == 7)
            #expect(error.problem[.english].contains("imageFormat"))
        }
        let noUSB = "id: pad\nkind: signature-pad\nname: Pad\nsignaturePad: { family: wacom-stu, imageFormat: 1bit, screenWidth: 320, screenHeight: 200 }\n"
        #expect(throws: CatalogError.self) { try DeviceCatalog.parse(yaml: noUSB, source: "pad.yaml") }
    }

    @Test func theEmulatedPadPlaysItsScriptedCaptures() async throws {
        let stroke = [PenSample(x: 100, y: 2000, pressure: 300, time: 0), PenSample(x: 900, y: 2100, pressure: 400, time: 5)]
        let pad = EmulatedSignaturePad(captures: [[.stroke(stroke), .drop(2), .stroke(stroke), .confirm], [.stroke(stroke), .unplug]])
        var events: [SignatureEvent] = []
        for await event in try await pad.begin(SignaturePrompt(amount: Money(cents: 500))) { events.append(event) }
        #expect(events.count == 8)
        guard case .confirmed(let signature) = events.last else {
            Issue.record("no signature: \(events)")
            return
        }
        #expect(signature.strokes == [stroke, stroke] && signature.droppedReports == 2)
        var second: [SignatureEvent] = []
        for await event in try await pad.begin(SignaturePrompt()) { second.append(event) }
        #expect(second.last == .detached(device: "emulated-signature-pad"))
        #expect(!second.contains { if case .confirmed = $0 { true } else { false } })
        await #expect(throws: SignatureCaptureError.notConnected) { _ = try await pad.begin(SignaturePrompt()) }
        #expect(pad.shownPrompts.first?.amount == Money(cents: 500))
    }
}

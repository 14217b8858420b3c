import Devices
import KioskCore
import Printing
import Testing
import USBDevices

/// The STU report encoding and the pen decoder, without USB.
@Suite struct WacomSTUTests {
    static let layout = SignaturePadLayout(
        tabletMaxX: 9600, tabletMaxY: 6000, maxPressure: 1023, resolution: 2540, screenWidth: 320, screenHeight: 200)

    static func pen(_ x: Int, _ y: Int, _ pressure: Int, touching: Bool, time: UInt16, sequence: UInt16) -> [UInt8] {
        [
            0x34, 0x80 | (touching ? 0x10 : 0) | UInt8(pressure >> 8 & 0x0F), UInt8(pressure & 0xFF), UInt8(x >> 8),
            UInt8(x & 0xFF), UInt8(y >> 8), UInt8(y & 0xFF), UInt8(time >> 8), UInt8(time & 0xFF), UInt8(sequence >> 8),
            UInt8(sequence & 0xFF),
        ]
    }

    @Test func capabilityAndStatusDecode() throws {
        let capability = try #require(
            WacomSTUReports.capability([0x09, 0x25, 0x80, 0x17, 0x70, 0x03, 0xFF, 0x01, 0x40, 0x00, 0xC8, 0xC8, 0x09, 0xEC, 0x02, 0, 0]))
        #expect(capability.layout == Self.layout)
        #expect(capability.maxReportRate == 200 && capability.encodingFlags == 2)
        #expect(WacomSTUReports.capability([0x09, 0x00]) == nil)
        #expect(WacomSTUReports.status([0x03, 0x00, 0x00, 0, 0]) == .ready)
        #expect(WacomSTUReports.status([0x03, 0x01, 0x00, 0, 0]) == .busy)
        #expect(WacomSTUReports.status([0x03, 0x00, 0x02, 0, 0]) == .refused)
    }

    @Test func penReportsDecodeBothForms() throws {
        let timed = try #require(WacomSTUReports.pen(Self.pen(0x1234, 0x0567, 0x3FF, touching: true, time: 0xFFFE, sequence: 9)))
        #expect(timed.ready && timed.touching && timed.pressure == 1023 && timed.x == 0x1234 && timed.y == 0x567)
        #expect(timed.timeCount == 0xFFFE && timed.sequence == 9)
        let plain = try #require(WacomSTUReports.pen([0x01, 0x80, 0x00, 0x00, 0x10, 0x00, 0x20]))
        #expect(!plain.touching && plain.x == 16 && plain.y == 32 && plain.sequence == nil)
        #expect(WacomSTUReports.pen([0x34, 0x80, 0, 0, 0, 0, 0]) == nil, "report 34 cut short")
    }

    @Test func strokesGapsAndAnOKTap() {
        var decoder = WacomSTUPenDecoder(layout: Self.layout, device: "wacom-stu-430")
        var events: [SignatureEvent] = []
        var sequence: UInt16 = 65534  // the sequence wraps inside this capture
        var time: UInt16 = 65530
        func feed(_ x: Int, _ y: Int, _ pressure: Int, _ touching: Bool, skip: UInt16 = 0) {
            sequence = sequence &+ 1 &+ skip
            time = time &+ 5 &* (1 + skip)
            decoder.feed(Self.pen(x, y, pressure, touching: touching, time: time, sequence: sequence), into: &events)
        }
        feed(1000, 2500, 300, true)
        feed(1400, 2600, 400, true)
        feed(1400, 2600, 0, false)
        feed(3000, 2000, 300, true, skip: 4)
        feed(3000, 2000, 0, false)
        #expect(events == [
            .point(PenSample(x: 1000, y: 2500, pressure: 300, time: 0)), .point(PenSample(x: 1400, y: 2600, pressure: 400, time: 5)),
            .strokeEnded, .droppedReports(count: 4), .point(PenSample(x: 3000, y: 2000, pressure: 300, time: 35)), .strokeEnded,
        ])
        events.removeAll()
        // A tap that starts on OK but slides off is no tap.
        feed(8000, 5400, 500, true)
        feed(3000, 5400, 500, true)
        feed(3000, 5400, 0, false)
        #expect(events.isEmpty && !decoder.isFinished)
        feed(8000, 5400, 500, true)
        feed(8000, 5400, 0, false)
        guard case .confirmed(let signature) = events.last else {
            Issue.record("no confirmation: \(events)")
            return
        }
        #expect(signature.strokes.map(\.count) == [2, 1] && signature.droppedReports == 4)
        #expect(decoder.isFinished)
        events.removeAll()
        feed(1000, 2500, 300, true)
        #expect(events.isEmpty, "nothing after the capture ended")
    }

    @Test func okOnAnEmptyPadDoesNothingAndCancelEndsWithoutASignature() {
        var decoder = WacomSTUPenDecoder(layout: Self.layout, device: "wacom-stu-430")
        var events: [SignatureEvent] = []
        decoder.feed(Self.pen(8000, 5400, 500, touching: true, time: 0, sequence: 1), into: &events)
        decoder.feed(Self.pen(8000, 5400, 0, touching: false, time: 5, sequence: 2), into: &events)
        #expect(events.isEmpty)
        decoder.feed(Self.pen(2000, 5400, 500, touching: true, time: 10, sequence: 3), into: &events)
        decoder.feed(Self.pen(2000, 5400, 0, touching: false, time: 15, sequence: 4), into: &events)
        #expect(events == [.cancelled])
    }

    @Test func imagesInThePadFormats() throws {
        let image = try #require(PadScreenImage(width: 16, height: 2, packedRows: [0x80, 0x00, 0x00, 0x01]))
        #expect(WacomSTUImage.encode(image, format: .monochrome) == [0x7F, 0xFF, 0xFF, 0xFE])
        let bgr = WacomSTUImage.encode(image, format: .bgr24)
        #expect(bgr.count == 16 * 2 * 3 && bgr[0..<6] == [0, 0, 0, 0xFF, 0xFF, 0xFF])
        #expect(WacomSTUImage.encode(image, format: .rgb565).count == 64)
        let upload = WacomSTUReports.imageUpload(image, format: .monochrome)
        #expect(upload.first == [0x25, 0x00] && upload.last == [0x27, 0x00])
        #expect(upload[1].count == 256 && upload[1][0...6] == [0x26, 4, 0, 0x7F, 0xFF, 0xFF, 0xFE])
    }

    @Test func thePromptImageOnTheSTU430IsUploadedIn32Blocks() {
        let image = SignaturePromptImage.render(SignaturePrompt(amount: Money(cents: 1250)), layout: Self.layout)
        #expect(image.width == 320 && image.height == 200)
        // Button frames where the taps count, text in the header, the signing area otherwise empty but its line.
        let ok = Self.layout.confirmArea
        #expect(image[x: ok.x, y: ok.y + 5] && image[x: ok.x + ok.width - 1, y: ok.y + 5])
        #expect((0..<320).contains { image[x: $0, y: 15] }, "the instruction line")
        #expect(!(0..<320).contains { image[x: $0, y: 80] }, "the signing area is clear")
        let blocks = WacomSTUReports.imageUpload(image, format: .monochrome)
        #expect(blocks.count == 1 + 32 + 1)
        #expect(blocks.dropFirst().dropLast().reduce(0) { $0 + Int($1[1]) | Int($1[2]) << 8 } == 8000)
    }
}

import KioskCore
import KioskTesting
import Printing
import PrintingTesting
import Testing

/// Decoding what printers and CUPS report into the kiosk's printer conditions; no peers needed.
@Suite struct PrinterStatusTests {
    @Test(
        "DLE EOT replies as the Epson manual defines them",
        arguments: [
            ([0x12, 0x12, 0x12, 0x12], [PrinterStatus.Condition]()),
            ([0x12, 0x12, 0x12, 0x1E], [.paperNearEnd]),  // n=4 bits 2-3: near end
            ([0x12, 0x12, 0x12, 0x16], [.paperNearEnd]),  // one near-end sensor bit is enough
            ([0x1A, 0x32, 0x12, 0x7E], [.paperEnd]),  // offline, stopped at paper end, sensor empty
            ([0x12, 0x12, 0x12, 0x72], [.paperEnd]),  // sensor says empty before the printer stops
            ([0x1A, 0x16, 0x12, 0x12], [.coverOpen]),  // offline because the cover is open
            ([0x1A, 0x12, 0x12, 0x12], [.offline]),  // offline without a known cause
            ([0x1A, 0x52, 0x1A, 0x12], [.error]),  // error bit, autocutter error
            ([0x1A, 0x36, 0x12, 0x7E], [.paperEnd, .coverOpen]),
        ] as [([UInt8], [PrinterStatus.Condition])])
    func realTimeStatus(replies: [UInt8], expected: [PrinterStatus.Condition]) throws {
        let status = try #require(RealTimeStatus(replies: replies))
        #expect(status.status.conditions == expected)
    }

    @Test func bytesWithoutTheFixedBitsAreNoStatus() {
        #expect(RealTimeStatus(replies: [0x12, 0x12, 0x12]) == nil)
        #expect(RealTimeStatus(replies: [0x12, 0x12, 0x12, 0x00]) == nil)  // bits 1 and 4 missing
        #expect(RealTimeStatus(replies: [0x93, 0x12, 0x12, 0x12]) == nil)  // bits 0 and 7 set
        #expect(RealTimeStatus(replies: Array("OK\r\n".utf8)) == nil)
    }

    @Test func severityHealthAndFailureFollowTheWorstCondition() {
        #expect(PrinterStatus.ok.health == DeviceHealth(device: "printer", status: "ok", severity: .ok))
        #expect(PrinterStatus.ok.failure == nil)
        let low = PrinterStatus(conditions: [.paperNearEnd])
        #expect(low.isReady)
        #expect(low.health == DeviceHealth(device: "printer", status: "media-low", severity: .warning))
        let empty = PrinterStatus(conditions: [.paperNearEnd, .coverOpen, .paperEnd])
        #expect(empty.conditions == [.paperEnd, .coverOpen, .paperNearEnd])
        #expect(empty.health == DeviceHealth(device: "printer", status: "media-empty", severity: .error))
        #expect(empty.failure?.reason == "media-empty")
        #expect(empty.failure?.message[.german] == "Der Drucker hat kein Papier mehr.")
        #expect(PrinterStatus(conditions: [.coverOpen]).failure == .coverOpen)
    }

    @Test func cupsReasonsMapWhateverTheirSuffix() {
        func conditions(_ state: Int32, _ reasons: [String], accepting: Bool = true) -> [PrinterStatus.Condition] {
            CUPSQueueState(state: state, reasons: reasons, message: "", acceptingJobs: accepting).status.conditions
        }
        #expect(conditions(3, ["none"]).isEmpty)
        #expect(conditions(4, ["connecting-to-device"]).isEmpty)
        #expect(conditions(3, ["media-empty-error"]) == [.paperEnd])
        #expect(conditions(3, ["media-needed"]) == [.paperEnd])
        #expect(conditions(3, ["media-low-report"]) == [.paperNearEnd])
        #expect(conditions(3, ["cover-open-warning", "offline-report"]) == [.coverOpen, .offline])
        #expect(conditions(5, ["paused"]) == [.stopped])
        #expect(conditions(3, [], accepting: false) == [.stopped])
        #expect(conditions(3, ["marker-supply-empty-error"]) == [.error])
        #expect(conditions(3, ["marker-supply-low-warning"]).isEmpty, "a warning nobody maps is no fault")
    }

    @Test func statusesFromBothSourcesMerge() {
        let cups = CUPSQueueState(state: 3, reasons: [], message: "Ready", acceptingJobs: true).status
        let direct = RealTimeStatus(replies: [0x12, 0x12, 0x12, 0x1E])!.status
        let merged = cups.merged(with: direct)
        #expect(merged.conditions == [.paperNearEnd])
        #expect(merged.details.contains("DLE EOT: 12 12 12 1E"))
        #expect(merged.details.contains("CUPS message: Ready"))
    }

    @Test func endpointsParseHostAndPort() {
        #expect(NetworkEndpoint("192.168.1.50:9100", defaultPort: 631) == NetworkEndpoint(host: "192.168.1.50", port: 9100))
        #expect(NetworkEndpoint("drucker", defaultPort: 9100) == NetworkEndpoint(host: "drucker", port: 9100))
        #expect(NetworkEndpoint(":9100", defaultPort: 1) == nil)
        #expect(NetworkEndpoint("host:0", defaultPort: 1) == nil)
        #expect(NetworkEndpoint("host:99999", defaultPort: 1) == nil)
        #expect(NetworkEndpoint("a b:1", defaultPort: 1) == nil)
    }
}

/// The printer's view of its input: real-time requests between commands, data everywhere else.
@Suite struct RealTimeCommandSplitterTests {
    /// Everything the splitter produced, with neighbouring data pieces joined.
    func split(_ chunks: [[UInt8]]) -> [RealTimeCommandSplitter.Piece] {
        var splitter = RealTimeCommandSplitter()
        var pieces = chunks.flatMap { splitter.feed($0) } + splitter.finish()
        var joined: [RealTimeCommandSplitter.Piece] = []
        for piece in pieces {
            if case .data(let more) = piece, case .data(let before)? = joined.last {
                joined[joined.count - 1] = .data(before + more)
            } else {
                joined.append(piece)
            }
        }
        pieces = joined
        return pieces
    }

    @Test func requestsBetweenCommandsAreAnsweredNotPrinted() {
        let job = ESCPOSEncoder(profile: .epsonTMT20).encode(PrintDocument([.text("A 017"), .cut(partial: true)]))
        let stream = [0x10, 0x04, 0x01] + job + [0x10, 0x04, 0x04] + RealTimeCommandSplitter.clearBuffers
        #expect(split([stream]) == [.statusRequest(1), .data(job), .statusRequest(4), .clearBuffers])
    }

    @Test func theSameBytesInsideCommandDataArePrinted() throws {
        // A QR payload, a raster image and barcode data that contain DLE EOT n and DLE DC4 8 byte for byte.
        let image = try #require(MonochromeBitmap(width: 24, height: 2, packedRows: [0x10, 0x04, 0x02, 0x10, 0x04, 0x01]))
        let document = PrintDocument([
            .qrCode("\u{10}\u{04}\u{01}\u{10}\u{14}\u{08}\u{01}\u{03}\u{14}\u{01}\u{06}\u{02}\u{08}"),
            .image(image),
            .text("ok"),
        ])
        let job = ESCPOSEncoder(profile: .epsonTMT20).encode(document)
        #expect(job.count > 40)
        #expect(split([job]) == [.data(job)])
        #expect(split([job + [0x10, 0x04, 0x03]]) == [.data(job), .statusRequest(3)])
    }

    @Test func chunkBoundariesChangeNothing() {
        var random = SeededRandomNumberGenerator(seed: 0x5EED)
        var generator = RandomDocumentGenerator(seed: 17)
        for _ in 0..<60 {
            let first = ESCPOSEncoder(profile: .epsonTMT20).encode(generator.document())
            let second = ESCPOSEncoder(profile: .epsonTMT88).encode(generator.document())
            let stream = first + [0x10, 0x04, 0x02] + second + [0x10, 0x04, 0x04]
            var chunks: [[UInt8]] = []
            var position = 0
            while position < stream.count {
                let size = Int.random(in: 1...40, using: &random)
                chunks.append(Array(stream[position..<min(stream.count, position + size)]))
                position += size
            }
            #expect(split(chunks) == [.data(first), .statusRequest(2), .data(second), .statusRequest(4)])
        }
    }

    @Test func dataIsHandedOutWithoutWaitingForTheEnd() {
        var splitter = RealTimeCommandSplitter()
        #expect(splitter.feed(Array("Hallo\n".utf8)) == [.data(Array("Hallo\n".utf8))])
        // A DLE at the end may begin a request: it waits for the next byte.
        #expect(splitter.feed([0x41, 0x10]) == [.data([0x41])])
        #expect(splitter.feed([0x04, 0x01]) == [.statusRequest(1)])
    }
}

public import Devices
public import KioskCore

/// The Wacom STU HID reports the driver uses, as bytes (notes/devices.md, from the STU SDK's Protocol.hpp).
/// Multi-byte fields of pen data and the capability report are big-endian; image block lengths little-endian.
public enum WacomSTUReports {
    /// Report ids.
    public enum ID {
        /// Pen data without time stamp.
        public static let penData: UInt8 = 0x01
        /// Status (GET).
        public static let status: UInt8 = 0x03
        /// Capability (GET).
        public static let capability: UInt8 = 0x09
        /// Clear the screen.
        public static let clearScreen: UInt8 = 0x20
        /// Inking on or off.
        public static let inkingMode: UInt8 = 0x21
        /// Start an image upload.
        public static let startImageData: UInt8 = 0x25
        /// One block of image data.
        public static let imageDataBlock: UInt8 = 0x26
        /// End (commit or abandon) an image upload.
        public static let endImageData: UInt8 = 0x27
        /// Which pen data report the pad sends.
        public static let penDataOptionMode: UInt8 = 0x32
        /// Pen data with time count and sequence number.
        public static let penDataTimeCountSequence: UInt8 = 0x34
    }

    /// Length of the capability report including its id.
    public static let capabilityLength = 17
    /// Length of the status report including its id.
    public static let statusLength = 5
    /// Image data bytes in one block report (a block report is 256 bytes: id, length, data).
    public static let imageBlockPayload = 253

    /// Switch pen data to report 34 (time count and sequence), so dropped reports can be seen.
    public static let timeCountSequenceMode: [UInt8] = [ID.penDataOptionMode, 0x03]
    /// Clear the screen.
    public static let clearScreen: [UInt8] = [ID.clearScreen, 0x00]
    /// Inking on: the pad draws the pen trace itself, without a round trip to the terminal.
    public static let inkingOn: [UInt8] = [ID.inkingMode, 0x01]
    /// Inking off.
    public static let inkingOff: [UInt8] = [ID.inkingMode, 0x00]

    /// The pad's answer to a capability query.
    public struct Capability: Hashable, Sendable {
        /// Tablet range, pressure range and screen size.
        public var layout: SignaturePadLayout
        /// Highest report rate (reports per second).
        public var maxReportRate: Int
        /// Encoding flags: 1 zlib, 2 1-bit, 4 16-bit, 8 24-bit.
        public var encodingFlags: UInt8
    }

    /// Decodes report 09; nil when it is not one or too short.
    public static func capability(_ report: [UInt8]) -> Capability? {
        guard report.count >= capabilityLength, report[0] == ID.capability else { return nil }
        func word(_ index: Int) -> Int { Int(report[index]) << 8 | Int(report[index + 1]) }
        let layout = SignaturePadLayout(
            tabletMaxX: word(1), tabletMaxY: word(3), maxPressure: word(5), resolution: word(12), screenWidth: word(7),
            screenHeight: word(9))
        return Capability(layout: layout, maxReportRate: Int(report[11]), encodingFlags: report[14])
    }

    /// The pad's state from report 03.
    public enum Status: Hashable, Sendable {
        /// Idle, takes commands.
        case ready
        /// Busy with an image upload, a capture, or writing its memory; ask again.
        case busy
        /// The last command was refused (wrong state or bad parameter).
        case refused
    }

    /// Decodes report 03; nil when it is not one.
    public static func status(_ report: [UInt8]) -> Status? {
        guard report.count >= 3, report[0] == ID.status else { return nil }
        if report[2] != 0 { return .refused }
        return report[1] == 0 ? .ready : .busy
    }

    /// One pen report.
    public struct Pen: Hashable, Sendable {
        /// In proximity.
        public var ready: Bool
        /// Touching the surface (any of the switch bits).
        public var touching: Bool
        /// Pressure, 12 bits.
        public var pressure: Int
        /// Position in tablet units.
        public var x: Int
        /// Position in tablet units.
        public var y: Int
        /// The pad's millisecond counter (wraps at 65536); only report 34 has it.
        public var timeCount: UInt16?
        /// The report's sequence number (wraps at 65536); only report 34 has it.
        public var sequence: UInt16?
    }

    /// Decodes report 01 or 34; nil for anything else or a short report.
    public static func pen(_ report: [UInt8]) -> Pen? {
        guard report.count >= 7, report[0] == ID.penData || report[0] == ID.penDataTimeCountSequence else { return nil }
        var pen = Pen(
            ready: report[1] & 0x80 != 0, touching: report[1] & 0x70 != 0,
            pressure: Int(report[1] & 0x0F) << 8 | Int(report[2]), x: Int(report[3]) << 8 | Int(report[4]),
            y: Int(report[5]) << 8 | Int(report[6]))
        if report[0] == ID.penDataTimeCountSequence {
            guard report.count >= 11 else { return nil }
            pen.timeCount = UInt16(report[7]) << 8 | UInt16(report[8])
            pen.sequence = UInt16(report[9]) << 8 | UInt16(report[10])
        }
        return pen
    }

    /// The start report of an upload in `format` (the non-bulk variants: 0 1-bit, 2 RGB565, 4 24-bit).
    public static func startImage(_ format: SignaturePadCapabilities.ImageFormat) -> [UInt8] {
        let mode: UInt8 =
            switch format {
            case .monochrome: 0
            case .rgb565: 2
            case .bgr24: 4
            }
        return [ID.startImageData, mode]
    }

    /// Commit the uploaded image to the screen.
    public static let endImage: [UInt8] = [ID.endImageData, 0x00]

    /// The image data as block reports: 256 bytes each, [26, length low, length high, data, zero padding].
    public static func imageBlocks(_ data: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: data.count, by: imageBlockPayload).map { start in
            let end = min(start + imageBlockPayload, data.count)
            var report = [UInt8](repeating: 0, count: 256)
            report[0] = ID.imageDataBlock
            report[1] = UInt8((end - start) & 0xFF)
            report[2] = UInt8((end - start) >> 8)
            report.replaceSubrange(3..<(3 + end - start), with: data[start..<end])
            return report
        }
    }

    /// The whole upload of `image` in `format`: start, blocks, end. Sent as feature reports in this order.
    public static func imageUpload(_ image: PadScreenImage, format: SignaturePadCapabilities.ImageFormat) -> [[UInt8]] {
        [startImage(format)] + imageBlocks(WacomSTUImage.encode(image, format: format)) + [endImage]
    }
}

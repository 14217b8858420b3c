/// The four replies of an ESC/POS printer to DLE EOT 1...4 (real-time status), decoded.
///
/// Every reply has the shape 0xx1xx10 (bits 1 and 4 set, bits 0 and 7 clear); anything else is not a status
/// byte, e.g. the printer answering something else or a device that is no ESC/POS printer.
public struct RealTimeStatus: Sendable, Hashable, CustomStringConvertible {
    /// DLE EOT 1, printer status: bit 3 offline.
    public var printer: UInt8
    /// DLE EOT 2, offline cause: bit 2 cover open, bit 3 feed button, bit 5 stopped at paper end, bit 6 error.
    public var offlineCause: UInt8
    /// DLE EOT 3, error cause: bit 3 autocutter error, bit 5 unrecoverable, bit 6 auto-recoverable.
    public var errorCause: UInt8
    /// DLE EOT 4, roll paper sensor: bits 2-3 near end, bits 5-6 paper end.
    public var paperSensor: UInt8

    /// The request bytes for the four statuses, in the order the replies arrive.
    public static let request: [UInt8] = [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04]

    /// The replies in request order; nil unless there are four and each has the fixed bits of a status byte.
    public init?(replies: [UInt8]) {
        guard replies.count == 4, replies.allSatisfy(Self.isStatusByte) else { return nil }
        printer = replies[0]
        offlineCause = replies[1]
        errorCause = replies[2]
        paperSensor = replies[3]
    }

    /// Whether `byte` has the fixed bits every DLE EOT reply carries.
    public static func isStatusByte(_ byte: UInt8) -> Bool { byte & 0x93 == 0x12 }

    /// What the bits mean for the kiosk.
    public var status: PrinterStatus {
        var conditions: [PrinterStatus.Condition] = []
        let paperEnd = paperSensor & 0x60 != 0 || offlineCause & 0x20 != 0
        if paperEnd {
            conditions.append(.paperEnd)
        } else if paperSensor & 0x0C != 0 {
            conditions.append(.paperNearEnd)
        }
        if offlineCause & 0x04 != 0 { conditions.append(.coverOpen) }
        if offlineCause & 0x40 != 0 || errorCause & 0x68 != 0 { conditions.append(.error) }
        // Offline with a known cause says nothing more; offline alone (e.g. waiting for recovery) is its own state.
        if printer & 0x08 != 0, conditions.allSatisfy({ !$0.stopsPrinting }) { conditions.append(.offline) }
        return PrinterStatus(conditions: conditions, details: ["DLE EOT: \(description)"])
    }

    /// The four bytes in hex, e.g. "12 12 12 1E".
    public var description: String {
        [printer, offlineCause, errorCause, paperSensor].map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: " ")
    }
}

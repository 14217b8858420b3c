/// A response APDU: the data and the status word SW1 SW2.
public struct ResponseAPDU: Hashable, Sendable {
    /// The response data (without the status word).
    public var data: [UInt8]
    /// SW1 SW2 as one number, e.g. 0x9000.
    public var status: UInt16

    /// Splits a raw response; nil when it is shorter than a status word.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return nil }
        data = Array(bytes.dropLast(2))
        status = UInt16(bytes[bytes.count - 2]) << 8 | UInt16(bytes[bytes.count - 1])
    }

    /// A response from its parts.
    public init(data: [UInt8] = [], status: UInt16) {
        self.data = data
        self.status = status
    }

    /// Data followed by the status word.
    public var bytes: [UInt8] { data + [UInt8(status >> 8), UInt8(status & 0xFF)] }

    /// True for 9000.
    public var isSuccess: Bool { status == 0x9000 }
}

/// The command APDUs the terminal sends without secure messaging (ISO/IEC 7816-4).
public enum CardCommand {
    /// SELECT an elementary file by its file id under the current DF, no response data (P2 = 0C).
    public static func selectFile(_ fileID: UInt16) -> [UInt8] {
        [0x00, 0xA4, 0x02, 0x0C, 0x02, UInt8(fileID >> 8), UInt8(fileID & 0xFF)]
    }

    /// SELECT the master file.
    public static let selectMasterFile: [UInt8] = [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]

    /// READ BINARY of up to 256 bytes (Le 00) from `offset` in the selected file.
    public static func readBinary(offset: Int) -> [UInt8] {
        [0x00, 0xB0, UInt8((offset >> 8) & 0x7F), UInt8(offset & 0xFF), 0x00]
    }

    /// EF.CardAccess's file id (BSI TR-03110 part 3).
    public static let cardAccessFileID: UInt16 = 0x011C
}

import CPCSCLite
import Foundation

/// A connection to the card in one reader: send a command APDU, get the response APDU.
///
/// Holds its own PC/SC context, so it never shares one with the monitor's waiting thread. Calls are
/// serialised by a lock: one command at a time, as the card itself works. APDUs may carry PINs and
/// personal data, so they are neither logged nor part of any error.
public final class CardChannel: @unchecked Sendable {
    // @unchecked: `card` and `context` are used only under `lock`.

    private let lock = NSLock()
    private let context: PCSCContext
    private var card: SCARDHANDLE = 0
    private var connected = false
    /// The reader the card is in.
    public let reader: String
    /// The card's answer to reset as the reader reported it when connecting.
    public let atr: [UInt8]
    private let protocolInformation: UnsafePointer<SCARD_IO_REQUEST>

    /// Connects (shared) to the card in `reader`, T=1 preferred, T=0 accepted.
    public init(reader: String) throws(PCSCError) {
        self.reader = reader
        context = try PCSCContext()
        var active: DWORD = 0
        try PCSCError.check(
            SCardConnect(
                context.handle, reader, DWORD(SCARD_SHARE_SHARED), DWORD(SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0),
                &card, &active),
            "SCardConnect")
        connected = true
        protocolInformation = active == DWORD(SCARD_PROTOCOL_T0) ? CPCSCLite_pci_t0() : CPCSCLite_pci_t1()
        var nameLength: DWORD = 0
        var state: DWORD = 0
        var usedProtocol: DWORD = 0
        var atrBuffer = [UInt8](repeating: 0, count: Int(MAX_ATR_SIZE))
        var atrLength = DWORD(atrBuffer.count)
        let status = SCardStatus(card, nil, &nameLength, &state, &usedProtocol, &atrBuffer, &atrLength)
        atr = UInt32(truncatingIfNeeded: status) == 0 ? Array(atrBuffer.prefix(Int(atrLength))) : []
    }

    deinit {
        if connected { SCardDisconnect(card, DWORD(SCARD_LEAVE_CARD)) }
    }

    /// Sends one command APDU and returns the whole response APDU (data and status word).
    ///
    /// The caller owns `command` and should overwrite it when it held a secret; the copy made here for the
    /// driver is zeroed before return.
    public func transmit(_ command: [UInt8]) throws(PCSCError) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        do {
            guard connected else { throw PCSCError(code: 0x8010_0069, operation: "SCardTransmit") }
            var sent = command
            defer { sent.zeroize() }
            var response = [UInt8](repeating: 0, count: 65_538)
            var responseLength = DWORD(response.count)
            let result = sent.withUnsafeBufferPointer { buffer in
                SCardTransmit(card, protocolInformation, buffer.baseAddress, DWORD(buffer.count), nil, &response, &responseLength)
            }
            try PCSCError.check(result, "SCardTransmit")
            // vpcd (and some drivers) answer "success" with no bytes when the card left mid-command: a
            // response without a status word means the card is gone or mute, never an answer.
            if responseLength < 2 { throw missingCard() }
            let answer = Array(response.prefix(Int(responseLength)))
            response.zeroize()
            return answer
        }
    }

    /// Why a command got no answer: SCardStatus's error, "removed" when the card is no longer present, else
    /// "unresponsive".
    private func missingCard() -> PCSCError {
        var nameLength: DWORD = 0
        var state: DWORD = 0
        var usedProtocol: DWORD = 0
        var atrLength: DWORD = 0
        let status = SCardStatus(card, nil, &nameLength, &state, &usedProtocol, nil, &atrLength)
        let code = UInt32(truncatingIfNeeded: status)
        if code != 0 { return PCSCError(code: code, operation: "SCardStatus") }
        if state & DWORD(SCARD_PRESENT) == 0 { return PCSCError(code: 0x8010_0069, operation: "SCardTransmit") }
        return PCSCError(code: 0x8010_0066, operation: "SCardTransmit")
    }

    /// Disconnects, leaving the card powered; further transmits fail as if the card were removed. Idempotent.
    public func close() {
        lock.withLock {
            if connected { SCardDisconnect(card, DWORD(SCARD_LEAVE_CARD)) }
            connected = false
        }
    }
}

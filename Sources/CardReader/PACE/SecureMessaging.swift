package import KioskCore

/// ISO/IEC 7816-4 secure messaging with the PACE session keys (BSI TR-03110 part 3, F): command data in
/// DO'87 (encrypted), Le in DO'97, the status word in DO'99, a MAC over all of it in DO'8E. Both sides
/// count every command and every response in the send sequence counter.
///
/// Short APDUs only (at most 255 bytes of data): PIN management never needs more.
package final class SecureMessaging {
    private let eac: EACContext

    /// Secure messaging on a context whose PACE run has just succeeded.
    package init(after eac: EACContext) throws(PACEStepFailure) {
        self.eac = eac
        try eac.startSecureMessaging()
    }

    // MARK: terminal side

    /// Protects a plain command APDU (CLA INS P1 P2 [Lc data] [Le]).
    package func wrapCommand(_ command: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        guard command.count >= 4 else { throw PACEStepFailure(step: "command too short") }
        var data: [UInt8] = []
        var le: UInt8?
        if command.count == 5 {
            le = command[4]
        } else if command.count > 5 {
            let length = Int(command[4])
            guard command.count >= 5 + length else { throw PACEStepFailure(step: "command length") }
            data = Array(command[5..<(5 + length)])
            if command.count == 6 + length { le = command[5 + length] }
        }
        defer { data.zeroize() }
        try eac.incrementCounter()
        let header = [command[0] | 0x0C, command[1], command[2], command[3]]
        var body: [UInt8] = []
        if !data.isEmpty { body += TLV(tag: 0x87, value: [0x01] + (try eac.encrypt(try eac.pad(data)))).encoded }
        if let le { body += TLV(tag: 0x97, value: [le]).encoded }
        let mac = try eac.mac(try eac.pad(try eac.pad(header) + body))
        body += TLV(tag: 0x8E, value: mac).encoded
        guard body.count <= 255 else { throw PACEStepFailure(step: "command too long") }
        return header + [UInt8(body.count)] + body + [0x00]
    }

    /// Checks and opens a protected response; returns the plain response (data and status word).
    package func unwrapResponse(_ response: [UInt8]) throws(PACEStepFailure) -> ResponseAPDU {
        guard let outer = ResponseAPDU(response) else { throw PACEStepFailure(step: "response too short") }
        try eac.incrementCounter()
        // A card that drops secure messaging (wrong MAC on its side, or an error before SM) answers in plain.
        guard !outer.data.isEmpty else { return outer }
        let objects: [TLV]
        do { objects = try TLV.parseAll(outer.data) } catch { throw PACEStepFailure(step: "response objects") }
        guard let mac = objects.first(where: { $0.tag == 0x8E }),
            let status = objects.first(where: { $0.tag == 0x99 }), status.value.count == 2
        else { throw PACEStepFailure(step: "response without DO'8E or DO'99") }
        let covered = objects.filter { $0.tag == 0x87 || $0.tag == 0x99 }.flatMap(\.encoded)
        guard try eac.mac(try eac.pad(covered)) == mac.value else { throw PACEStepFailure(step: "response MAC") }
        var data: [UInt8] = []
        if let encrypted = objects.first(where: { $0.tag == 0x87 }), encrypted.value.first == 0x01 {
            data = try eac.unpad(try eac.decrypt(Array(encrypted.value.dropFirst())))
        }
        return ResponseAPDU(data: data, status: UInt16(status.value[0]) << 8 | UInt16(status.value[1]))
    }

    // MARK: card side

    /// Checks and opens a protected command; returns the plain command (CLA without the SM bits).
    package func unwrapCommand(_ command: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        guard command.count >= 5 else { throw PACEStepFailure(step: "command too short") }
        try eac.incrementCounter()
        let header = Array(command[0..<4])
        let length = Int(command[4])
        guard command.count >= 5 + length else { throw PACEStepFailure(step: "command length") }
        let objects: [TLV]
        do { objects = try TLV.parseAll(Array(command[5..<(5 + length)])) } catch {
            throw PACEStepFailure(step: "command objects")
        }
        guard let mac = objects.first(where: { $0.tag == 0x8E }) else { throw PACEStepFailure(step: "command without DO'8E") }
        let covered = objects.filter { $0.tag == 0x87 || $0.tag == 0x97 }.flatMap(\.encoded)
        guard try eac.mac(try eac.pad(try eac.pad(header) + covered)) == mac.value else {
            throw PACEStepFailure(step: "command MAC")
        }
        var plain = [header[0] & ~0x0C, header[1], header[2], header[3]]
        if let encrypted = objects.first(where: { $0.tag == 0x87 }), encrypted.value.first == 0x01 {
            let data = try eac.unpad(try eac.decrypt(Array(encrypted.value.dropFirst())))
            plain += [UInt8(data.count)] + data
        }
        if let le = objects.first(where: { $0.tag == 0x97 })?.value.first { plain.append(le) }
        return plain
    }

    /// Protects a plain response.
    package func wrapResponse(_ response: ResponseAPDU) throws(PACEStepFailure) -> [UInt8] {
        try eac.incrementCounter()
        var body: [UInt8] = []
        if !response.data.isEmpty {
            body += TLV(tag: 0x87, value: [0x01] + (try eac.encrypt(try eac.pad(response.data)))).encoded
        }
        body += TLV(tag: 0x99, value: [UInt8(response.status >> 8), UInt8(response.status & 0xFF)]).encoded
        body += TLV(tag: 0x8E, value: try eac.mac(try eac.pad(body))).encoded
        return body + [UInt8(response.status >> 8), UInt8(response.status & 0xFF)]
    }
}

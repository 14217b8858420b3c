import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The card side of vsmartcard's vpcd protocol: connects to the vpcd reader driver inside pcscd and answers
/// it as a card would. Connected means "card in the reader"; closing the socket takes the card out.
///
/// Wire format (vsmartcard `virtualsmartcard/doc/api.txt`, the VPCD_Types of osmocom's TTCN-3 suite): every
/// message is a 2-byte big-endian length and a payload. A 1-byte payload is a control command: 00 power off,
/// 01 power on, 02 reset, 04 send the ATR (answered with the ATR). Longer payloads are command APDUs,
/// answered with the response APDU.
public enum VPCDCardLink {
    /// What the card side answers.
    public protocol Card: AnyObject {
        /// The card's ATR.
        var atr: [UInt8] { get }
        /// A reset (power on, off or reset command).
        func reset()
        /// The response APDU to a command APDU.
        func process(_ command: [UInt8]) -> [UInt8]
    }

    /// Connects to vpcd on 127.0.0.1:`port`; -1 while nobody listens.
    public static func connect(port: Int) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            return -1
        }
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        return descriptor
    }

    /// Serves `card` on the connected `descriptor` until vpcd closes it (pcscd stopped) or reading fails.
    public static func serve(_ card: any Card, on descriptor: Int32) {
        while let message = readMessage(descriptor) {
            if message.count == 1 {
                switch message[0] {
                case 0x00, 0x01, 0x02: card.reset()
                case 0x04: guard writeMessage(card.atr, to: descriptor) else { return }
                default: break  // unknown control byte: vpcd expects no answer
                }
            } else {
                guard writeMessage(card.process(message), to: descriptor) else { return }
            }
        }
    }

    private static func readMessage(_ descriptor: Int32) -> [UInt8]? {
        guard let header = readExactly(2, from: descriptor) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        return length == 0 ? [] : readExactly(length, from: descriptor)
    }

    private static func readExactly(_ count: Int, from descriptor: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, count - done) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            done += got
        }
        return buffer
    }

    private static func writeMessage(_ payload: [UInt8], to descriptor: Int32) -> Bool {
        let frame = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
        var done = 0
        while done < frame.count {
            let sent = frame.withUnsafeBytes { send(descriptor, $0.baseAddress! + done, frame.count - done, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            done += sent
        }
        return true
    }
}

extension EmulatedIDCard: VPCDCardLink.Card {}

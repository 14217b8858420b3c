// id-card-emulator: plays a German ID card (or a look-alike, or a girocard) on vsmartcard's vpcd reader.
//
//   id-card-emulator --port 35963 [--profile id-card|lookalike|girocard] [--log events.log]
//                    [--pull-at-general-authenticate N]
//
// With --pull-at-general-authenticate the card is pulled (the process ends without answering) when the Nth
// GENERAL AUTHENTICATE arrives, in the middle of a PACE run.
// Connects to vpcd on 127.0.0.1:port (the card is then "in the reader") and answers its commands until
// SIGTERM. When pcscd stops, it connects again as soon as vpcd listens anew, with the same counters, as a
// card left on the reader would. The log gets one line per event: "connected", "disconnected", and
// "apdu <INS>" per command (instruction byte only: never the data, which may hold a PIN).
import CardReaderTesting
import Foundation

#if canImport(Glibc)
import Glibc
#endif

var port = 35963
var profile = EmulatedIDCard.Profile.idCard
var logPath: String?
var pullAt: Int?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = arguments.next().flatMap { Int($0) } ?? port
    case "--profile":
        guard let value = arguments.next().flatMap(EmulatedIDCard.Profile.init(rawValue:)) else {
            FileHandle.standardError.write(Data("--profile: id-card, lookalike or girocard\n".utf8))
            exit(2)
        }
        profile = value
    case "--log": logPath = arguments.next()
    case "--pull-at-general-authenticate": pullAt = arguments.next().flatMap { Int($0) }
    default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
    }
}

let log: FileHandle? = logPath.flatMap {
    _ = FileManager.default.createFile(atPath: $0, contents: nil)
    return FileHandle(forWritingAtPath: $0)
}

func note(_ line: String) {
    log?.write(Data((line + "\n").utf8))
}

/// Logs each command's instruction byte before the card answers it.
final class LoggingCard: VPCDCardLink.Card {
    let card: EmulatedIDCard
    let pullAt: Int?
    var generalAuthenticates = 0
    init(_ card: EmulatedIDCard, pullAt: Int?) {
        self.card = card
        self.pullAt = pullAt
    }
    var atr: [UInt8] { card.atr }
    func reset() { card.reset() }
    func process(_ command: [UInt8]) -> [UInt8] {
        if command.count >= 2 { note("apdu " + String(format: "%02X", command[1])) }
        if command.count >= 2 && command[1] == 0x86 {
            generalAuthenticates += 1
            if generalAuthenticates == pullAt {
                note("pulled")
                exit(0)
            }
        }
        return card.process(command)
    }
}

signal(SIGPIPE, SIG_IGN)
let card = LoggingCard(EmulatedIDCard(profile: profile), pullAt: pullAt)
while true {
    let descriptor = VPCDCardLink.connect(port: port)
    guard descriptor >= 0 else {
        usleep(50_000)
        continue
    }
    note("connected")
    VPCDCardLink.serve(card, on: descriptor)
    close(descriptor)
    note("disconnected")
}

import Foundation
import KioskCore
import KioskTesting
import Testing

/// Seeded fuzzing of the card answers (response APDUs, EF.CardAccess) and of the election import (both CSV files
/// through `ElectionImport`), starting from valid inputs and mutating them, so that the parsers' deeper paths are
/// reached and not only their first length check. `KIOSK_FUZZ_ITERATIONS` makes the runs longer (README, "Fuzzing").
@Suite struct CardAndImportFuzzTests {
    /// PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, brainpoolP256r1, plus a second PACEInfo and an unknown info.
    static let cardAccess: [UInt8] = [
        0x31, 0x2A, 0x30, 0x12, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x02, 0x02, 0x01, 0x02,
        0x02, 0x01, 0x0D, 0x30, 0x0F, 0x06, 0x0A, 0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04, 0x02, 0x04, 0x02, 0x01,
        0x02, 0x30, 0x03, 0x06, 0x01, 0x2A,
    ]

    static func mutate(_ input: [UInt8], _ random: inout SeededRandomNumberGenerator, maximum: Int = 4) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...maximum, using: &random) {
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            case 1 where !bytes.isEmpty: bytes.remove(at: Int.random(in: 0..<bytes.count, using: &random))
            case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
            case 3: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
            default:
                // Length bytes are where DER parsers go wrong: make one long-form or huge.
                let lengths: [UInt8] = [0x80, 0x81, 0x82, 0x84, 0x88, 0xFF, 0x7F, 0x00]
                if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &random)] = lengths.randomElement(using: &random)! }
            }
        }
        return bytes
    }

    @Test func theValidCardAccessParses() throws {
        let parsed = try CardAccess(bytes: Self.cardAccess)
        #expect(parsed.paceInfos.map(\.parameterID) == [13, nil])
    }

    @Test(arguments: FuzzBudget.seeds([21, 22]))
    func mutatedCardAccessNeverTrapsAndWhatParsesIsPACE(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        var parsedCount = 0
        for _ in 0..<FuzzBudget.iterations(20_000) {
            let bytes = Self.mutate(Self.cardAccess, &random)
            guard let parsed = try? CardAccess(bytes: bytes) else { continue }
            parsedCount += 1
            #expect(parsed.bytes == bytes, "seed \(seed)")
            for info in parsed.paceInfos {
                #expect(info.protocolIdentifier.starts(with: CardAccess.paceIdentifierPrefix), "seed \(seed)")
                #expect(info.protocolIdentifier.count == CardAccess.paceIdentifierPrefix.count + 2, "seed \(seed)")
            }
        }
        #expect(parsedCount > 100, "seed \(seed): the mutations never reached past the first check")
    }

    @Test(arguments: FuzzBudget.seeds([23]))
    func responseAPDUsSplitAndRoundTrip(seed: UInt64) {
        var random = SeededRandomNumberGenerator(seed: seed)
        for _ in 0..<FuzzBudget.iterations(50_000) {
            let bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            guard let response = ResponseAPDU(bytes) else {
                #expect(bytes.count < 2, "seed \(seed)")
                continue
            }
            #expect(response.bytes == bytes && response.data.count == bytes.count - 2, "seed \(seed)")
            #expect(response.isSuccess == (bytes.suffix(2) == [0x90, 0x00]), "seed \(seed)")
            // A status word that names a PIN state has a message in both languages.
            if let status = PINStatus(statusWord: response.status) {
                #expect(!status.message[.german].isEmpty && !status.message[.english].isEmpty, "seed \(seed)")
            }
        }
    }

    /// The example's election files, cut to a few lines each so one import takes microseconds.
    static let election: (ElectionConfiguration, [UInt8], [UInt8]) = {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Kiosk/example").standardized
        let configuration = try! ElectionConfiguration.parse(
            yaml: try! String(contentsOf: example.appendingPathComponent("election.yaml"), encoding: .utf8), source: "election.yaml")
        func lines(_ path: String, _ count: Int) -> [UInt8] {
            let bytes = Array(try! Data(contentsOf: example.appendingPathComponent(path)))
            let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
            return Array(bytes.prefix(newlines.count > count ? newlines[count] + 1 : bytes.count))
        }
        return (configuration, lines(configuration.places.path, 12), lines(configuration.streets.path, 40))
    }()

    @Test(arguments: FuzzBudget.seeds([24, 25]))
    func mutatedElectionFilesImportOrFailWithAMessage(seed: UInt64) throws {
        var random = SeededRandomNumberGenerator(seed: seed)
        let (configuration, places, streets) = Self.election
        let clean = try ElectionImport.read(configuration: configuration, placesCSV: places, streetsCSV: streets)
        #expect(clean.directory.places.count > 5 && !clean.directory.streets.isEmpty, "the cut example imports")
        let cleanDistricts = Set(clean.directory.places.keys)
        let cleanStreetsResolve = clean.directory.streets.allSatisfy { cleanDistricts.contains($0.district) }
        var imported = 0
        for _ in 0..<FuzzBudget.iterations(2_000) {
            let which = Int.random(in: 0..<3, using: &random)
            let mutatedPlaces = which != 1 ? Self.mutateCSV(places, &random) : places
            let mutatedStreets = which != 0 ? Self.mutateCSV(streets, &random) : streets
            do {
                let result = try ElectionImport.read(configuration: configuration, placesCSV: mutatedPlaces, streetsCSV: mutatedStreets)
                imported += 1
                // Each place is filed under its own district.
                for (district, place) in result.directory.places { #expect(place.district == district, "seed \(seed)") }
                if cleanStreetsResolve, which == 1 {
                    // Only the street file changed: every street still names a district of the place file.
                    #expect(result.directory.streets.allSatisfy { cleanDistricts.contains($0.district) }, "seed \(seed)")
                }
                for blemish in result.blemishes {
                    #expect(!blemish.problem[.german].isEmpty && !blemish.problem[.english].isEmpty, "seed \(seed)")
                }
            } catch {
                #expect(!error.problem[.german].isEmpty && !error.problem[.english].isEmpty, "seed \(seed)")
            }
        }
        #expect(imported > 100, "seed \(seed): mutations should mostly leave an importable file")
    }

    /// CSV-shaped mutations: quotes, delimiters, line breaks, bytes invalid in the file's encoding, plus byte noise.
    static func mutateCSV(_ input: [UInt8], _ random: inout SeededRandomNumberGenerator) -> [UInt8] {
        var bytes = input
        let specials: [[UInt8]] = [[0x22], [0x3B], [0x2C], [0x0A], [0x0D, 0x0A], [0xC3], [0xFF, 0xFE], [0x00], [0xEF, 0xBB, 0xBF]]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            if Bool.random(using: &random) {
                bytes.insert(contentsOf: specials.randomElement(using: &random)!, at: Int.random(in: 0...bytes.count, using: &random))
            } else {
                bytes = mutate(bytes, &random, maximum: 1)
            }
        }
        return bytes
    }
}

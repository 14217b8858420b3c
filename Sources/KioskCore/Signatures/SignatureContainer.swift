public import Foundation

/// The biometric data container: a captured signature as JSON, the form it is stored (encrypted) and sent in.
///
/// Documented in `docs/signature-container.md`. Shape, keys sorted, no whitespace:
/// `{"device":"wacom-stu-430","droppedReports":0,"format":"rathauskiosk.signature/1",
///   "screen":{"height":200,"width":320},
///   "strokes":[[[x,y,pressure,time],...],...],
///   "tablet":{"maxPressure":1023,"maxX":9600,"maxY":6000,"resolution":2540}}`
/// x and y in tablet units (origin top left), pressure from 0 to `maxPressure`, time in milliseconds since the
/// capture began.
public enum SignatureContainer {
    /// The value of `format` this version writes and reads.
    public static let format = "rathauskiosk.signature/1"

    /// A container that could not be read.
    public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong with it (never the content).
        public let reason: String
        public var description: String { "signature container not readable: \(reason)" }
    }

    private struct Tablet: Codable {
        var maxX: Int
        var maxY: Int
        var maxPressure: Int
        var resolution: Int
    }

    private struct Screen: Codable {
        var width: Int
        var height: Int
    }

    private struct Body: Codable {
        var format: String
        var device: String
        var droppedReports: Int
        var tablet: Tablet
        var screen: Screen
        var strokes: [[[Int]]]
    }

    /// The JSON bytes of a signature.
    public static func encode(_ signature: CapturedSignature) -> Data {
        let layout = signature.layout
        let body = Body(
            format: format, device: signature.device, droppedReports: signature.droppedReports,
            tablet: Tablet(maxX: layout.tabletMaxX, maxY: layout.tabletMaxY, maxPressure: layout.maxPressure, resolution: layout.resolution),
            screen: Screen(width: layout.screenWidth, height: layout.screenHeight),
            strokes: signature.strokes.map { $0.map { [$0.x, $0.y, $0.pressure, $0.time] } })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Plain integers, strings and arrays: encoding cannot fail.
        return (try? encoder.encode(body)) ?? Data()
    }

    /// The signature a container holds.
    public static func decode(_ data: Data) throws(DecodeError) -> CapturedSignature {
        let body: Body
        do { body = try JSONDecoder().decode(Body.self, from: data) } catch {
            throw DecodeError(reason: "not the documented JSON shape")
        }
        guard body.format == format else { throw DecodeError(reason: "unknown format '\(body.format)'") }
        var strokes: [[PenSample]] = []
        for stroke in body.strokes {
            var samples: [PenSample] = []
            for sample in stroke {
                guard sample.count == 4 else { throw DecodeError(reason: "a sample must be [x, y, pressure, time]") }
                samples.append(PenSample(x: sample[0], y: sample[1], pressure: sample[2], time: sample[3]))
            }
            strokes.append(samples)
        }
        let layout = SignaturePadLayout(
            tabletMaxX: body.tablet.maxX, tabletMaxY: body.tablet.maxY, maxPressure: body.tablet.maxPressure,
            resolution: body.tablet.resolution, screenWidth: body.screen.width, screenHeight: body.screen.height)
        return CapturedSignature(strokes: strokes, layout: layout, device: body.device, droppedReports: body.droppedReports)
    }
}

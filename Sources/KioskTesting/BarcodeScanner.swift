import ChildProcess
public import Foundation

/// Reads the codes in a picture with zbarimg (Debian zbar-tools), an independent reader of what we draw.
public enum BarcodeScanner {
    /// Where Debian installs zbarimg.
    public static let executable = "/usr/bin/zbarimg"

    /// Whether zbarimg is installed; scripts/test.sh installs it.
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// zbarimg found nothing or failed.
    public struct Failure: Error, CustomStringConvertible {
        /// Its exit status and error output.
        public let message: String

        public var description: String { "zbarimg: \(message)" }
    }

    /// The bytes of the one QR code zbarimg finds in a grey picture (0 black, 255 white), byte for byte.
    public static func readQRCode(grey pixels: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        // PGM is the simplest format zbarimg's image loader reads; the picture goes in as it is.
        var file = Data("P5\n\(width) \(height)\n255\n".utf8)
        file.append(contentsOf: pixels)
        return try read(image: file, extension: "pgm")
    }

    /// The data of the codes zbarimg finds in an image file's contents (PNG, PGM ...), each symbol's
    /// bytes followed by a line feed except the last; only the given zbar symbologies are looked for.
    public static func read(image: Data, extension fileExtension: String, symbologies: [String] = ["qrcode"]) throws
        -> [UInt8]
    {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("scan-\(UUID().uuidString).\(fileExtension)").path
        try image.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        // --raw: the bytes as stored, not converted from a guessed character set.
        let result = try ChildProcess.run(
            executable, ["--quiet", "--raw", "--nodbus", "-Sdisable"] + symbologies.map { "-S\($0).enable" } + [path],
            timeout: .seconds(60))
        guard result.termination.succeeded else {
            throw Failure(message: "\(result.termination): \(String(decoding: result.error, as: UTF8.self))")
        }
        var bytes = [UInt8](result.output)
        // zbarimg ends each symbol's data with a line feed.
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }
}

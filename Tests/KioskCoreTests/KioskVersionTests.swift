import Foundation
import KioskCore
import Testing

/// The version `--version` prints and the one the Debian packages carry come from two places; they must agree.
@Suite struct KioskVersionTests {
    @Test func theVersionFileAndTheBinariesAgree() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../VERSION").standardized
        let file = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(file == KioskVersion.current, "VERSION says \(file), KioskVersion.current says \(KioskVersion.current): change both")
        // scripts/package-deb.sh takes it as a native Debian version: digits and dots, no revision.
        #expect(file.allSatisfy { $0.isNumber || $0 == "." } && file.first?.isNumber == true)
    }
}

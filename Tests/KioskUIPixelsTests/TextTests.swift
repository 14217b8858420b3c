import Foundation
import KioskUI
@testable import KioskUIPixels
import KioskUITesting
import Testing

/// Shaping, direction and coverage of the scripts the kiosk shows.
@Suite struct TextTests {
    @Test func visualRunsFollowTheParagraphDirection() {
        #expect(BidiRuns.visualRuns("Hallo Welt") == [DirectionalRun(text: "Hallo Welt", rightToLeft: false)])
        // Right-to-left paragraph with a left-to-right number: the number's run stands on the left.
        #expect(
            BidiRuns.visualRuns("رقم الانتظار A 017")
                == [DirectionalRun(text: "A 017", rightToLeft: false), DirectionalRun(text: "رقم الانتظار ", rightToLeft: true)])
        // Left-to-right paragraph with an Arabic word in the middle keeps the run order.
        #expect(
            BidiRuns.visualRuns("Sprache العربية wählen")
                == [DirectionalRun(text: "Sprache ", rightToLeft: false), DirectionalRun(text: "العربية", rightToLeft: true),
                    DirectionalRun(text: " wählen", rightToLeft: false)])
    }

    @Test func arabicLettersJoin() throws {
        let shaper = try TextShaper(files: .debian)
        // Beh alone and beh twice: joined, the pair uses initial and final forms, not the isolated glyph twice.
        let isolated = shaper.shape("ب", rightToLeft: true, role: .regular, size: 40).glyphs.map(\.id)
        let pair = shaper.shape("بب", rightToLeft: true, role: .regular, size: 40).glyphs.map(\.id)
        #expect(pair.count == 2)
        #expect(!pair.contains(isolated[0]), "joined letters must not use the isolated form")
        #expect(pair[0] != pair[1], "initial and final forms differ")
    }

    @Test func everyCharacterOfEveryScreenHasAGlyph() throws {
        let shaper = try TextShaper(files: .debian)
        for screen in ScreenFixtures.all {
            var strings = [screen.title] + screen.body + screen.options.map(\.label) + (screen.aside ?? [])
            strings += [screen.subtitle, screen.highlight, screen.notice?.text, screen.countdown].compactMap { $0 }
            for string in strings {
                for run in BidiRuns.visualRuns(string) {
                    let role: FontRole = screen.aside?.contains(string) == true ? .monospaced : .regular
                    let glyphs = shaper.shape(run.text, rightToLeft: run.rightToLeft, role: role, size: 32).glyphs
                    // Glyph 0 is .notdef, the empty box shown for a missing character.
                    #expect(!glyphs.contains { $0.id == 0 }, "\"\(run.text)\" in \(screen.id) has a character without glyph")
                }
            }
        }
    }

    @Test func textIsAntiAliased() throws {
        let fonts = try openFonts()
        var surface = PixelSurface(width: 200, height: 60)
        fonts.draw("Öffnungszeiten", role: .regular, size: 32, x: 4, baseline: 44, color: PixelColor(hex: 0), into: &surface, clip: surface.bounds)
        let greys = Set(surface.pixels.map { $0 & 0xFF })
        #expect(greys.contains(0) && greys.contains(255))
        #expect(greys.count > 20, "edges are drawn in many grey levels, not just black and white")
    }

    @Test func wrapKeepsEveryWordAndTheWidth() throws {
        let fonts = try openFonts()
        let text = "Bitte nehmen Sie Ihre Wartemarke aus dem Drucker. Donaudampfschifffahrtsgesellschaftskapitän!"
        let lines = fonts.wrap(text, role: .regular, size: 36, width: 400)
        #expect(lines.count > 2)
        for line in lines { #expect(fonts.width(of: line, role: .regular, size: 36) <= 400) }
        #expect(lines.joined(separator: " ").replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""))
    }

    @Test func missingFontFileIsATypedBilingualError() {
        var files = FontFiles.debian
        files.bold = "/nonexistent/font.ttf"
        #expect(throws: FontError.self) { try FontLibrary(files: files) }
        do {
            _ = try FontLibrary(files: files)
        } catch {
            #expect(error.message.de.contains("/nonexistent/font.ttf") && error.message.en.contains("fonts-dejavu-core"))
        }
    }
}

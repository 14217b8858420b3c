import KioskUI
import KioskUIPixels

/// Fonts for one test; each test opens its own because a FontLibrary has one owner and tests run in parallel.
func openFonts() throws -> FontLibrary {
    try FontLibrary()
}

/// The layouts every screen test walks through: both orientations, both themes, both text sizes.
let allOptions: [PixelRendererOptions] = {
    var result: [PixelRendererOptions] = []
    for base in [PixelRendererOptions.portrait, .landscape] {
        for highContrast in [false, true] {
            for largeText in [false, true] {
                var options = base
                options.highContrast = highContrast
                options.largeText = largeText
                result.append(options)
            }
        }
    }
    return result
}()

extension PixelRendererOptions {
    var name: String {
        (isLandscape ? "landscape" : "portrait") + (highContrast ? "-contrast" : "") + (largeText ? "-large" : "")
    }
}

extension PixelLayout {
    /// The options' touch targets on the page shown, with their index into `Screen.options`.
    var shownOptionTargets: [(index: Int, rect: PixelRect)] {
        optionTargets.enumerated().filter { !$0.element.isEmpty }.map { ($0.offset, $0.element) }
    }
}

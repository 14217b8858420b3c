import KioskUI

// The on-screen keyboard under a text field, for terminals with a touch panel and no keys. Each key is a touch
// target named as the kiosk loop reads a printed key ("Ä", "7", " ", "⌫", "Enter"), so a tap becomes the same
// input as the typed character.
//
// Sizes: keys are at least `touchTargetPixels` (20 mm at the configured dpi) on both edges where the screen allows.
// On the 1080×1920 stele at 102 dpi a QWERTZ row of 11 keys spans the full width: a 96 px pitch, 88 px keys
// ≈ 22 mm. In landscape (1920×1080) the keyboard stands beside the main column on 55 % of the width, also a
// 96 px pitch; only a panel narrower than 11 × 20 mm + gaps (under about 990 px at 102 dpi) gets smaller keys.

/// A key of the on-screen keyboard as laid out.
public struct KeyboardKey: Hashable, Sendable {
    /// What a tap types, as `ScreenTarget.key` carries it.
    public var key: String
    /// What the key shows.
    public var caption: String
    /// Where it is.
    public var rect: PixelRect
}

/// Which keys a field's keyboard has, row by row, with each key's width in units of one letter key.
enum KeyboardRows {
    /// German QWERTZ with digits; letters type capitals at the start of a word (as a phone keyboard shifts),
    /// small letters inside one, and the captions show which.
    static func text(after typed: String) -> [[(key: String, caption: String, units: Int)]] {
        let capitals = typed.isEmpty || typed.last == " " || typed.last == "-"
        func letters(_ row: String) -> [(key: String, caption: String, units: Int)] {
            row.map { character in
                // ß has no one-letter capital; it stays ß.
                let shown = capitals && character != "ß" ? String(character).uppercased() : String(character)
                return (shown, shown, 1)
            }
        }
        return [
            "1234567890".map { (String($0), String($0), 1) } + letters("ß"),
            letters("qwertzuiopü"),
            letters("asdfghjklöä"),
            letters("yxcvbnm") + [("-", "-", 1), (".", ".", 1), ("⌫", "⌫", 2)],
            [(" ", "␣", 7), ("Enter", "Enter ↵", 4)],
        ]
    }

    /// A number pad as on a telephone, ⌫ and Enter beside the 0.
    static let digits: [[(key: String, caption: String, units: Int)]] = [
        [("1", "1", 1), ("2", "2", 1), ("3", "3", 1)],
        [("4", "4", 1), ("5", "5", 1), ("6", "6", 1)],
        [("7", "7", 1), ("8", "8", 1), ("9", "9", 1)],
        [("⌫", "⌫", 1), ("0", "0", 1), ("Enter", "Enter", 1)],
    ]
}

extension PixelLayoutBuilder {
    /// The keyboard's size for `entry` within `available`: full width (portrait) or beside the column (landscape).
    func keyboardSize(for entry: TextEntry, available: PixelRect) -> (width: Int, height: Int, pitch: Int, rowPitch: Int) {
        let touch = options.touchTargetPixels
        let spacing = px(8)
        switch entry.keyboard {
        case .text:
            let wide = options.isLandscape ? available.width * 55 / 100 : available.width
            let pitch = max(wide / 11, 1)
            // Rows as high as keys are wide, but never under a touch target nor over a fifth of the room.
            let rowPitch = max(touch + spacing, min(pitch, available.height / 5))
            return (pitch * 11, rowPitch * 5, pitch, rowPitch)
        case .digits:
            let pitch = max(touch * 2, px(200)) + spacing
            let rowPitch = max(touch, px(110)) + spacing
            return (pitch * 3, rowPitch * 4, pitch, rowPitch)
        }
    }

    /// Draws the keyboard for `entry` in `box` and records its keys as touch targets.
    mutating func drawKeyboard(for entry: TextEntry, in box: PixelRect, pitch: Int, rowPitch: Int) {
        let rows = entry.keyboard == .text ? KeyboardRows.text(after: entry.text) : KeyboardRows.digits
        let spacing = px(8)
        let size = font(entry.keyboard == .text ? 40 : 52)
        for (rowIndex, row) in rows.enumerated() {
            var x = box.x
            for key in row {
                let rect = PixelRect(
                    x: x + spacing / 2, y: box.y + rowIndex * rowPitch + spacing / 2, width: key.units * pitch - spacing,
                    height: rowPitch - spacing)
                x += key.units * pitch
                // Enter stands out as the way on; the digits' keys never change look when pressed, so a PIN typed
                // on the pad shows nothing but the dots in the field.
                let colors = key.key == "Enter" ? theme.selectedOption : theme.option
                frame(rect, thickness: px(3), color: key.key == "Enter" ? theme.selectedOption.background : theme.frame)
                items.append(.fill(rect.inset(by: px(3)), colors.background))
                line(key.caption, .bold, size, in: rect.inset(horizontal: px(6)), align: .center, colors, mirror: false)
                keyTargets.append(KeyboardKey(key: key.key, caption: key.caption, rect: rect))
            }
        }
    }
}

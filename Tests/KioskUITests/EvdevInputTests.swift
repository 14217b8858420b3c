import KioskUI
import Testing

/// Evdev records, keypad keys and multitouch taps decoded as a touch panel and a USB keypad send them.
@Suite struct EvdevInputTests {
    static func record(_ type: UInt16, _ code: UInt16, _ value: Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0xAA, count: 2 * MemoryLayout<Int>.size)  // the time, ignored
        bytes += [UInt8(type & 0xFF), UInt8(type >> 8), UInt8(code & 0xFF), UInt8(code >> 8)]
        let raw = UInt32(bitPattern: value)
        bytes += [UInt8(raw & 0xFF), UInt8((raw >> 8) & 0xFF), UInt8((raw >> 16) & 0xFF), UInt8(raw >> 24)]
        return bytes
    }

    static func event(_ type: UInt16, _ code: UInt16, _ value: Int32) -> InputEvent { InputEvent(type: type, code: code, value: value) }
    static let syn = event(0, 0, 0)

    /// One finger down at (x, y) in slot `slot` with `id`, then up: protocol B as the kernel sends it.
    static func tap(slot: Int32 = 0, id: Int32 = 7, x: Int32, y: Int32) -> [InputEvent] {
        [
            event(3, 0x2F, slot), event(3, 0x39, id), event(3, 0x35, x), event(3, 0x36, y), event(1, 0x14A, 1), syn,
            event(3, 0x2F, slot), event(3, 0x39, -1), event(1, 0x14A, 0), syn,
        ]
    }

    @Test func recordsDecodeWithNegativeValuesAndAPartialTail() {
        let bytes = Self.record(3, 0x39, -1) + Self.record(1, 30, 1) + [1, 2, 3]
        let events = InputEvent.decode(bytes)
        #expect(events == [InputEvent(type: 3, code: 0x39, value: -1), InputEvent(type: 1, code: 30, value: 1)])
        #expect(InputEvent.recordSize == 24)
    }

    @Test func keypadKeysBecomeKioskKeys() {
        var map = EvdevKeyMap()
        func press(_ code: UInt16) -> Key? { map.key(for: Self.event(1, code, 1)) }
        #expect(press(79) == .digit(1))  // KEY_KP1
        #expect(press(82) == .digit(0))  // KEY_KP0
        #expect(press(11) == .digit(0))  // KEY_0
        #expect(press(96) == .enter)  // KEY_KPENTER
        #expect(press(14) == .backspace)
        #expect(press(1) == .escape)
        #expect(press(103) == .up)
        #expect(press(108) == .down)
        #expect(press(55) == .function(3))  // KEY_KPASTERISK: high contrast
        #expect(press(98) == .function(4))  // KEY_KPSLASH: large text
        #expect(map.key(for: Self.event(1, 79, 0)) == nil, "a release is no key")
        #expect(map.key(for: Self.event(1, 79, 2)) == .digit(1), "auto-repeat repeats")
        #expect(press(21) == .character("z"), "German layout: the key at US Y is Z")
        _ = map.key(for: Self.event(1, 42, 1))
        #expect(press(30) == .character("A"))
        _ = map.key(for: Self.event(1, 42, 0))
        #expect(press(30) == .character("a"))
    }

    @Test func aProtocolBTapLandsOnTheCalibratedPixel() {
        var tracker = TouchTracker(calibration: TouchCalibration(minX: 0, maxX: 4095, minY: 0, maxY: 4095), width: 1080, height: 1920)
        let taps = Self.tap(x: 2048, y: 1024).compactMap { tracker.feed($0) }
        #expect(taps == [TouchTracker.Tap(x: 540, y: 480)])
        // The slot keeps its position: a second tap at the same place sends no position axes at all.
        let again = [
            Self.event(3, 0x39, 8), Self.syn, Self.event(3, 0x39, -1), Self.syn,
        ].compactMap { tracker.feed($0) }
        #expect(again == [TouchTracker.Tap(x: 540, y: 480)])
    }

    @Test func rotationAndMatrixTurnThePanel() {
        let cases: [(TouchCalibration.Rotation, (Int, Int))] = [(.none, (100, 200)), (.quarter, (800, 100)), (.half, (900, 800)), (.threeQuarters, (200, 900))]
        for (rotation, expected) in cases {
            let calibration = TouchCalibration(minX: 0, maxX: 1000, minY: 0, maxY: 1000, rotation: rotation)
            let point = calibration.point(rawX: 100, rawY: 200, width: 1000, height: 1000)
            #expect(point.x == expected.0 && point.y == expected.1, "\(rotation)")
        }
        // libinput's matrix for a quarter turn clockwise (0 -1 1 / 1 0 0) gives the same as the rotation.
        let matrix = TouchCalibration(minX: 0, maxX: 1000, minY: 0, maxY: 1000, matrix: [0, -1, 1, 1, 0, 0])
        let point = matrix.point(rawX: 100, rawY: 200, width: 1000, height: 1000)
        #expect(point.x == 800 && point.y == 100)
        // A panel whose range is wider than the glass: the edges clamp onto the screen.
        let inset = TouchCalibration(minX: 200, maxX: 3800, minY: 200, maxY: 3800)
        let clamped = inset.point(rawX: 0, rawY: 4095, width: 1080, height: 1920)
        #expect(clamped.x == 0 && clamped.y == 1919)
    }

    @Test func swipesAndSecondFingersAreNoTaps() {
        var tracker = TouchTracker(calibration: TouchCalibration(maxX: 1079, maxY: 1919), width: 1080, height: 1920)
        let swipe: [InputEvent] = [
            Self.event(3, 0x39, 1), Self.event(3, 0x35, 100), Self.event(3, 0x36, 100), Self.syn,
            Self.event(3, 0x35, 400), Self.syn, Self.event(3, 0x39, -1), Self.syn,
        ]
        #expect(swipe.compactMap { tracker.feed($0) }.isEmpty)
        let twoFingers: [InputEvent] = [
            Self.event(3, 0x2F, 0), Self.event(3, 0x39, 2), Self.event(3, 0x35, 100), Self.event(3, 0x36, 100), Self.syn,
            Self.event(3, 0x2F, 1), Self.event(3, 0x39, 3), Self.event(3, 0x35, 600), Self.event(3, 0x36, 600), Self.syn,
            Self.event(3, 0x2F, 0), Self.event(3, 0x39, -1), Self.syn, Self.event(3, 0x2F, 1), Self.event(3, 0x39, -1), Self.syn,
        ]
        #expect(twoFingers.compactMap { tracker.feed($0) }.isEmpty, "a hand resting on the screen chooses nothing")
        #expect(Self.tap(x: 540, y: 960).compactMap { tracker.feed($0) } == [TouchTracker.Tap(x: 540, y: 960)], "and the next tap counts again")
    }

    @Test func singleTouchControllersTapToo() {
        var tracker = TouchTracker(calibration: TouchCalibration(maxX: 1079, maxY: 1919), width: 1080, height: 1920)
        let events: [InputEvent] = [
            Self.event(3, 0, 300), Self.event(3, 1, 500), Self.event(1, 0x14A, 1), Self.syn, Self.event(1, 0x14A, 0), Self.syn,
        ]
        #expect(events.compactMap { tracker.feed($0) } == [TouchTracker.Tap(x: 300, y: 500)])
    }
}

/// The headphone jack's switch decoded as the kernel reports it: the `EVIOCGSW` bitmap at open, then `EV_SW`
/// frames, and `SYN_DROPPED` when the reader fell behind.
@Suite struct HeadphoneJackTests {
    static func event(_ type: UInt16, _ code: UInt16, _ value: Int32) -> InputEvent { InputEvent(type: type, code: code, value: value) }
    static let syn = event(0, 0, 0)
    static func jack(_ value: Int32) -> InputEvent { event(5, 2, value) }

    @Test func theBitmapAtOpenGivesTheStartingState() {
        var empty = HeadphoneJack()
        #expect(empty.read(switchBitmap: [0, 0, 0, 0, 0, 0, 0, 0]) == nil, "out at open is what the kiosk assumes anyway")
        #expect(!empty.plugged)
        var inserted = HeadphoneJack()
        #expect(inserted.read(switchBitmap: [0x04, 0, 0, 0, 0, 0, 0, 0]) == true, "bit 2 is SW_HEADPHONE_INSERT")
        #expect(inserted.read(switchBitmap: [0x04]) == nil, "the same state again is no change")
        var otherSwitches = HeadphoneJack()
        // SW_LID (0), SW_MICROPHONE_INSERT (4), SW_LINEOUT_INSERT (6) and SW_JACK_PHYSICAL_INSERT (7) are not ours.
        #expect(otherSwitches.read(switchBitmap: [0b1101_0001, 0xFF]) == nil)
        #expect(otherSwitches.read(switchBitmap: []) == nil)
    }

    @Test func aSwitchCountsWhenItsFrameEnds() {
        var jack = HeadphoneJack()
        #expect(jack.feed(Self.jack(1)) == nil, "not before SYN_REPORT")
        #expect(jack.feed(Self.syn) == .changed(plugged: true))
        #expect(jack.plugged)
        // A headset: headphone and microphone switch in one frame; a repeated value changes nothing.
        #expect([Self.event(5, 4, 1), Self.jack(1), Self.syn].compactMap { jack.feed($0) }.isEmpty)
        #expect([Self.jack(0), Self.syn].compactMap { jack.feed($0) } == [.changed(plugged: false)])
        // A bouncing contact inside one frame: the frame's last value counts.
        #expect([Self.jack(1), Self.jack(0), Self.syn].compactMap { jack.feed($0) }.isEmpty)
        // Keys, taps and other switches are not the jack.
        #expect([Self.event(1, 2, 1), Self.event(5, 0, 1), Self.event(3, 0x35, 9), Self.syn].compactMap { jack.feed($0) }.isEmpty)
    }

    @Test func droppedEventsAreDiscardedAndTheBitmapReadAgain() {
        var jack = HeadphoneJack()
        let frames = [Self.event(0, 3, 0), Self.jack(1), Self.syn].compactMap { jack.feed($0) }
        #expect(frames == [.readSwitchesAgain], "after SYN_DROPPED the frame up to SYN_REPORT is stale")
        #expect(!jack.plugged)
        #expect(jack.read(switchBitmap: [0x04]) == true)
        #expect([Self.jack(1), Self.syn].compactMap { jack.feed($0) }.isEmpty)
    }

    @Test func aVanishedNodeTakesItsHeadphonesWithIt() {
        var jack = HeadphoneJack()
        let lostNothing = jack.lost()
        #expect(!lostNothing, "nothing was plugged in")
        _ = [Self.jack(1), Self.syn].map { jack.feed($0) }
        let lostHeadphones = jack.lost()
        #expect(lostHeadphones)
        #expect(!jack.plugged)
        #expect([Self.jack(1), Self.syn].compactMap { jack.feed($0) } == [.changed(plugged: true)], "and it comes back")
    }

    @Test func theSwitchRequestIsEVIOCGSW() {
        // _IOC(_IOC_READ, 'E', 0x1b, 8), as <linux/input.h> computes it.
        #expect(HeadphoneJack.switchBitmapSize == 8)
        #expect(EvdevDevice.switchBitmapRequest == 0x8008_451B)
    }
}

/// Turns a touch panel's evdev events into taps: multitouch protocol B (slots and tracking ids) or the
/// single-touch `ABS_X`/`ABS_Y` with `BTN_TOUCH` of older controllers.
///
/// A tap is the first finger's contact, reported where it came down once it lifts; a finger that slid further than
/// `slop` pixels (a swipe, a palm) and contacts while another finger is down are not taps, so a hand resting on
/// the screen chooses nothing.
public struct TouchTracker: Sendable {
    /// A finished tap in screen pixels.
    public struct Tap: Hashable, Sendable {
        /// Column.
        public var x: Int
        /// Row.
        public var y: Int

        /// Creates a tap.
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    struct Contact {
        var start: (x: Int, y: Int)?
        var last: (x: Int, y: Int)?
        var primary: Bool
        var ended = false
    }

    /// Raw to screen mapping.
    public var calibration: TouchCalibration
    /// Screen width in pixels.
    public var width: Int
    /// Screen height in pixels.
    public var height: Int
    /// How far a finger may slide and still tap.
    public var slop: Int

    private var slot = 0
    private var contacts: [Int: Contact] = [:]
    /// Last raw position per slot: the kernel sends only axes that changed, also for a new contact in the slot.
    private var positions: [Int: (x: Int32?, y: Int32?)] = [:]
    private var singleRaw: (x: Int32?, y: Int32?) = (nil, nil)
    private var spoiled = false
    private var singleTouch = Contact(primary: true)
    private var singleDown = false
    private var singleChanged = false

    /// Creates a tracker for a screen of the given size.
    public init(calibration: TouchCalibration, width: Int, height: Int, slop: Int = 48) {
        self.calibration = calibration
        self.width = width
        self.height = height
        self.slop = slop
    }

    /// Feeds one event; returns a tap when a `SYN_REPORT` completes one.
    public mutating func feed(_ event: InputEvent) -> Tap? {
        switch (event.type, event.code) {
        case (InputEvent.absolute, InputEvent.slot):
            slot = Int(event.value)
        case (InputEvent.absolute, InputEvent.trackingID):
            if event.value >= 0 {
                let primary = contacts.values.allSatisfy(\.ended) && !spoiled
                if !primary { spoiled = true }
                contacts[slot] = Contact(primary: primary)
            } else {
                contacts[slot]?.ended = true
            }
        case (InputEvent.absolute, InputEvent.positionX):
            positions[slot, default: (nil, nil)].x = event.value
        case (InputEvent.absolute, InputEvent.positionY):
            positions[slot, default: (nil, nil)].y = event.value
        case (InputEvent.absolute, InputEvent.absoluteX):
            singleRaw.x = event.value
            singleChanged = true
        case (InputEvent.absolute, InputEvent.absoluteY):
            singleRaw.y = event.value
            singleChanged = true
        case (InputEvent.key, InputEvent.buttonTouch):
            singleDown = event.value != 0
            singleChanged = true
        case (InputEvent.synchronization, InputEvent.report):
            return report()
        default:
            break
        }
        return nil
    }

    private mutating func report() -> Tap? {
        // Protocol B: devices that send slots never need the single-touch path.
        if !contacts.isEmpty {
            var tap: Tap?
            for (key, var contact) in contacts {
                if !contact.ended, let rawX = positions[key]?.x, let rawY = positions[key]?.y {
                    let point = calibration.point(rawX: rawX, rawY: rawY, width: width, height: height)
                    if contact.start == nil { contact.start = point }
                    contact.last = point
                }
                if contact.ended {
                    if contact.primary && !spoiled, let start = contact.start, let last = contact.last,
                        abs(last.x - start.x) <= slop && abs(last.y - start.y) <= slop
                    {
                        tap = Tap(x: start.x, y: start.y)
                    }
                    contacts[key] = nil
                } else {
                    contacts[key] = contact
                }
            }
            if contacts.isEmpty { spoiled = false }
            return tap
        }
        guard singleChanged else { return nil }
        singleChanged = false
        if singleDown, let rawX = singleRaw.x, let rawY = singleRaw.y {
            let point = calibration.point(rawX: rawX, rawY: rawY, width: width, height: height)
            if singleTouch.start == nil { singleTouch.start = point }
            singleTouch.last = point
            singleTouch.ended = true
            return nil
        }
        defer { singleTouch.start = nil; singleTouch.last = nil; singleTouch.ended = false }
        guard !singleDown, singleTouch.ended, let start = singleTouch.start, let last = singleTouch.last,
            abs(last.x - start.x) <= slop && abs(last.y - start.y) <= slop
        else { return nil }
        return Tap(x: start.x, y: start.y)
    }
}

/// The headphone jack's switch as a Linux input node reports it: the `SW_HEADPHONE_INSERT` bit of the switch
/// bitmap (`EVIOCGSW`) when the node is opened, then `EV_SW` events, each frame closed by `SYN_REPORT`.
///
/// Pure decoding: the reader asks the kernel for the bitmap and feeds the events; this says when the state
/// changed. The kiosk starts with headphones out, so a jack that is empty at open reports nothing.
public struct HeadphoneJack: Sendable, Equatable {
    /// What one event means for the reader.
    public enum Outcome: Sendable, Equatable {
        /// Headphones went in (true) or came out (false).
        case changed(plugged: Bool)
        /// The kernel dropped events (`SYN_DROPPED`): read the bitmap again once the frame has ended.
        case readSwitchesAgain
    }

    /// `EV_SW`.
    public static let switchType: UInt16 = 0x05
    /// `SW_HEADPHONE_INSERT`.
    public static let headphoneInsert: UInt16 = 0x02
    /// `SYN_DROPPED`.
    public static let dropped: UInt16 = 0x03
    /// Bytes asked for with `EVIOCGSW`: `SW_MAX` is 0x10, so three would do; a whole `long` is what evdev tools pass.
    public static let switchBitmapSize = 8

    /// The state the kiosk acts on (false until the jack says otherwise).
    public private(set) var plugged = false
    /// The switch value seen in the current frame, applied at its `SYN_REPORT`.
    private var pending: Bool?
    /// After `SYN_DROPPED` everything up to and including the next `SYN_REPORT` is stale.
    private var discarding = false

    /// Starts with headphones out.
    public init() {}

    /// The state from an `EVIOCGSW` bitmap (bit n in byte n / 8, as the kernel's `unsigned long` array lays it
    /// out on a little-endian machine); the new state when it differs from the one acted on.
    public mutating func read(switchBitmap bytes: [UInt8]) -> Bool? {
        let index = Int(Self.headphoneInsert) / 8
        let bit = UInt8(1) << (Self.headphoneInsert % 8)
        return settle(bytes.indices.contains(index) && bytes[index] & bit != 0)
    }

    /// One event from the node; nil when it changes nothing the kiosk acts on.
    public mutating func feed(_ event: InputEvent) -> Outcome? {
        switch (event.type, event.code) {
        case (InputEvent.synchronization, Self.dropped):
            discarding = true
            pending = nil
            return nil
        case (InputEvent.synchronization, InputEvent.report):
            if discarding {
                discarding = false
                return .readSwitchesAgain
            }
            guard let value = pending else { return nil }
            pending = nil
            return settle(value).map { .changed(plugged: $0) }
        case (Self.switchType, Self.headphoneInsert) where !discarding:
            pending = event.value != 0
            return nil
        default:
            return nil
        }
    }

    /// The node went away (a USB sound card unplugged): headphones on it can no longer be heard, so they count
    /// as pulled out; true when that changes the state.
    public mutating func lost() -> Bool {
        pending = nil
        discarding = false
        return settle(false) != nil
    }

    private mutating func settle(_ value: Bool) -> Bool? {
        guard value != plugged else { return nil }
        plugged = value
        return value
    }
}

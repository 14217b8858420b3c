/// One record read from a Linux evdev node (`struct input_event`): type, code and value; the time is not needed.
public struct InputEvent: Hashable, Sendable {
    /// EV_SYN, EV_KEY, EV_ABS ...
    public var type: UInt16
    /// KEY_*, BTN_*, ABS_* depending on the type.
    public var code: UInt16
    /// 1 pressed, 0 released, 2 repeated for keys; the position for axes.
    public var value: Int32

    /// Creates an event.
    public init(type: UInt16, code: UInt16, value: Int32) {
        self.type = type
        self.code = code
        self.value = value
    }

    /// `struct input_event` is a `struct timeval` (two longs) followed by u16 type, u16 code and s32 value.
    public static let recordSize = 2 * MemoryLayout<Int>.size + 8

    /// The whole records in `bytes`, in order; a trailing partial record is left out.
    public static func decode(_ bytes: some Collection<UInt8>) -> [InputEvent] {
        let array = Array(bytes)
        var events: [InputEvent] = []
        var offset = 0
        while offset + recordSize <= array.count {
            let base = offset + 2 * MemoryLayout<Int>.size
            // evdev writes host byte order; every Linux target Swift runs on is little-endian.
            let type = UInt16(array[base]) | UInt16(array[base + 1]) << 8
            let code = UInt16(array[base + 2]) | UInt16(array[base + 3]) << 8
            let raw = UInt32(array[base + 4]) | UInt32(array[base + 5]) << 8 | UInt32(array[base + 6]) << 16 | UInt32(array[base + 7]) << 24
            events.append(InputEvent(type: type, code: code, value: Int32(bitPattern: raw)))
            offset += recordSize
        }
        return events
    }

    /// `EV_SYN`.
    public static let synchronization: UInt16 = 0x00
    /// `EV_KEY`.
    public static let key: UInt16 = 0x01
    /// `EV_ABS`.
    public static let absolute: UInt16 = 0x03
    /// `SYN_REPORT`.
    public static let report: UInt16 = 0x00
    /// `BTN_TOUCH`.
    public static let buttonTouch: UInt16 = 0x14A
    /// `ABS_X`.
    public static let absoluteX: UInt16 = 0x00
    /// `ABS_Y`.
    public static let absoluteY: UInt16 = 0x01
    /// `ABS_MT_SLOT`.
    public static let slot: UInt16 = 0x2F
    /// `ABS_MT_POSITION_X`.
    public static let positionX: UInt16 = 0x35
    /// `ABS_MT_POSITION_Y`.
    public static let positionY: UInt16 = 0x36
    /// `ABS_MT_TRACKING_ID`.
    public static let trackingID: UInt16 = 0x39
}

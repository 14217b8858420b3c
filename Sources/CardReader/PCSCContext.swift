import CPCSCLite

#if canImport(Glibc)
import Glibc
#endif

/// The reader name that makes SCardGetStatusChange also wake when readers come or go (pcsc-lite's
/// `\\?PnP?\Notification`).
let plugAndPlayReader = "\\\\?PnP?\\Notification"

/// pcsc-lite's reader state flags (pcsclite.h).
enum ReaderStateFlag {
    static let unaware: UInt32 = 0x0000
    static let ignore: UInt32 = 0x0001
    static let changed: UInt32 = 0x0002
    static let unknown: UInt32 = 0x0004
    static let unavailable: UInt32 = 0x0008
    static let empty: UInt32 = 0x0010
    static let present: UInt32 = 0x0020
    static let mute: UInt32 = 0x0200
}

/// One reader's state as SCardGetStatusChange reports it.
struct ReaderStatus: Sendable {
    /// The reader's name (the PnP pseudo reader included).
    var reader: String
    /// The state this side last saw; pcsc-lite waits until the reader's state differs from it.
    var currentState: UInt32
    /// The state pcsc-lite reported.
    var eventState: UInt32 = 0
    /// The card's answer to reset, when one is present.
    var atr: [UInt8] = []
}

/// One PC/SC context: established in init, released in deinit.
///
/// pcsc-lite contexts must not be used by two threads at once; the one exception is `cancel()`, which
/// pcsc-lite documents as callable from another thread to wake a waiting SCardGetStatusChange.
final class PCSCContext: @unchecked Sendable {
    // @unchecked: `handle` is immutable; the owner thread makes every call except `cancel()`, which
    // pcsc-lite allows from any thread (winscard_clnt.c takes the context's own lock).

    let handle: SCARDCONTEXT

    /// Establishes a system-scope context; fails with SCARD_E_NO_SERVICE while pcscd is not running.
    init() throws(PCSCError) {
        var handle: SCARDCONTEXT = 0
        try PCSCError.check(SCardEstablishContext(DWORD(SCARD_SCOPE_SYSTEM), nil, nil, &handle), "SCardEstablishContext")
        self.handle = handle
    }

    deinit { SCardReleaseContext(handle) }

    /// The attached readers' names; empty when there are none.
    func readers() throws(PCSCError) -> [String] {
        var length: DWORD = 0
        let sizing = SCardListReaders(handle, nil, nil, &length)
        if UInt32(truncatingIfNeeded: sizing) == 0x8010_002E { return [] }
        try PCSCError.check(sizing, "SCardListReaders")
        var buffer = [CChar](repeating: 0, count: Int(length))
        let listing = SCardListReaders(handle, nil, &buffer, &length)
        if UInt32(truncatingIfNeeded: listing) == 0x8010_002E { return [] }
        try PCSCError.check(listing, "SCardListReaders")
        // A multi-string: names separated by NUL, ended by an empty name.
        return buffer.split(separator: 0, omittingEmptySubsequences: true).map {
            String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Waits until one of `states` differs from its `currentState`, or `timeoutMilliseconds` pass
    /// (`UInt32.max` waits for ever); fills in `eventState` and `atr`.
    func waitForChange(_ states: inout [ReaderStatus], timeoutMilliseconds: UInt32) throws(PCSCError) {
        // The C strings must live as long as the call: strdup them, free them after.
        let names = states.map { strdup($0.reader) }
        defer { names.forEach { free($0) } }
        var raw = states.enumerated().map { index, state in
            var entry = SCARD_READERSTATE()
            entry.szReader = UnsafePointer(names[index])
            entry.dwCurrentState = DWORD(state.currentState)
            return entry
        }
        let result = SCardGetStatusChange(handle, DWORD(timeoutMilliseconds), &raw, DWORD(raw.count))
        try PCSCError.check(result, "SCardGetStatusChange")
        for index in states.indices {
            states[index].eventState = UInt32(truncatingIfNeeded: raw[index].dwEventState)
            let count = min(Int(raw[index].cbAtr), Int(MAX_ATR_SIZE))
            states[index].atr = withUnsafeBytes(of: raw[index].rgbAtr) { Array($0.prefix(count)) }
        }
    }

    /// Wakes a waiting `waitForChange` on this context (it then fails with SCARD_E_CANCELLED).
    func cancel() { _ = SCardCancel(handle) }
}

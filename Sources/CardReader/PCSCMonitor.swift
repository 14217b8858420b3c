import CPCSCLite
import Foundation
public import KioskCore
public import Logging

/// Watches every PC/SC reader: readers plugged in and out, cards put on and taken off, pcscd going away and
/// coming back. The real twin of `EmulatedCardReader`.
///
/// One owner thread makes every pcsc-lite call on one context and blocks in SCardGetStatusChange with the
/// readers plus `\\?PnP?\Notification`; `shutdown()` wakes it with SCardCancel. When pcscd stops
/// (SCARD_E_NO_SERVICE or SCARD_E_SERVICE_STOPPED) the monitor reports the readers as removed, releases the
/// context and tries a new one every `reconnectInterval` until pcscd is back.
public final class PCSCMonitor: CardReading, @unchecked Sendable {
    // @unchecked: `context` and `stopRequested` are read and written under `lock`; all other state lives on
    // the owner thread.

    private let logger: Logger
    private let reconnectInterval: Duration
    private let stream: AsyncStream<CardReaderEvent>
    private let continuation: AsyncStream<CardReaderEvent>.Continuation
    private let lock = NSLock()
    private var context: PCSCContext?
    private var stopRequested = false
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts the owner thread; events begin with `.readerAdded` for each reader already attached.
    public init(logger: Logger, reconnectInterval: Duration = .milliseconds(500)) {
        self.logger = logger
        self.reconnectInterval = reconnectInterval
        (stream, continuation) = AsyncStream.makeStream(of: CardReaderEvent.self, bufferingPolicy: .bufferingNewest(256))
        let thread = Thread { [self] in run() }
        thread.name = "pcsc-monitor"
        thread.start()
    }

    /// The events, in order, until `shutdown()`; one consumer.
    public func events() -> AsyncStream<CardReaderEvent> { stream }

    /// Stops watching, releases the context and ends the event stream; returns when done. Idempotent.
    public func shutdown() {
        let first = lock.withLock {
            defer { stopRequested = true }
            context?.cancel()
            return !stopRequested
        }
        guard first else { return }
        wake.signal()
        stopped.wait()
    }

    private var isStopRequested: Bool { lock.withLock { stopRequested } }

    private func run() {
        var serviceReported = false
        while !isStopRequested {
            let current: PCSCContext
            do {
                current = try PCSCContext()
            } catch {
                if !serviceReported {
                    logger.info("pcsc.service.unavailable", metadata: ["kiosk.pcsc.code": "\(error.name)"])
                    continuation.yield(.serviceUnavailable(problem: error.message))
                    serviceReported = true
                }
                _ = wake.wait(timeout: .now() + .milliseconds(Int(reconnectInterval / .milliseconds(1))))
                continue
            }
            // Publish the context so that shutdown() can cancel its wait; a stop that came in between is seen
            // at the next check.
            let proceed = lock.withLock {
                context = current
                return !stopRequested
            }
            if serviceReported {
                logger.info("pcsc.service.back")
                serviceReported = false
            }
            if proceed {
                watch(current)
            }
            lock.withLock { context = nil }
        }
        continuation.finish()
        stopped.signal()
    }

    /// Watches on one context until shutdown or until pcscd goes away; reports everything it saw as gone
    /// before it returns.
    private func watch(_ context: PCSCContext) {
        var readers: [ReaderStatus] = []
        var pnp = ReaderStatus(reader: plugAndPlayReader, currentState: ReaderStateFlag.unaware)
        var listChanged = true
        defer {
            for reader in readers {
                if reader.currentState & ReaderStateFlag.present != 0 {
                    continuation.yield(.cardRemoved(reader: reader.reader))
                }
                continuation.yield(.readerRemoved(reader: reader.reader))
            }
        }
        while !isStopRequested {
            do {
                if listChanged {
                    readers = try refreshReaders(context, known: readers)
                    listChanged = false
                }
                var states = readers + [pnp]
                try context.waitForChange(&states, timeoutMilliseconds: UInt32.max)
                pnp = states.removeLast()
                if pnp.eventState & ReaderStateFlag.changed != 0 { listChanged = true }
                pnp.currentState = pnp.eventState & ~ReaderStateFlag.changed
                for index in states.indices {
                    let state = states[index]
                    if state.eventState & (ReaderStateFlag.unknown | ReaderStateFlag.ignore) != 0 { listChanged = true }
                    guard state.eventState & ReaderStateFlag.changed != 0 else { continue }
                    let wasPresent = readers[index].currentState & ReaderStateFlag.present != 0
                    let isPresent = state.eventState & ReaderStateFlag.present != 0
                    if isPresent && !wasPresent {
                        logger.info("pcsc.card.inserted", metadata: ["kiosk.card.reader": "\(state.reader)"])
                        continuation.yield(.cardInserted(reader: state.reader, atr: state.atr))
                    } else if wasPresent && !isPresent {
                        logger.info("pcsc.card.removed", metadata: ["kiosk.card.reader": "\(state.reader)"])
                        continuation.yield(.cardRemoved(reader: state.reader))
                    }
                    readers[index].currentState = state.eventState & ~ReaderStateFlag.changed
                    readers[index].atr = state.atr
                }
            } catch {
                if error.isTimeoutOrCancel { continue }
                if error.isServiceGone {
                    logger.info("pcsc.service.lost", metadata: ["kiosk.pcsc.code": "\(error.name)"])
                    continuation.yield(.serviceUnavailable(problem: error.message))
                    return
                }
                // Anything else: start over on a fresh context rather than spin on a broken one.
                logger.warning(
                    "pcsc.monitor.error",
                    metadata: ["kiosk.pcsc.code": "\(error.name)", "kiosk.pcsc.operation": "\(error.operation)"])
                _ = wake.wait(timeout: .now() + .milliseconds(200))
                return
            }
        }
    }

    /// The new reader list, keeping what is known about readers that stayed; reports added and removed ones.
    private func refreshReaders(_ context: PCSCContext, known: [ReaderStatus]) throws(PCSCError) -> [ReaderStatus] {
        let names = try context.readers()
        var result: [ReaderStatus] = []
        for reader in known where !names.contains(reader.reader) {
            if reader.currentState & ReaderStateFlag.present != 0 {
                continuation.yield(.cardRemoved(reader: reader.reader))
            }
            logger.info("pcsc.reader.removed", metadata: ["kiosk.card.reader": "\(reader.reader)"])
            continuation.yield(.readerRemoved(reader: reader.reader))
        }
        for name in names {
            if let existing = known.first(where: { $0.reader == name }) {
                result.append(existing)
            } else {
                logger.info("pcsc.reader.added", metadata: ["kiosk.card.reader": "\(name)"])
                continuation.yield(.readerAdded(reader: name))
                result.append(ReaderStatus(reader: name, currentState: ReaderStateFlag.unaware))
            }
        }
        return result
    }
}

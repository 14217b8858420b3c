public import KioskCore
public import KioskUI

/// Runs a kiosk session on a terminal: keys in, screens out, a tick a second for the idle timeout.
///
/// Returns when the citizen-facing loop ends: Ctrl-C or Ctrl-D at the keyboard, or the task being cancelled
/// (SIGTERM through the service group). The terminal is restored in every case by the caller closing it.
public struct TerminalKiosk: Sendable {
    let loop: KioskLoop

    /// Creates the loop for a session on an opened terminal, with the terminal's scanner if it has one;
    /// `onFirstScreen` runs once the first screen is drawn (kioskd tells systemd it is ready then).
    public init(
        session: KioskSession, terminal: TerminalSession, scanner: (any BarcodeScanning)? = nil,
        cardReader: (any CardReading)? = nil, onFirstScreen: @escaping @Sendable () -> Void = {}
    ) {
        loop = KioskLoop(
            session: session, output: terminal, sources: [ScreenInputSource(Self.inputs(of: terminal), endsLoop: true)],
            scanner: scanner, cardReader: cardReader, onFirstScreen: onFirstScreen)
    }

    /// The terminal's keys and resizes as screen inputs; ends when the terminal does.
    public static func inputs(of terminal: TerminalSession) -> AsyncStream<ScreenInput> {
        let (stream, continuation) = AsyncStream.makeStream(of: ScreenInput.self)
        let task = Task {
            for await event in terminal.events() {
                switch event {
                case .key(let key): continuation.yield(.key(key))
                case .resize: continuation.yield(.redraw)
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Maps terminal keys to kiosk inputs; nil for keys that end the program.
    static func input(for key: Key) -> KioskInput? { KioskLoop.input(for: key) }

    /// Runs until Ctrl-C / Ctrl-D or cancellation.
    public func run() async {
        await loop.run()
    }
}

public import KioskCore
public import KioskUI
import Foundation

/// Runs a kiosk session on a terminal: keys in, screens out, a tick a second for the idle timeout.
///
/// Returns when the citizen-facing loop ends: Ctrl-C or Ctrl-D at the keyboard, or the task being cancelled
/// (SIGTERM through the service group). The terminal is restored in every case by the caller closing it.
public struct TerminalKiosk: Sendable {
    let session: KioskSession
    let terminal: TerminalSession
    let scanner: (any BarcodeScanning)?
    let cardReader: (any CardReading)?
    let onFirstScreen: @Sendable () -> Void
    let lastDrawn = LastDrawn()

    /// Creates the loop for a session on an opened terminal, with the terminal's scanner if it has one;
    /// `onFirstScreen` runs once the first screen is drawn (kioskd tells systemd it is ready then).
    public init(
        session: KioskSession, terminal: TerminalSession, scanner: (any BarcodeScanning)? = nil,
        cardReader: (any CardReading)? = nil, onFirstScreen: @escaping @Sendable () -> Void = {}
    ) {
        self.session = session
        self.terminal = terminal
        self.scanner = scanner
        self.cardReader = cardReader
        self.onFirstScreen = onFirstScreen
    }

    enum Event: Sendable {
        case terminal(TerminalEvent)
        case scanner(ScannerEvent)
        case card(CardReaderEvent)
        case tick
    }

    /// Maps terminal keys to kiosk inputs; nil for keys that end the program.
    static func input(for key: Key) -> KioskInput? {
        switch key {
        case .digit(let digit): .digit(digit)
        case .up, .left: .up
        case .down, .right, .tab: .down
        case .enter: .confirm
        case .escape: .back
        case .backspace: .deleteBackward
        case .function(2): .toggleLanguage
        case .function(9): .technician
        case .character(let character): .character(character)
        case .interrupt, .endOfInput: nil
        default: .other
        }
    }

    /// Runs until Ctrl-C / Ctrl-D or cancellation.
    public func run() async {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        let terminal = self.terminal
        let keys = Task {
            for await event in terminal.events() { continuation.yield(.terminal(event)) }
            continuation.finish()
        }
        let scanner = self.scanner
        let scans = Task {
            guard let scanner else { return }
            for await event in scanner.events() { continuation.yield(.scanner(event)) }
        }
        let cardReader = self.cardReader
        let cards = Task {
            guard let cardReader else { return }
            for await event in cardReader.events() { continuation.yield(.card(event)) }
        }
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.tick)
            }
        }
        defer {
            keys.cancel()
            scans.cancel()
            cards.cancel()
            ticks.cancel()
            continuation.finish()
        }
        await draw(await session.screen())
        onFirstScreen()
        await withTaskCancellationHandler {
            for await event in events {
                switch event {
                case .tick:
                    // Also picks up what arrived in the background (calls, a new catalog) without a key press.
                    let changed = await session.tick()
                    let screen = if let changed { changed } else { await session.screen() }
                    if screen != lastDrawn.screen { await draw(screen) }
                case .terminal(.resize):
                    await draw(await session.screen())
                case .terminal(.key(let key)):
                    guard let input = Self.input(for: key) else { return }
                    await draw(await session.handle(input))
                case .scanner(let event):
                    await draw(await session.handle(scanner: event))
                case .card(let event):
                    await draw(await session.handle(card: event))
                }
            }
        } onCancel: {
            continuation.finish()
        }
    }

    func draw(_ screen: Screen) async {
        lastDrawn.screen = screen
        do {
            try terminal.checkSize()
            terminal.render(screen)
        } catch {
            terminal.showMessage(error.description)
        }
    }
}

/// The screen drawn last; only the kiosk loop's task touches it.
final class LastDrawn: @unchecked Sendable {
    // @unchecked: read and written only from `TerminalKiosk.run()`'s single loop, one event at a time.
    var screen: Screen?
}

public import KioskUI
import Foundation

/// Runs a kiosk session on a terminal: keys in, screens out, a tick a second for the idle timeout.
///
/// Returns when the citizen-facing loop ends: Ctrl-C or Ctrl-D at the keyboard, or the task being cancelled
/// (SIGTERM through the service group). The terminal is restored in every case by the caller closing it.
public struct TerminalKiosk: Sendable {
    let session: KioskSession
    let terminal: TerminalSession

    /// Creates the loop for a session on an opened terminal.
    public init(session: KioskSession, terminal: TerminalSession) {
        self.session = session
        self.terminal = terminal
    }

    enum Event: Sendable {
        case terminal(TerminalEvent)
        case tick
    }

    /// Maps terminal keys to kiosk inputs; nil for keys that end the program.
    static func input(for key: Key) -> KioskInput? {
        switch key {
        case .digit(let digit): .digit(digit)
        case .up, .left: .up
        case .down, .right, .tab: .down
        case .enter: .confirm
        case .escape, .backspace: .back
        case .character("l"), .character("L"), .function(2): .toggleLanguage
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
        let ticks = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.tick)
            }
        }
        defer {
            keys.cancel()
            ticks.cancel()
            continuation.finish()
        }
        await draw(await session.screen())
        await withTaskCancellationHandler {
            for await event in events {
                switch event {
                case .tick:
                    if let screen = await session.tick() { await draw(screen) }
                case .terminal(.resize):
                    await draw(await session.screen())
                case .terminal(.key(let key)):
                    guard let input = Self.input(for: key) else { return }
                    await draw(await session.handle(input))
                }
            }
        } onCancel: {
            continuation.finish()
        }
    }

    func draw(_ screen: Screen) async {
        do {
            try terminal.checkSize()
            terminal.render(screen)
        } catch {
            terminal.showMessage(error.description)
        }
    }
}

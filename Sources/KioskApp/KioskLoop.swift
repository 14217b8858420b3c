public import KioskCore
public import KioskUI
import Foundation

/// What reaches the kiosk loop from the screen's side: a key (terminal, keyboard, keypad), a tap, or the
/// headphone jack's switch.
public enum ScreenInput: Hashable, Sendable {
    /// A key.
    case key(Key)
    /// A touch at screen pixel (`x`, `y`).
    case tap(x: Int, y: Int)
    /// Headphones plugged into the jack (true) or pulled out (false).
    case headphones(plugged: Bool)
    /// Draw the current screen again (the terminal was resized).
    case redraw
}

/// One stream of screen inputs and whether its end ends the loop (the terminal closing does; a keypad does not).
public struct ScreenInputSource: Sendable {
    /// The inputs.
    public var inputs: AsyncStream<ScreenInput>
    /// Whether the loop ends when this stream ends.
    public var endsLoop: Bool

    /// Creates a source.
    public init(_ inputs: AsyncStream<ScreenInput>, endsLoop: Bool = false) {
        self.inputs = inputs
        self.endsLoop = endsLoop
    }
}

/// Runs a kiosk session on any screen output: inputs in, screens out, a tick a second for the idle timeout.
///
/// The session builds screens and never learns which output shows them; the output says what a tap hit, the
/// loop turns that into the same input the key printed on the button would give.
public struct KioskLoop: Sendable {
    let session: KioskSession
    let output: any ScreenOutput
    let sources: [ScreenInputSource]
    let scanner: (any BarcodeScanning)?
    let cardReader: (any CardReading)?
    let onFirstScreen: @Sendable () -> Void
    let lastDrawn = LastDrawn()

    /// Creates the loop; `onFirstScreen` runs once the first screen is shown (kioskd tells systemd then).
    public init(
        session: KioskSession, output: any ScreenOutput, sources: [ScreenInputSource],
        scanner: (any BarcodeScanning)? = nil, cardReader: (any CardReading)? = nil,
        onFirstScreen: @escaping @Sendable () -> Void = {}
    ) {
        self.session = session
        self.output = output
        self.sources = sources
        self.scanner = scanner
        self.cardReader = cardReader
        self.onFirstScreen = onFirstScreen
    }

    enum Event: Sendable {
        case input(ScreenInput)
        case ended
        case scanner(ScannerEvent)
        case card(CardReaderEvent)
        case tick
    }

    /// Maps keys to kiosk inputs; nil for keys that end the program (Ctrl-C, Ctrl-D).
    public static func input(for key: Key) -> KioskInput? {
        switch key {
        case .digit(let digit): .digit(digit)
        case .up, .left: .up
        case .down, .right, .tab: .down
        case .enter: .confirm
        case .escape: .back
        case .backspace: .deleteBackward
        case .function(2): .toggleLanguage
        case .function(3): .toggle(.highContrast)
        case .function(4): .toggle(.largeText)
        case .function(9): .technician
        case .character(let character): .character(character)
        case .interrupt, .endOfInput: nil
        default: .other
        }
    }

    /// The input a touched button stands for: the key printed on it ("3", "W", "Enter", "Esc", "⌫", "F2");
    /// nil for hints that name a group of keys ("1-9", "↑↓").
    public static func input(forLabel key: String) -> KioskInput? {
        switch key {
        case "Enter": .confirm
        case "Esc": .back
        case "⌫": .deleteBackward
        case "F2": .toggleLanguage
        case "F3": .toggle(.highContrast)
        case "F4": .toggle(.largeText)
        default:
            if key.count == 1, let character = key.first {
                if let digit = character.wholeNumberValue { .digit(digit) } else { .character(character) }
            } else {
                nil
            }
        }
    }

    /// The input for a touched target of `screen`.
    public static func input(for target: ScreenTarget, on screen: Screen) -> KioskInput? {
        switch target {
        case .option(let index):
            guard screen.options.indices.contains(index), screen.options[index].enabled else { return nil }
            return input(forLabel: screen.options[index].key)
        case .footer(let index):
            guard screen.footer.indices.contains(index) else { return nil }
            return input(forLabel: screen.footer[index].key)
        case .mode(let mode):
            return .toggle(mode)
        case .key(let key):
            return input(forLabel: key)
        case .page:
            return nil
        }
    }

    /// Runs until an ending source ends, an ending key arrives, or the task is cancelled.
    public func run() async {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        var tasks = sources.map { source in
            Task {
                for await input in source.inputs { continuation.yield(.input(input)) }
                if source.endsLoop { continuation.yield(.ended) }
            }
        }
        let scanner = self.scanner
        tasks.append(Task {
            guard let scanner else { return }
            for await event in scanner.events() { continuation.yield(.scanner(event)) }
        })
        let cardReader = self.cardReader
        tasks.append(Task {
            guard let cardReader else { return }
            for await event in cardReader.events() { continuation.yield(.card(event)) }
        })
        tasks.append(Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.tick)
            }
        })
        defer {
            tasks.forEach { $0.cancel() }
            continuation.finish()
        }
        await draw(await session.screen())
        onFirstScreen()
        await withTaskCancellationHandler {
            for await event in events {
                switch event {
                case .ended:
                    return
                case .tick:
                    // Also picks up what arrived in the background (calls, a new catalog) without a key press.
                    let changed = await session.tick()
                    let screen = if let changed { changed } else { await session.screen() }
                    if screen != lastDrawn.screen { await draw(screen) }
                case .input(.redraw):
                    await draw(await session.screen())
                case .input(.headphones(let plugged)):
                    // The jack's switch (`headphones:` in terminal.yaml): the real way into headphone mode.
                    await draw(await session.headphones(plugged: plugged))
                case .input(.key(.function(5))):
                    // F5 is the technician's stand-in for the jack's switch (a terminal without one, or a test at
                    // the keyboard): it toggles what plugging in and pulling out do.
                    await draw(await session.headphones(plugged: !(await session.headphonesPlugged)))
                case .input(.key(let key)):
                    guard let input = Self.input(for: key) else { return }
                    await draw(await session.handle(input))
                case .input(.tap(let x, let y)):
                    guard let shown = lastDrawn.screen, let target = await output.target(atX: x, y: y),
                        let input = Self.input(for: target, on: shown)
                    else { continue }
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

    /// The screen shown last, for the technician's screenshot of a terminal kiosk.
    public var currentScreen: Screen? { lastDrawn.screen }

    func draw(_ screen: Screen) async {
        lastDrawn.screen = screen
        await output.show(screen)
    }
}

/// The screen drawn last: written by the loop's task, read by the screenshot request.
final class LastDrawn: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var stored: Screen?
    var screen: Screen? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

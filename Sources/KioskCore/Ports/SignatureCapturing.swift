/// What the pad shows while a citizen signs: the line above the signing area, the amount, the two buttons.
public struct SignaturePrompt: Hashable, Sendable {
    /// The instruction, e.g. "Bitte hier unterschreiben".
    public var instruction: String
    /// The amount the signature confirms, if any.
    public var amount: Money?
    /// The language of the amount's formatting and the button labels.
    public var language: Language

    /// A prompt; German by default, as the pad's screen is read at the counter.
    public init(instruction: String = "Bitte hier unterschreiben", amount: Money? = nil, language: Language = .german) {
        self.instruction = instruction
        self.amount = amount
        self.language = language
    }

    /// The label of the confirm button (the same in every language the terminal offers).
    public var confirmLabel: String { "OK" }
    /// The label of the cancel button.
    public var cancelLabel: String { language == .german || language == .easyGerman ? "Abbrechen" : "Cancel" }
}

/// What a signature pad reports during one capture, in order.
public enum SignatureEvent: Hashable, Sendable {
    /// The pen touched the signing area at this point (part of the current stroke).
    case point(PenSample)
    /// The pen was lifted: the current stroke is complete.
    case strokeEnded
    /// Reports from the pad were lost (sequence numbers skipped); `count` is how many.
    case droppedReports(count: Int)
    /// The citizen tapped OK: the capture is over, this is the signature.
    case confirmed(CapturedSignature)
    /// The citizen tapped cancel: the capture is over, nothing is kept.
    case cancelled
    /// The pad went away mid-capture: the capture is over, nothing is kept; the flow may offer to retry.
    case detached(device: String)
}

/// A capture could not start.
public struct SignatureCaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What happened and what to do, in German and English.
    public let problem: Message

    /// An error with its message.
    public init(problem: Message) { self.problem = problem }

    /// The pad is not connected (or not answering).
    public static let notConnected = SignatureCaptureError(
        problem: Message(
            key: "signature.notConnected",
            de: "Das Unterschriftenpad ist nicht angeschlossen. Bitte das USB-Kabel prüfen.",
            en: "The signature pad is not connected. Check the USB cable."))

    /// A capture is already running on this pad.
    public static let busy = SignatureCaptureError(
        problem: Message(key: "signature.busy", de: "Auf dem Unterschriftenpad läuft schon eine Unterschrift.", en: "A signature is already being captured."))

    public var description: String { problem.description }
}

/// A signature pad: a USB driver or its emulated twin.
///
/// `begin` shows the prompt and returns the capture's events; the stream ends after `.confirmed`, `.cancelled`
/// or `.detached`, so a flow that sees the stream end without `.confirmed` has nothing to keep.
public protocol SignatureCapturing: Sendable {
    /// Shows `prompt` and starts a capture; throws when the pad is missing or busy.
    func begin(_ prompt: SignaturePrompt) async throws(SignatureCaptureError) -> AsyncStream<SignatureEvent>
}

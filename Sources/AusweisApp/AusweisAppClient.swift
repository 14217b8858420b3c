public import Foundation

/// The kiosk's side of AusweisApp's SDK (TR-03124 "eID-Kernel" over WebSocket, ws://127.0.0.1:24727/eID-Kernel):
/// the hand-off of an online identification to AusweisApp, which talks to the eID service and the card.
///
/// AusweisApp accepts one client at a time. Messages are JSON objects with "cmd" (to AusweisApp) or "msg"
/// (from it). Personal data never comes through here: AusweisApp gives it to the eID service only. PINs,
/// CANs and PUKs that pass through `enter(_:_:)` are zeroed after sending and never logged.
public final class AusweisAppClient: @unchecked Sendable {
    // @unchecked: every use of `connection` holds `lock`.

    /// AusweisApp's default SDK port.
    public static let defaultPort = 24727

    /// What AusweisApp says about itself (GET_INFO).
    public struct Info: Hashable, Sendable {
        /// "AusweisApp2" (or "AusweisApp" from 2.0 on).
        public var name: String
        /// e.g. "1.26.2".
        public var version: String
        /// The TR-03124 version it implements, e.g. "1.3".
        public var specificationVersion: String
    }

    /// One card reader as AusweisApp sees it (GET_READER_LIST).
    public struct Reader: Hashable, Sendable {
        /// The reader's name (PC/SC readers keep pcscd's name).
        public var name: String
        /// True when the reader is usable.
        public var attached: Bool
        /// True when the reader has a PIN pad (AusweisApp then asks for no PIN).
        public var keypad: Bool
        /// True when a card lies on it (AusweisApp's "card" object is not null).
        public var hasCard: Bool
    }

    private let lock = NSLock()
    private let connection: WebSocketConnection
    private let timeout: Duration

    /// Connects to AusweisApp on `host`:`port`; `timeout` bounds each wait for an answer.
    public init(host: String = "127.0.0.1", port: Int = defaultPort, timeout: Duration = .seconds(10)) throws(AusweisAppError) {
        connection = try WebSocketConnection(host: host, port: port, path: "/eID-Kernel", timeout: timeout)
        self.timeout = timeout
    }

    deinit { connection.close() }

    /// GET_INFO.
    public func info() throws(AusweisAppError) -> Info {
        let answer = try request(["cmd": "GET_INFO"], expecting: "INFO")
        guard let version = answer["VersionInfo"] as? [String: Any], let name = version["Name"] as? String else {
            throw AusweisAppError(.protocolViolation)
        }
        return Info(
            name: name, version: version["Implementation-Version"] as? String ?? "",
            specificationVersion: version["Specification-Version"] as? String ?? "")
    }

    /// GET_READER_LIST.
    public func readers() throws(AusweisAppError) -> [Reader] {
        let answer = try request(["cmd": "GET_READER_LIST"], expecting: "READER_LIST")
        guard let list = answer["readers"] as? [[String: Any]] else { throw AusweisAppError(.protocolViolation) }
        return list.compactMap { entry in
            guard let name = entry["name"] as? String else { return nil }
            return Reader(
                name: name, attached: entry["attached"] as? Bool ?? false, keypad: entry["keypad"] as? Bool ?? false,
                hasCard: entry["card"] is [String: Any])
        }
    }

    /// RUN_AUTH: hands an online identification to AusweisApp. `tcTokenURL` comes from the eID service
    /// (it holds the authorisation certificate). Then follow `next()`: ACCESS_RIGHTS, INSERT_CARD, ENTER_PIN ...
    /// until AUTH, whose "url" is where the citizen's session continues.
    public func startAuthentication(tcTokenURL: URL) throws(AusweisAppError) {
        try send(["cmd": "RUN_AUTH", "tcTokenURL": tcTokenURL.absoluteString])
    }

    /// One message from AusweisApp: its type ("msg") and the whole JSON text.
    public struct Event: Hashable, Sendable {
        /// e.g. "ACCESS_RIGHTS", "INSERT_CARD", "ENTER_PIN", "AUTH".
        public var type: String
        /// The message as AusweisApp sent it.
        public var json: String
    }

    /// The next message from AusweisApp.
    public func next() throws(AusweisAppError) -> Event {
        lock.lock()
        defer { lock.unlock() }
        let text = try connection.receive(timeout: timeout)
        guard let type = try Self.decode(text)["msg"] as? String else { throw AusweisAppError(.protocolViolation) }
        return Event(type: type, json: text)
    }

    /// Answers ACCESS_RIGHTS (ACCEPT) or asks to stop (CANCEL).
    public func accept(_ accepted: Bool) throws(AusweisAppError) {
        try send(["cmd": accepted ? "ACCEPT" : "CANCEL"])
    }

    /// Which secret AusweisApp asked for (ENTER_PIN, ENTER_CAN, ENTER_PUK).
    public enum Secret: String, Sendable {
        /// The PIN (after ENTER_PIN).
        case pin = "SET_PIN"
        /// The card access number (after ENTER_CAN).
        case can = "SET_CAN"
        /// The PUK (after ENTER_PUK).
        case puk = "SET_PUK"
    }

    /// Sends `digits` (ASCII) as the PIN, CAN or PUK AusweisApp asked for, then overwrites them.
    ///
    /// The JSON text necessarily holds the digits for the moment of sending; it is built, sent and dropped
    /// here, never logged.
    public func enter(_ secret: Secret, _ digits: inout [UInt8]) throws(AusweisAppError) {
        defer { for index in digits.indices { digits[index] = 0 } }
        try send(["cmd": secret.rawValue, "value": String(decoding: digits, as: UTF8.self)])
    }

    // MARK: -

    private func send(_ object: [String: Any]) throws(AusweisAppError) {
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { throw AusweisAppError(.protocolViolation) }
        lock.lock()
        defer { lock.unlock() }
        try connection.send(text: String(decoding: data, as: UTF8.self))
    }

    /// Sends `command` and returns the first message of type `expected`; messages AusweisApp sends on its own
    /// in between (READER when a reader changes) are skipped. INVALID and BAD_STATE become errors.
    private func request(_ command: [String: Any], expecting expected: String) throws(AusweisAppError) -> [String: Any] {
        try send(command)
        lock.lock()
        defer { lock.unlock() }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let message = try Self.decode(try connection.receive(timeout: timeout))
            switch message["msg"] as? String {
            case expected: return message
            case "INVALID", "BAD_STATE", "UNKNOWN_COMMAND": throw AusweisAppError(.protocolViolation)
            default: continue
            }
        }
        throw AusweisAppError(.timeout)
    }

    private static func decode(_ text: String) throws(AusweisAppError) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw AusweisAppError(.protocolViolation)
        }
        return object
    }
}

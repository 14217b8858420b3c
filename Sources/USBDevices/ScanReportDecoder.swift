package import KioskCore

/// What a scanner decoder made of the reports it was fed.
package enum DecodedScan: Hashable, Sendable {
    /// A complete code.
    case code(ScannedCode)
    /// Reports that could not be decoded: the citizen scans again.
    case unreadable(Message)
}

/// Turns a scanner's interrupt-IN reports into codes; pure, so it is tested without USB.
///
/// Both calls append what they complete to `output`; a decoder never throws and never traps on bad input:
/// whatever a scanner sends ends in a code, an unreadable scan, or nothing.
package protocol ScanReportDecoder: Sendable {
    /// Feeds one report, received at `now`.
    mutating func feed(_ report: [UInt8], at now: ContinuousClock.Instant, into output: inout [DecodedScan])
    /// Drops a scan whose rest did not come in time; the driver calls this periodically.
    mutating func expire(at now: ContinuousClock.Instant, into output: inout [DecodedScan])
    /// Forgets any scan in progress (the scanner was unplugged or reopened).
    mutating func reset()
}

/// The messages a citizen sees when a scan fails; they say what to do.
package enum ScanProblem {
    /// Part of the code is missing (short report, or the rest never came).
    package static let incomplete = Message(
        key: "scan.incomplete",
        de: "Der Code wurde nicht vollständig gelesen. Bitte scannen Sie ihn noch einmal.",
        en: "The code was not read completely. Please scan it again.")
    /// The scanner sent something that is not a scan report.
    package static let garbled = Message(
        key: "scan.garbled",
        de: "Der Scanner hat unlesbare Daten gesendet. Bitte scannen Sie den Code noch einmal.",
        en: "The scanner sent data that could not be read. Please scan the code again.")
    /// A key of a keyboard-wedge scanner has no character in the configured layout.
    package static let unknownKey = Message(
        key: "scan.unknownKey",
        de: "Ein Zeichen des Codes ist unbekannt. Bitte scannen Sie ihn noch einmal oder wenden Sie sich an das Personal.",
        en: "A character of the code is unknown. Please scan it again or ask the staff.")
}

/// What a scanned code turned out to be, once the site's payload rules have read it.
public enum ScannedPayload: Hashable, Sendable {
    /// An appointment confirmation: check the citizen in.
    case appointment(AppointmentCode)
    /// The QR code of an election notification (Wahlbenachrichtigung): find the polling place.
    case electionNotice(ElectionNoticeCode)
    /// The collection receipt of an ID document: ask whether it is ready.
    case collectionReceipt(applicationNumber: String)
}

/// The part of an appointment confirmation that identifies the appointment.
public enum AppointmentCode: Hashable, Sendable, CustomStringConvertible {
    /// A booking system's process number with its authentication key (ZMS / eappointment style).
    case process(number: String, authKey: String)
    /// A plain booking reference.
    case booking(reference: String)
    /// A check-in code signed by the site's key (towns without a booking system); the terminal verifies it.
    case signed(SignedCheckInCode)

    /// Redacted: the key and the reference are secrets of the citizen's booking.
    public var description: String {
        switch self {
        case .process: "AppointmentCode.process(***)"
        case .booking: "AppointmentCode.booking(***)"
        case .signed: "AppointmentCode.signed(***)"
        }
    }
}

/// What the QR code of an election notification says.
public struct ElectionNoticeCode: Hashable, Sendable, CustomStringConvertible {
    /// The electoral district (Wahlbezirk) as the directory spells it, e.g. "1101".
    public var district: String
    /// The voter's number in the electoral register: personal data, used for nothing but showing that the code
    /// was read; never stored, logged or synced.
    public var voterNumber: String?

    /// A notice code.
    public init(district: String, voterNumber: String?) {
        self.district = district
        self.voterNumber = voterNumber
    }

    /// Redacted: the district only.
    public var description: String { "ElectionNoticeCode(district: \(district))" }
}

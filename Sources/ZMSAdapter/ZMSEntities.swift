/// The parts of ZMS / eappointment entities (zmsentities/schema: process.json, appointment.json, scope.json)
/// that check-in needs. Everything else in the JSON is ignored; the citizen's contact data is never read except
/// the family name, which central keeps for the counter until the day is over.

/// A number ZMS writes either as a JSON number or as a string of digits (both are allowed by its schemas).
struct ZMSNumber: Decodable, Hashable, Sendable {
    var value: Int64

    init(_ value: Int64) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = number
        } else if let double = try? container.decode(Double.self), double.rounded() == double, abs(double) < 1e15 {
            value = Int64(double)
        } else {
            let text = try container.decode(String.self)
            guard let number = Int64(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number")
            }
            value = number
        }
    }
}

/// `process.json`: one booking, with its appointment(s), requested services and clients.
struct ZMSProcess: Decodable, Sendable {
    var id: ZMSNumber
    var authKey: String?
    var status: String?
    var appointments: [ZMSAppointment]?
    var requests: [ZMSRequest]?
    var clients: [ZMSClientEntry]?
}

/// `appointment.json`: the slot(s) booked.
struct ZMSAppointment: Decodable, Sendable {
    var date: ZMSNumber
    var slotCount: ZMSNumber
    var scope: ZMSScopeReference?
    var availability: ZMSAvailability?
}

/// `scope.json`, only its id.
struct ZMSScopeReference: Decodable, Sendable {
    var id: ZMSNumber?
}

/// `availability.json`, only the slot length.
struct ZMSAvailability: Decodable, Sendable {
    var slotTimeInMinutes: ZMSNumber?
}

/// `request.json`: a requested service, by its id in the service directory (e.g. "120335").
struct ZMSRequest: Decodable, Sendable {
    var id: String

    enum CodingKeys: String, CodingKey { case id }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? container.decode(String.self, forKey: .id) {
            id = text
        } else {
            id = String(try container.decode(ZMSNumber.self, forKey: .id).value)
        }
    }
}

/// `client.json`, only the family name.
struct ZMSClientEntry: Decodable, Sendable {
    var familyName: String?
}

/// The envelope every zmsapi answer has: `meta` and `data`.
struct ZMSEnvelope<Payload: Decodable & Sendable>: Decodable, Sendable {
    struct Meta: Decodable, Sendable {
        var error: Bool?
    }

    var meta: Meta?
    var data: Payload?
}

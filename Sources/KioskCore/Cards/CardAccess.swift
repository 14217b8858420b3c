/// The security infos of EF.CardAccess (BSI TR-03110 part 3, A.1.2): which PACE variants a card offers.
///
/// EF.CardAccess is readable without any password and holds no personal data; reading it is how a card
/// whose ATR merely looks like an ID card is confirmed to be one.
public struct CardAccess: Hashable, Sendable {
    /// One PACEInfo: a PACE protocol and its domain parameters.
    public struct PACEInfo: Hashable, Sendable {
        /// The protocol's object identifier, DER content bytes (e.g. PACE-ECDH-GM-AES-CBC-CMAC-128).
        public var protocolIdentifier: [UInt8]
        /// The PACE version (2 for the German ID card).
        public var version: Int
        /// The standardized domain parameter id (13 = brainpoolP256r1), when given.
        public var parameterID: Int?
    }

    /// The PACEInfos, in file order.
    public let paceInfos: [PACEInfo]
    /// The file as read, for the PACE library that parses it again.
    public let bytes: [UInt8]

    /// id-PACE, 0.4.0.127.0.7.2.2.4: every PACE protocol identifier starts with these bytes.
    public static let paceIdentifierPrefix: [UInt8] = [0x04, 0x00, 0x7F, 0x00, 0x07, 0x02, 0x02, 0x04]

    /// Parses the SET OF SecurityInfo; throws when the file is not DER. Unknown security infos are skipped.
    public init(bytes: [UInt8]) throws(TLVError) {
        let top = try TLV.parseAll(bytes)
        guard let set = top.first, set.tag == 0x31 else { throw TLVError.malformed }
        var infos: [PACEInfo] = []
        for info in try set.children() where info.tag == 0x30 {
            let fields = try info.children()
            guard fields.count >= 2, fields[0].tag == 0x06, fields[1].tag == 0x02 else { continue }
            let identifier = fields[0].value
            // A PACEInfo's identifier is id-PACE plus two arcs (key agreement and mapping, cipher);
            // PACEDomainParameterInfo has the same prefix but one arc fewer and a SEQUENCE second.
            guard identifier.count == Self.paceIdentifierPrefix.count + 2,
                identifier.starts(with: Self.paceIdentifierPrefix)
            else { continue }
            let parameter = fields.count >= 3 && fields[2].tag == 0x02 ? Self.integer(fields[2].value) : nil
            infos.append(PACEInfo(protocolIdentifier: identifier, version: Self.integer(fields[1].value), parameterID: parameter))
        }
        paceInfos = infos
        self.bytes = bytes
    }

    private static func integer(_ bytes: [UInt8]) -> Int {
        bytes.suffix(4).reduce(0) { $0 << 8 | Int($1) }
    }
}

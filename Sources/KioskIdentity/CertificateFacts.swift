import Foundation
public import X509
import Crypto
import SwiftASN1
import KioskCore

extension Certificate {
    /// The first common name of the subject, nil when there is none or it is not text.
    public var subjectCommonName: String? { subject.commonName }

    /// The DER encoding.
    public var derBytes: [UInt8] {
        var serializer = DER.Serializer()
        // Serialising a parsed or freshly built certificate cannot fail; an empty result would match nothing.
        try? serializer.serialize(self)
        return serializer.serializedBytes
    }

    /// The certificate in PEM.
    public func pemString() throws -> String {
        try serializeAsPEM().pemString
    }

    /// SHA-256 of the DER encoding, lower-case hex: how the store recognises a certificate it issued.
    public var sha256Hex: String { Hex.lower(SHA256.hash(data: derBytes)) }

    /// SHA-256 of the DER encoding, grouped hex as people compare it: how a technician pins the site CA.
    public var fingerprint: String { Fingerprint.format(SHA256.hash(data: derBytes)) }

    /// The serial number, lower-case hex without separators.
    public var serialHex: String { Hex.lower(serialNumber.bytes) }

    /// Whether `issuer` signed this certificate: names match and the signature verifies with its key.
    public func isSigned(by issuer: Certificate) -> Bool {
        self.issuer == issuer.subject && issuer.publicKey.isValidSignature(signature, for: self)
    }

    /// Parses one PEM-encoded certificate.
    public init(pem: String) throws {
        try self.init(pemEncoded: pem)
    }

    /// Parses a DER-encoded certificate, as a TLS library hands over the peer's.
    public init(der: [UInt8]) throws {
        try self.init(derEncoded: der)
    }

    /// Parses every certificate in a PEM text (a chain), in order.
    public static func chain(pem: String) throws -> [Certificate] {
        try PEMDocument.parseMultiple(pemString: pem).map { try Certificate(pemDocument: $0) }
    }
}

extension Certificate.PublicKey {
    /// SHA-256 of the SubjectPublicKeyInfo, grouped hex as people compare it (see ``Fingerprint``).
    public var fingerprint: String {
        Fingerprint.format(SHA256.hash(data: Array(subjectPublicKeyInfoBytes)))
    }
}

extension DistinguishedName {
    /// The first common name, nil when there is none or it is not text.
    public var commonName: String? {
        for name in self {
            for attribute in name where attribute.type == .RDNAttributeType.commonName {
                return String(attribute.value)
            }
        }
        return nil
    }
}

/// Hex forms of digests and serials.
enum Hex {
    static func lower(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension Array where Element == UInt8 {
    /// Overwrites the bytes with zeros in place, with explicit_bzero so that the compiler cannot drop the
    /// writes as dead stores: for PINs, CANs, PUKs and APDUs that carried them.
    package mutating func zeroize() {
        withUnsafeMutableBytes { if let base = $0.baseAddress { explicit_bzero(base, $0.count) } }
    }
}

import CEAC

/// PACE went wrong on the terminal's or the card's side: the library refused a step, or the other side's
/// token did not verify (a wrong password). Holds no key material and no password.
package struct PACEStepFailure: Error, Hashable, Sendable {
    /// The OpenPACE step that failed, e.g. "PACE_STEP3D_verify_authentication_token".
    package let step: String
}

/// One password for PACE (PIN, CAN, PUK) as OpenPACE holds it; cleared with OPENSSL_cleanse when freed.
package final class PACESecret {
    let secret: UnsafeMutablePointer<PACE_SEC>

    /// Takes `digits` (ASCII), copies them into OpenPACE's secret and overwrites `digits`.
    package init(digits: inout [UInt8], password: PACEPasswordKind) throws(PACEStepFailure) {
        defer { digits.zeroize() }
        let type: s_type =
            switch password {
            case .pin: PACE_PIN
            case .can: PACE_CAN
            case .puk: PACE_PUK
            case .mrz: PACE_MRZ
            }
        let created = digits.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                PACE_SEC_new($0, buffer.count, type)
            }
        }
        guard let created else { throw PACEStepFailure(step: "PACE_SEC_new") }
        secret = created
    }

    deinit { PACE_SEC_clear_free(secret) }
}

/// Which password a PACE run uses; mirrors `PACEPassword` from KioskCore without making CEAC's types public.
package enum PACEPasswordKind: Sendable {
    case mrz, can, pin, puk
}

/// An OpenPACE context for one PACE run and the secure messaging after it, for either side.
///
/// Not Sendable: one PACE run on one thread. Every buffer that crosses into OpenPACE is copied in and out
/// and the library's copy is cleansed before it is freed.
package final class EACContext {
    private let context: UnsafeMutablePointer<EAC_CTX>

    /// A context set up from EF.CardAccess (the first PACEInfo and its domain parameters).
    package init(cardAccess: [UInt8]) throws(PACEStepFailure) {
        EACLibrary.initialise()
        guard let context = EAC_CTX_new() else { throw PACEStepFailure(step: "EAC_CTX_new") }
        self.context = context
        let loaded = cardAccess.withUnsafeBufferPointer { EAC_CTX_init_ef_cardaccess($0.baseAddress, $0.count, context) }
        guard loaded == 1 else { throw PACEStepFailure(step: "EAC_CTX_init_ef_cardaccess") }
    }

    deinit { EAC_CTX_clear_free(context) }

    /// Card side, step 1: a fresh nonce, encrypted with the key derived from the password.
    package func encryptedNonce(_ secret: PACESecret) throws(PACEStepFailure) -> [UInt8] {
        try take(PACE_STEP1_enc_nonce(context, secret.secret), "PACE_STEP1_enc_nonce")
    }

    /// Terminal side, step 2: decrypts the card's nonce with the password.
    package func decryptNonce(_ secret: PACESecret, _ encrypted: [UInt8]) throws(PACEStepFailure) {
        try check(with(encrypted) { PACE_STEP2_dec_nonce(context, secret.secret, $0) }, "PACE_STEP2_dec_nonce")
    }

    /// Step 3A: this side's mapping data.
    package func mappingData() throws(PACEStepFailure) -> [UInt8] {
        try take(PACE_STEP3A_generate_mapping_data(context), "PACE_STEP3A_generate_mapping_data")
    }

    /// Step 3A: the new generator from the other side's mapping data.
    package func mapGenerator(_ other: [UInt8]) throws(PACEStepFailure) {
        try check(with(other) { PACE_STEP3A_map_generator(context, $0) }, "PACE_STEP3A_map_generator")
    }

    /// Step 3B: this side's ephemeral public key.
    package func ephemeralKey() throws(PACEStepFailure) -> [UInt8] {
        try take(PACE_STEP3B_generate_ephemeral_key(context), "PACE_STEP3B_generate_ephemeral_key")
    }

    /// Steps 3B and 3C: the shared secret with the other side's ephemeral key, then the session keys.
    package func deriveKeys(otherEphemeralKey: [UInt8]) throws(PACEStepFailure) {
        try check(
            with(otherEphemeralKey) { PACE_STEP3B_compute_shared_secret(context, $0) }, "PACE_STEP3B_compute_shared_secret")
        try check(PACE_STEP3C_derive_keys(context), "PACE_STEP3C_derive_keys")
    }

    /// Step 3D: this side's authentication token over the other side's ephemeral key.
    package func token(otherEphemeralKey: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        try take(
            with(otherEphemeralKey) { PACE_STEP3D_compute_authentication_token(context, $0) },
            "PACE_STEP3D_compute_authentication_token")
    }

    /// Step 3D: checks the other side's token; fails when the two sides used different passwords.
    package func verify(token: [UInt8]) throws(PACEStepFailure) {
        try check(
            with(token) { PACE_STEP3D_verify_authentication_token(context, $0) }, "PACE_STEP3D_verify_authentication_token")
    }

    /// Switches to secure messaging with the PACE session keys; the send sequence counter starts at 0.
    package func startSecureMessaging() throws(PACEStepFailure) {
        try check(EAC_CTX_set_encryption_ctx(context, CEAC_id_pace()), "EAC_CTX_set_encryption_ctx")
    }

    /// Adds one to the send sequence counter (before every command and every response).
    package func incrementCounter() throws(PACEStepFailure) {
        try check(EAC_increment_ssc(context), "EAC_increment_ssc")
    }

    /// ISO/IEC 9797-1 padding method 2 to the cipher's block size.
    package func pad(_ data: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        try take(with(data) { EAC_add_iso_pad(context, $0) }, "EAC_add_iso_pad")
    }

    /// Removes ISO/IEC 9797-1 padding method 2.
    package func unpad(_ data: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        try take(with(data) { EAC_remove_iso_pad($0) }, "EAC_remove_iso_pad")
    }

    /// Encrypts padded data with the session key (IV from the send sequence counter).
    package func encrypt(_ data: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        try take(with(data) { EAC_encrypt(context, $0) }, "EAC_encrypt")
    }

    /// Decrypts data encrypted by the other side.
    package func decrypt(_ data: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        try take(with(data) { EAC_decrypt(context, $0) }, "EAC_decrypt")
    }

    /// The MAC over the send sequence counter and `data` (padded by the caller).
    package func mac(_ data: [UInt8]) throws(PACEStepFailure) -> [UInt8] {
        try take(with(data) { EAC_authenticate(context, $0) }, "EAC_authenticate")
    }

    // MARK: - buffers

    /// Calls `body` with a temporary BUF_MEM holding `bytes`; the buffer is cleansed and freed afterwards.
    private func with<T>(_ bytes: [UInt8], _ body: (UnsafeMutablePointer<BUF_MEM>) -> T) throws(PACEStepFailure) -> T {
        let buffer = bytes.withUnsafeBufferPointer { CEAC_buf_new($0.baseAddress, $0.count) }
        guard let buffer else { throw PACEStepFailure(step: "BUF_MEM_new") }
        defer { CEAC_buf_clear_free(buffer) }
        return body(buffer)
    }

    /// The bytes of a BUF_MEM the library returned, which is then cleansed and freed; nil means the step failed.
    private func take(_ buffer: UnsafeMutablePointer<BUF_MEM>?, _ step: String) throws(PACEStepFailure) -> [UInt8] {
        guard let buffer else { throw PACEStepFailure(step: step) }
        defer { CEAC_buf_clear_free(buffer) }
        guard let data = buffer.pointee.data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: buffer.pointee.length) {
            Array(UnsafeBufferPointer(start: $0, count: buffer.pointee.length))
        }
    }

    private func check(_ result: Int32, _ step: String) throws(PACEStepFailure) {
        guard result == 1 else { throw PACEStepFailure(step: step) }
    }
}

/// EAC_init once per process (it registers OpenPACE's object identifiers with OpenSSL).
private enum EACLibrary {
    static let once: Void = { EAC_init() }()
    static func initialise() { _ = once }
}

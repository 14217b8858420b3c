// libFuzzer entry for the card answer parsers (ATR, TLV, EF.CardAccess, response APDU, PIN status).
// Built by scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address` together with KioskCore's Cards sources, which
// need nothing but the standard library; see README, "Fuzzing".

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCardParsing(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    if let atr = try? AnswerToReset(bytes: bytes) {
        // What parses must describe itself and be identified without trapping.
        precondition(atr.bytes == bytes)
        _ = atr.description
        _ = CardIdentification.identify(atr: atr, cardAccess: try? CardAccess(bytes: bytes))
    }
    if let objects = try? TLV.parseAll(bytes) {
        precondition((try? TLV.parseAll(objects.flatMap(\.encoded))) == objects, "TLV round trip")
        for object in objects where object.isConstructed { _ = try? object.children() }
    }
    if let access = try? CardAccess(bytes: bytes) {
        for info in access.paceInfos { precondition(info.protocolIdentifier.starts(with: CardAccess.paceIdentifierPrefix)) }
    }
    if let response = ResponseAPDU(bytes) {
        precondition(response.bytes == bytes)
        _ = PINStatus(statusWord: response.status)?.message
    }
    return 0
}

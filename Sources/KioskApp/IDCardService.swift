import CardReader
import Foundation
public import KioskCore

/// What the PIN service flow needs from a card reader: the real one through pcscd, or a test's twin.
public protocol IDCardService: Sendable {
    /// What the card in `reader` is, and its PIN's state when it is an eID document.
    func inspect(reader: String) async -> IDCardFinding
    /// Runs one PIN operation on the card in `reader`; the digits are overwritten once used.
    func perform(_ operation: PINOperation, reader: String) async -> PINOutcome
}

/// A card as the flow sees it.
public enum IDCardFinding: Hashable, Sendable {
    /// An ID card or residence permit that offers PACE, with its PIN's state.
    case eIDDocument(CardKind, PINStatus)
    /// Another card (eGK, girocard, unknown): no PIN service for it.
    case otherCard(CardKind)
    /// The card could not be read: what to tell the citizen.
    case unreadable(Message)
}

/// One PIN operation with its digits (ASCII).
public enum PINOperation: Sendable {
    /// Change the transport PIN (5 digits) or the PIN (6) to a new 6-digit PIN.
    case change(current: [UInt8], new: [UInt8])
    /// Resume a suspended PIN: the CAN, then the PIN.
    case resume(can: [UInt8], pin: [UInt8])
    /// Unblock a blocked PIN with the PUK.
    case unblock(puk: [UInt8])
}

/// How a PIN operation ended.
public enum PINOutcome: Hashable, Sendable {
    /// Done; the PIN's state afterwards when the card told it.
    case done
    /// Refused (wrong PIN, CAN or PUK, blocked ...): what to tell the citizen and the PIN's state if known.
    case failed(Message, status: PINStatus?)
    /// The card was taken off the reader or the reader went away.
    case cardGone
}

/// The real service: pcscd through `CardReader`, each operation on a thread of its own so that the blocking
/// PC/SC calls never hold up the kiosk's loop.
public struct PCSCIDCardService: IDCardService {
    /// Creates the service.
    public init() {}

    public func inspect(reader: String) async -> IDCardFinding {
        await Self.offThread {
            do {
                let channel = try CardChannel(reader: reader)
                defer { channel.close() }
                let inspection = try CardInspection.inspect(channel)
                let kind = inspection.identification.kind
                guard kind.offersPINService, inspection.identification.confirmed, let access = inspection.cardAccess else {
                    return .otherCard(kind)
                }
                let status = try PINService(channel: channel, cardAccess: access).status()
                return .eIDDocument(kind, status)
            } catch let error as PINServiceError {
                return .unreadable(error.message)
            } catch let error as PCSCError {
                return .unreadable(error.message)
            } catch {
                return .unreadable(Message(key: "card.unreadable", de: "Die Karte konnte nicht gelesen werden.", en: "The card could not be read."))
            }
        }
    }

    public func perform(_ operation: PINOperation, reader: String) async -> PINOutcome {
        await Self.offThread {
            do {
                let channel = try CardChannel(reader: reader)
                defer { channel.close() }
                let inspection = try CardInspection.inspect(channel)
                guard let access = inspection.cardAccess else { return .cardGone }
                let service = PINService(channel: channel, cardAccess: access)
                switch operation {
                case .change(var current, var new): try service.changePIN(current: &current, new: &new)
                case .resume(var can, var pin): try service.resume(can: &can, pin: &pin)
                case .unblock(var puk): try service.unblock(puk: &puk)
                }
                return .done
            } catch let error as PINServiceError {
                return error.isCardGone ? .cardGone : .failed(error.message, status: error.pinStatus)
            } catch let error as PCSCError {
                return error.isCardGone ? .cardGone : .failed(error.message, status: nil)
            } catch {
                return .failed(Message(key: "pin.failed", de: "Der Vorgang ist fehlgeschlagen.", en: "The operation failed."), status: nil)
            }
        }
    }

    /// Runs `work` on a new thread and resumes with its result.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "id-card"
            thread.start()
        }
    }
}
